import Foundation
import HRSyncStore
import HRSyncTestSupport
import Testing

/// A FIFO anywhere in the state directory: every command that reads the store finishes (with an
/// error or a fault naming the file) instead of blocking in open() for as long as nobody writes.
@Suite struct SpecialFileTests {
    static let object = ObjectID(hex: String(repeating: "ab", count: 32))!

    /// Where the FIFO goes, relative to the state directory (the ref is pointed at the object for
    /// the first case, so status and show read it too).
    static let places: [(String, @Sendable (StateDirectory) throws -> String)] = [
        (
            "objects",
            { state in
                try state.refs.set(Refs.personio, to: object); return state.objects.path(of: object)
            }
        ),
        ("refs", { state in state.refs.directory + "/" + Refs.personio }),
        (
            "log",
            { state in
                unlink(state.log.path); return state.log.path
            }
        ),
        (
            "lock",
            { state in
                unlink(state.lockPath); return state.lockPath
            }
        ),
        (
            "journal",
            { state in
                try FileManager.default.createDirectory(atPath: state.path + "/journal", withIntermediateDirectories: true)
                return state.path + "/journal/" + object.hex
            }
        )
    ]

    @Test(arguments: places.indices)
    func noCommandHangsOnAFIFO(place: Int) throws {
        let (name, make) = Self.places[place]
        let scratch = try Scratch()
        try "personio: {}\nlearning360: {admin_email: a@b.example}\nstate: {dir: state}\n"
            .write(to: scratch.url.appendingPathComponent("hrsync.yaml"), atomically: true, encoding: .utf8)
        let runner = BinaryRunner(in: scratch)
        #expect(try runner.run("init").status == 0)
        let state = try StateDirectory.open(at: scratch.url.appendingPathComponent("state").path)
        let fifo = try make(state)
        try FileManager.default.createDirectory(atPath: (fifo as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        #expect(mkfifo(fifo, 0o600) == 0, "\(fifo)")

        var said = ""
        // gc last: it may remove the FIFO as an unreachable object.
        for command in [["fsck"], ["status"], ["log"], ["show"], ["show", Refs.personio], ["gc"]] {
            let started = try runner.start(command)
            let deadline = Date().addingTimeInterval(20)
            while started.0.isRunning && Date() < deadline { usleep(20_000) }
            let hung = started.0.isRunning
            if hung { kill(started.0.processIdentifier, SIGKILL) }
            let result = runner.finish(started)
            #expect(!hung, "hrsync \(command.joined(separator: " ")) hung on a FIFO in \(name)")
            #expect(result.status != 132 && result.status != 134, "no trap: \(result.stderr)")
            said += result.stdout + result.stderr
        }
        // The journal of an unfinished apply is skipped when unreadable; everything else is named.
        if name != "journal" {
            let shown = String(fifo.dropFirst(scratch.url.path.count + 1))  // as the config names the state directory
            #expect(said.contains("\(shown) is not a regular file"), "\(name): \(said)")
        }
    }
}
