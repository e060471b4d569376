import Foundation
import Testing
import HRSyncCore
@testable import HRSyncCLI

/// What hrsync writes for the user (plan -o, init) and what it reads with secrets in it.
@Suite struct FileSafetyTests {
    @Test func aPlanFileIsCreatedPrivateAndNeverThroughASpecialFile() throws {
        let scratch = try Scratch()
        let plain = scratch.url.appendingPathComponent("saved.plan").path
        try PrivateFile.write(Data("plan".utf8), to: plain)
        #expect(try FileManager.default.attributesOfItem(atPath: plain)[.posixPermissions] as? Int == 0o600)
        try PrivateFile.write(Data("again".utf8), to: plain)
        #expect(try String(contentsOfFile: plain, encoding: .utf8) == "again")

        let target = scratch.url.appendingPathComponent("target").path
        FileManager.default.createFile(atPath: target, contents: Data("keep".utf8))
        let link = scratch.url.appendingPathComponent("link.plan").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let fifo = scratch.url.appendingPathComponent("fifo.plan").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for (path, what) in [(link, "a symbolic link"), (fifo, "a FIFO"), ("/dev/full", "a device"), (scratch.url.path, "a directory")] {
            #expect { try PrivateFile.write(Data("plan".utf8), to: path) } throws: { error in
                (error as? PrivateFile.Failure) == .notRegular(path: path, what: what)
            }
        }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep", "the symlink's target is untouched")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasPrefix(".hrsync-tmp") }.isEmpty)
    }

    @Test func aWriteThatFailsIsReported() throws {
        #expect(throws: PrivateFile.Failure.self) { try PrivateFile.write(Data("x".utf8), to: "/nonexistent-folder/saved.plan") }
    }

    @Test func looseModesOnTheConfigAndSecretFilesAreWarnedAbout() throws {
        let scratch = try Scratch()
        let secret = scratch.url.appendingPathComponent("secret").path
        FileManager.default.createFile(atPath: secret, contents: Data("s3cr3t".utf8), attributes: [.posixPermissions: 0o644])
        let configPath = scratch.url.appendingPathComponent("hrsync.yaml").path
        let yaml = "personio:\n  client_secret_file: \(secret)\nlearning360: {admin_email: a@b.example}\n"
        FileManager.default.createFile(atPath: configPath, contents: Data(yaml.utf8), attributes: [.posixPermissions: 0o666])
        let config = try ConfigLoader.load(yaml: yaml, file: configPath)
        let warnings = Workspace.permissionWarnings(configPath: configPath, config: config)
        #expect(warnings.count == 2, "\(warnings)")
        #expect(warnings.contains { $0.contains("writable by group or others (mode 666)") })
        #expect(warnings.contains { $0.contains("secret file \(secret) is readable by group or others (mode 644)") })
        #expect(!warnings.joined().contains("s3cr3t"))
        chmod(secret, 0o600)
        chmod(configPath, 0o600)
        #expect(Workspace.permissionWarnings(configPath: configPath, config: config).isEmpty)
    }
}
