import Foundation
import HRSyncCore
import HRSyncTestSupport
import Testing

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
        _ = FileManager.default.createFile(atPath: target, contents: Data("keep".utf8))
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

    /// The metrics file (mode 0644) said "Bad file descriptor" whatever the reason: the real errno
    /// of the call that failed, for every mode.
    @Test(arguments: [0o600, 0o644] as [mode_t])
    func aFailedWriteSaysTheRealReason(mode: mode_t) throws {
        let scratch = try Scratch()
        let missing = scratch.url.appendingPathComponent("no-such-folder/metrics.prom").path
        #expect(throws: PrivateFile.Failure.io(path: missing, operation: "create", errno: ENOENT)) {
            try PrivateFile.write(Data("x".utf8), to: missing, mode: mode)
        }
        let file = scratch.url.appendingPathComponent("a-file").path
        _ = FileManager.default.createFile(atPath: file, contents: Data())
        #expect(throws: PrivateFile.Failure.io(path: file + "/metrics.prom", operation: "create", errno: ENOTDIR)) {
            try PrivateFile.write(Data("x".utf8), to: file + "/metrics.prom", mode: mode)
        }
        // A folder nobody may create files in: mode 0500 for an ordinary user; root writes there
        // anyway, but not into sysfs (EACCES even for root).
        let readOnly = scratch.url.appendingPathComponent("read-only")
        try FileManager.default.createDirectory(at: readOnly, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o500])
        defer { chmod(readOnly.path, 0o700) }
        let folder = getuid() == 0 ? "/sys" : readOnly.path
        let probe = open(folder + "/.hrsync-probe", O_WRONLY | O_CREAT | O_EXCL, 0o600)
        let reason = errno
        if probe >= 0 { close(probe); unlink(folder + "/.hrsync-probe") }
        try #require(probe < 0 && reason == EACCES, "\(folder) must refuse new files here")
        #expect(throws: PrivateFile.Failure.io(path: folder + "/metrics.prom", operation: "create", errno: EACCES)) {
            try PrivateFile.write(Data("x".utf8), to: folder + "/metrics.prom", mode: mode)
        }
    }

    /// The same through the binary: the warning names the reason (`plan --offline` writes the file whatever the run did).
    @Test func theMetricsWarningNamesTheRealReason() throws {
        let scratch = try Scratch()
        try "personio: {}\nlearning360: {admin_email: a@b.example}\nstate: {dir: state}\n"
            .write(to: scratch.url.appendingPathComponent("hrsync.yaml"), atomically: true, encoding: .utf8)
        let runner = BinaryRunner(in: scratch)
        #expect(try runner.run("init").status == 0)
        let run = try runner.run("plan", "--offline", "--metrics-file", "missing/metrics.prom")
        #expect(
            run.stderr.contains("metrics not written to missing/metrics.prom: cannot create missing/metrics.prom: No such file or directory"), "\(run.stderr)")
    }

    @Test func looseModesOnTheConfigAndSecretFilesAreWarnedAbout() throws {
        let scratch = try Scratch()
        let secret = scratch.url.appendingPathComponent("secret").path
        _ = FileManager.default.createFile(atPath: secret, contents: Data("s3cr3t".utf8), attributes: [.posixPermissions: 0o644])
        let configPath = scratch.url.appendingPathComponent("hrsync.yaml").path
        let yaml = "personio:\n  client_secret_file: \(secret)\nlearning360: {admin_email: a@b.example}\n"
        _ = FileManager.default.createFile(atPath: configPath, contents: Data(yaml.utf8), attributes: [.posixPermissions: 0o666])
        let config = try ConfigLoader.load(yaml: yaml, file: configPath)
        let warnings = Workspace.permissionWarnings(configPath: configPath, config: config)
        #expect(warnings.count == 2, "\(warnings)")
        #expect(warnings.contains { $0.contains("writable by group or others (mode 666)") })
        #expect(warnings.contains { $0.contains("secret file \(secret) is readable by group or others (mode 644)") })
        #expect(!warnings.joined().contains("s3cr3t"))
        // Said under -q too (cron's form): a quiet night must not hide a leaked credential.
        let quiet = try BinaryRunner(in: scratch).run("-q", "status")
        #expect(quiet.stderr.contains("warning: the secret file \(secret) is readable by group or others"), "\(quiet.stderr)")
        chmod(secret, 0o600)
        chmod(configPath, 0o600)
        #expect(Workspace.permissionWarnings(configPath: configPath, config: config).isEmpty)
    }

    /// A one-character path (Foundation's deletingLastPathComponent traps on it) is a path like any other.
    @Test func oneCharacterAndFolderPathsNeverCrash() throws {
        let scratch = try Scratch()
        let runner = BinaryRunner(in: scratch)
        let made = try runner.run("-c", "a", "init")
        #expect(made.status == 0 && FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("a").path), "\(made.stderr)")
        let status = try runner.run("-c", "a", "status")
        #expect(status.status != 132 && !status.stderr.contains("crashed"), "\(status.stderr)")
        let folder = try runner.run("-c", "x/", "init")
        #expect(folder.status != 132 && !folder.stderr.contains("crashed") && folder.stderr.hasPrefix("hrsync: error: "), "\(folder.stderr)")
    }
}
