import Foundation
import HRSyncStore
import HRSyncTestSupport
import Testing

/// fsck prints file names from the state directory: a name holding terminal escapes is shown
/// escaped, never interpreted by the terminal.
@Suite struct FsckOutputTests {
    @Test func controlCharactersInNamesAreEscaped() throws {
        let scratch = try Scratch()
        let state = try StateDirectory.create(at: scratch.url.appendingPathComponent("state").path)
        let evil = "evil\u{1b}]0;pwned\u{07}\u{1b}[2J"
        _ = FileManager.default.createFile(atPath: state.refs.path(of: evil), contents: Data("x".utf8), attributes: [.posixPermissions: 0o600])
        let fsck = try BinaryRunner(in: scratch).run("--state", state.path, "fsck")
        #expect(fsck.status == 1, "\(fsck.stderr)")
        #expect(fsck.stdout.contains("evil\\u{1b}]0;pwned\\u{7}\\u{1b}[2J"), "\(fsck.stdout)")
        #expect(!(fsck.stdout + fsck.stderr).unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "a raw control character got through")
    }
}
