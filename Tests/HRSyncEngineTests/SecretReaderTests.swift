import Foundation
import HRSyncTestSupport
import Testing

@testable import HRSyncEngine

/// A `*_file` secret: a regular file of secret size, or a refusal naming the path.
@Suite struct SecretReaderTests {
    /// Removed with the suite's instance, after each test.
    let scratch: Scratch
    var folder: URL { scratch.url }

    init() throws {
        scratch = try Scratch(prefix: "hrsync-secret-")
    }

    func read(_ path: String) throws -> String {
        try SecretReader(environment: [:]).read(.file(path), purpose: "Personio client secret")
    }

    @Test func aSecretFileIsReadTrimmed() throws {
        let path = folder.appendingPathComponent("secret").path
        _ = FileManager.default.createFile(atPath: path, contents: Data("s3cr3t\n".utf8))
        #expect(try read(path) == "s3cr3t")
    }

    /// A 50 MB file was sent as the secret: anything over the cap is refused, not read.
    @Test func aFileLargerThanASecretIsRefused() throws {
        let path = folder.appendingPathComponent("huge").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(repeating: 0x61, count: SecretReader.maxFileBytes + 1))
        #expect(throws: SecretReader.Failure.unreadable(path, purpose: "Personio client secret", reason: "larger than 64 KiB, so not a secret")) {
            try read(path)
        }
        _ = FileManager.default.createFile(atPath: path, contents: Data(repeating: 0x61, count: SecretReader.maxFileBytes))
        #expect(try read(path).count == SecretReader.maxFileBytes, "the cap itself is allowed")
    }

    /// A FIFO blocked open() for as long as nobody wrote to it; a directory read as nothing.
    @Test func aFIFOOrADirectoryIsRefusedAtOnceNamingThePath() throws {
        let fifo = folder.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for path in [fifo, folder.path] {
            #expect(throws: SecretReader.Failure.unreadable(path, purpose: "Personio client secret", reason: "not a regular file")) {
                try read(path)
            }
        }
        let missing = folder.appendingPathComponent("missing").path
        #expect(throws: SecretReader.Failure.unreadable(missing, purpose: "Personio client secret", reason: "No such file or directory")) {
            try read(missing)
        }
    }
}
