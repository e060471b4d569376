import Foundation
import HRSyncCore
import HRSyncStore
import HRSyncTestSupport
import Testing

@Suite struct CommandLineTests {
    @Test func initWritesALoadableConfigAndAPrivateStateDirectory() throws {
        let scratch = try Scratch()
        let runner = BinaryRunner(in: scratch)
        let result = try runner.run("init")
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOf: scratch.url.appendingPathComponent("hrsync.yaml"), encoding: .utf8)
        let config = try ConfigLoader.load(yaml: text, file: "hrsync.yaml")
        #expect(config.state.dir == ".hrsync")
        let state = scratch.url.appendingPathComponent(".hrsync").path
        let mode = try FileManager.default.attributesOfItem(atPath: state)[.posixPermissions] as? Int
        #expect(mode == 0o700)
        #expect(try runner.run("fsck").status == 0)
        let log = try runner.run("log")
        #expect(log.stdout.hasPrefix("init "))
        #expect(try runner.run("init").status == 0, "init is idempotent and keeps the config")
    }

    @Test func exitCodesFollowTheContract() throws {
        let scratch = try Scratch()
        let runner = BinaryRunner(in: scratch)
        let missing = try runner.run("log")
        #expect(missing.status == 1)
        #expect(missing.stderr == "hrsync: error: no config file at hrsync.yaml (run 'hrsync init' to write one, or pass -c FILE)\n")
        #expect(try runner.run("plan", "--bogus").status == 64)
        #expect(try runner.run("log", "-n", "0").status == 64)
        _ = try runner.run("init")
        let unknown = try runner.run("revert", "abcdef1")
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "hrsync: error: no apply 'abcdef1' in the log (give an id 'hrsync log' shows, or HEAD, HEAD~1, …)\n")
        #expect(!unknown.stderr.contains("Fatal"), "no stack traces")
    }

    @Test func aBadConfigIsOneLineWithFileAndLine() throws {
        let scratch = try Scratch()
        let runner = BinaryRunner(in: scratch)
        try "personio:\n  app_id: ACME\nlearning360:\n  admin_email: a@b.example\n  send_invitation: false\n"
            .write(to: scratch.url.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let result = try runner.run("log", "-c", "bad.yaml")
        #expect(result.status == 1)
        #expect(result.stderr == "hrsync: error: bad.yaml:5: unknown key 'send_invitation' in learning360; did you mean 'send_invitations'?\n")
    }

    /// The first run signals once it holds the lock and waits for the test's word: which process
    /// wins is decided by the test, not by a sleep.
    struct Handshake {
        let folder: URL
        init(_ scratch: Scratch) throws {
            folder = scratch.url.appendingPathComponent("handshake")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        func waitUntilHeld(_ process: Process) throws {
            let held = folder.appendingPathComponent("held").path
            while !FileManager.default.fileExists(atPath: held) {
                guard process.isRunning else { throw CocoaError(.fileNoSuchFile) }
                usleep(5_000)
            }
        }
        func release() { _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("release").path, contents: nil) }
    }

    @Test func twoRunsRacingForTheLockOneWinsTheOtherExits3NamingTheHolder() throws {
        let scratch = try Scratch()
        var runner = BinaryRunner(in: scratch)
        _ = try runner.run("init")
        let handshake = try Handshake(scratch)
        runner.environment["HRSYNC_TEST_LOCK_HANDSHAKE"] = handshake.folder.path
        let first = try runner.start(["init"])
        try handshake.waitUntilHeld(first.0)
        runner.environment["HRSYNC_TEST_LOCK_HANDSHAKE"] = nil
        let loser = try runner.run("init")
        handshake.release()
        let winner = runner.finish(first)
        #expect(winner.status == 0, "\(winner.stderr)")
        #expect(loser.status == 3)
        #expect(
            loser.stderr.contains("another hrsync run holds the lock: pid \(first.0.processIdentifier) on \(ProcessInfo.processInfo.hostName), 'init'"),
            "\(loser.stderr)")
        #expect(try runner.run("init").status == 0, "released after the winner ends")
    }

    @Test func aLockLeftByAKilledRunIsTakenOver() throws {
        let scratch = try Scratch()
        var runner = BinaryRunner(in: scratch)
        _ = try runner.run("init")
        let handshake = try Handshake(scratch)
        runner.environment["HRSYNC_TEST_LOCK_HANDSHAKE"] = handshake.folder.path
        let victim = try runner.start(["init"])
        try handshake.waitUntilHeld(victim.0)
        kill(victim.0.processIdentifier, SIGKILL)
        _ = runner.finish(victim)
        runner.environment["HRSYNC_TEST_LOCK_HANDSHAKE"] = nil
        let next = try runner.run("init")
        #expect(next.status == 0)
        #expect(next.stderr.contains("took over a lock left by pid \(victim.0.processIdentifier)"), "\(next.stderr)")
    }

    /// The lock file is the state directory's, but anyone who can write it can put escapes in it.
    @Test func aHostileLockHolderIsPrintedEscaped() throws {
        let scratch = try Scratch()
        let runner = BinaryRunner(in: scratch)
        _ = try runner.run("init")
        let holder = #"{"pid":4242,"host":"evil\u001b[2J\u202eexe.txt","started":"2026-12-01T02:00:00Z","command":"apply\u009b31m"}"#
        try Data(holder.utf8).write(to: scratch.url.appendingPathComponent(".hrsync/lock"))
        let next = try runner.run("init")
        #expect(next.status == 0)
        #expect(next.stderr.contains(#"took over a lock left by pid 4242 on evil\u{1b}[2J\u{202e}exe.txt ('apply\u{9b}31m'"#), "\(next.stderr)")
        #expect(!next.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E || $0.value == 0x9B })
    }

    @Test func aBareHrsyncIsAUsageErrorLikeGit() throws {
        let scratch = try Scratch()
        let bare = try BinaryRunner(in: scratch).run()
        #expect(bare.status == 64)
        #expect(bare.stdout.isEmpty && bare.stderr.contains("USAGE: hrsync"))
    }

    @Test func logAndShowReadTheStoresEvents() throws {
        let scratch = try Scratch()
        let runner = BinaryRunner(in: scratch)
        _ = try runner.run("init")
        let state = try StateDirectory.open(at: scratch.url.appendingPathComponent(".hrsync").path)
        let first = try state.snapshots.write(Snapshot(kind: "personio", takenAt: Date(), records: ["1": Data(#"{"id":1}"#.utf8)]), parent: nil)
        let second = try state.snapshots.write(
            Snapshot(kind: "personio", takenAt: Date(), records: ["1": Data(#"{"id":1,"x":2}"#.utf8), "2\u{1B}[31m": Data("{}".utf8)]), parent: first)
        try state.refs.set(Refs.personio, to: second)
        let event = Event(
            kind: .pull, time: Date(), user: "ops", host: "cron1", command: "hrsync pull", writes: [second], summary: "personio: 2 employees",
            people: ["1", "ada@acme.example"])
        try state.log.append(event)

        let log = try runner.run("log", "-n", "1")
        #expect(log.stdout.hasPrefix("pull \(second.hex.prefix(12))"), "log shows the id of what the entry wrote: \(log.stdout)")
        #expect(try runner.run("log", "--person", "1").stdout.contains("personio: 2 employees"))
        #expect(try runner.run("log", "--person", "2").stdout == "(no entries)\n")
        // One query for every command: the id as the views print it, an email spelled otherwise; never by prefix.
        for person in [" #1 ", "01", " ADA@acme.example\t"] {
            #expect(try runner.run("log", "--person", person).stdout.contains("personio: 2 employees"), "\(person)")
        }
        #expect(try runner.run("log", "--person", "#11").stdout == "(no entries)\n")

        let show = try runner.run("show", String(event.id.prefix(8)))
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("+ 2\\u{1b}[31m"), "names are escaped: \(show.stdout)")
        #expect(show.stdout.contains("~ 1"))
        let byObject = try runner.run("show", String(second.hex.prefix(12)))
        #expect(byObject.stdout.hasPrefix("pull \(second.hex)"), "the id log shows, shown with its entry: \(byObject.stdout)")
        let byRev = try runner.run("show", "--json", "personio~1")
        #expect(byRev.stdout.contains(first.hex))
    }
}

@Suite struct DemoTests {
    /// `hrsync-sandbox demo` runs the real hrsync commands in-process against the emulators.
    @Test func theDemoRunsTheFlowAgainstTheSandbox() async throws {
        let scratch = try Scratch()
        var demo = BinaryRunner(in: scratch)
        demo.program = BinaryRunner.executable.deletingLastPathComponent().appendingPathComponent("hrsync-sandbox")
        let result = try await demo.run("demo", "--no-color", "--employees", "12", "--dir", scratch.url.appendingPathComponent("demo").path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("$ hrsync plan -o first.plan"))
        #expect(result.stdout.contains("personio: 13 employees, snapshot "), "the second pull, after the hire")
        #expect(result.stdout.contains("Plan: 11 to create, 0 to update, 0 to delete, 0 to restore; 0 warnings."))
        #expect(result.stdout.contains("(1 hired, 2 changed, 1 terminated, 0 left the payload)"))
        #expect(result.stdout.contains("+ hired            #1012 Zoë Ångström <zoe.angstrom@acme.example>"))
        #expect(result.stdout.contains("Plan: 1 to create, 2 to update, 1 to delete, 0 to restore;"))
        let again = try #require(result.stdout.components(separatedBy: "== Nothing left to do").last)
        #expect(again.contains("Plan: 0 to create, 0 to update, 0 to delete, 0 to restore;"), "the second apply converged")
        let runner = BinaryRunner(in: scratch)
        let json = try await runner.run("-c", "demo/hrsync.yaml", "log", "--json")
        let kinds = ((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any])["events"] as! [[String: Any]]).map {
            $0["kind"] as! String
        }
        #expect(kinds.filter { $0 == "apply" }.count == 2, "the first plan and the reviewed changes; the cron run had nothing to apply")
        #expect(kinds.filter { $0 == "plan" }.count == 3, "one plan per plan step, none extra")
        #expect(try await runner.run("-c", "demo/hrsync.yaml", "fsck").status == 0)
    }

    @Test func theProductionBinaryHasNoDemoAndNoEmulator() throws {
        let help = try BinaryRunner(directory: FileManager.default.temporaryDirectory).run("demo")
        #expect(help.status != 0 && help.stderr.contains("hrsync-sandbox demo"), "a pointer to where the demo went: \(help.stderr)")
        let binary = try Data(contentsOf: BinaryRunner.executable)
        #expect(binary.range(of: Data("Hummingbird".utf8)) == nil, "hrsync links no emulator")
    }
}

/// A typo of a command gets "did you mean", like a typo of an option or a config key, and every
/// usage error reads `hrsync: error: …`.
@Suite struct CommandTypoTests {
    @Test func aMistypedCommandIsSuggestedAndUsageErrorsShareOneStyle() throws {
        let runner = BinaryRunner(directory: FileManager.default.temporaryDirectory)
        let typo = try runner.run("plna")
        #expect(typo.status == 64)
        #expect(typo.stderr == "hrsync: error: unknown command 'plna'; did you mean 'plan'? (see 'hrsync --help')\n", "\(typo.stderr)")
        let far = try runner.run("frobnicate")
        #expect(far.status == 64 && !far.stderr.contains("did you mean"), "\(far.stderr)")
        let option = try runner.run("plan", "--bogus")
        #expect(option.status == 64 && option.stderr.hasPrefix("hrsync: error: Unknown option '--bogus'"), "\(option.stderr)")
        let help = try runner.run("plan", "--help")
        #expect(help.status == 0 && help.stdout.contains("USAGE: hrsync plan"), "--help is unchanged")
    }
}
