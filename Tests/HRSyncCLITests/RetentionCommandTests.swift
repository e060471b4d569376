import Foundation
import HRSyncCore
import HRSyncSandbox
import HRSyncTestSupport
import Testing

@testable import HRSyncStore

/// `hrsync forget` and `hrsync gc`, the real binary.
@Suite struct RetentionCommandTests {
    /// Every file of the state directory as text, objects inflated (what a byte search must not find them in).
    static func everything(in statePath: String) throws -> [(path: String, text: String)] {
        let state = try StateDirectory.open(at: statePath)
        var result: [(path: String, text: String)] = []
        for relative in try FileManager.default.subpathsOfDirectory(atPath: statePath) {
            let path = "\(statePath)/\(relative)"
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let raw = try Data(contentsOf: URL(fileURLWithPath: path))
            result.append((path, String(decoding: raw, as: UTF8.self)))
            if relative.hasPrefix("objects/"), let id = ObjectID(hex: relative.dropFirst(8).replacingOccurrences(of: "/", with: "")) {
                result.append((path + " (inflated)", String(decoding: try state.objects.get(id).payload, as: UTF8.self)))
            }
        }
        return result
    }

    @Test func forgetLeavesNoTraceAndEverythingStillWorks() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 12)
        try await EndToEnd.stopping(sandbox) {
            let people = await sandbox.personio.all
            // Names no one else has, so any hit is theirs; someone reports to them.
            let target = people.first { $0.status == "active" }!
            await sandbox.personio.edit(target.id) {
                $0.firstName = "Quirinus"; $0.lastName = "Zwetschgenbaum"; $0.email = "q.zwetschgenbaum@acme.example"
            }
            let report = people.first { $0.id != target.id && $0.status == "active" }!
            await sandbox.personio.edit(report.id) { $0.supervisorID = target.id }
            let scratch = try Scratch()
            let runner = try await EndToEnd.runner(for: sandbox, in: scratch)
            #expect(try await runner.run("apply", "--auto-approve").status == 0)
            await sandbox.personio.edit(target.id) { $0.position = "Chief Plum Officer" }
            #expect(try await runner.run("apply", "--auto-approve").status == 0)
            #expect(try await runner.run("plan").status == 0)
            // A targeted run's partial snapshots and plan hold them too.
            await sandbox.personio.edit(target.id) { $0.position = "Chief Damson Officer" }
            #expect(try await runner.run("plan", "--person", "q.zwetschgenbaum@acme.example", "--detailed-exitcode").status == 2)
            #expect(try await runner.run("plan", "--person", String(target.id), "--detailed-exitcode").status == 2)
            let statePath = scratch.url.appendingPathComponent("state").path
            let before = try Self.everything(in: statePath).contains { $0.text.contains("Zwetschgenbaum") }
            #expect(before, "the test would prove nothing if they were never stored")

            let oldHead = try #require(try StateDirectory.open(at: statePath).refs.get(Refs.personio))
            let dry = try await runner.run("forget", "q.zwetschgenbaum@acme.example", "--dry-run")
            #expect(dry.status == 0, "\(dry.stderr)")
            #expect(try Self.everything(in: statePath).contains { $0.text.contains("Zwetschgenbaum") }, "a dry run changes nothing")

            let forget = try await runner.run("forget", "q.zwetschgenbaum@acme.example")
            #expect(forget.status == 0, "\(forget.stderr)")
            #expect(forget.stdout.contains("still exists on the platform"), "\(forget.stdout)")
            #expect(forget.stdout.contains("the next pull brings them back"), "\(forget.stdout)")
            let tombstone = try #require(forget.stdout.split(separator: " ").first { $0.hasPrefix("forgotten:") }).trimmingCharacters(
                in: .punctuationCharacters)

            let id = String(target.id)
            let idPattern = try NSRegularExpression(pattern: "(?<![0-9a-fA-F])\(id)(?![0-9a-fA-F])")
            for (path, text) in try Self.everything(in: statePath) {
                for term in ["q.zwetschgenbaum@acme.example", "Zwetschgenbaum", "Quirinus", target.email] {
                    #expect(!text.localizedCaseInsensitiveContains(term), "\(term) is still in \(path)")
                }
                #expect(idPattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil, "Personio id \(id) is still in \(path)")
            }
            #expect(try await runner.run("fsck").status == 0)
            let log = try await runner.run("log")
            #expect(log.status == 0 && log.stdout.contains("forget"), "\(log.stderr)")
            #expect(try await runner.run("log", "--person", tombstone).stdout.contains("plan"))
            #expect(try await runner.run("diff").status == 0)
            for entry in try StateDirectory.open(at: statePath).log.events() {
                let show = try await runner.run("show", entry.id)
                #expect(show.status == 0, "show \(entry.kind) \(entry.id): \(show.stderr)")
            }
            // An id from before the rewrite still names the snapshot (through the rewrite map).
            let old = try await runner.run("diff", String(oldHead.hex.prefix(12)), "personio")
            #expect(old.status == 0, "\(old.stderr)")
            #expect(try await runner.run("show", String(oldHead.hex.prefix(12))).status == 0)
            #expect(try StateDirectory.open(at: statePath).refs.get(Refs.personio) != oldHead, "the head was rewritten")
            let plan = try await runner.run("plan", "--offline")
            #expect(plan.status == 0, "\(plan.stderr)")
            #expect(!plan.stdout.contains("Zwetschgenbaum"))
            // revert of the apply that changed the person still works (its record no longer names them).
            let revert = try await runner.run("revert", "HEAD", "--offline")
            #expect(revert.status == 0, "\(revert.stderr)")
            #expect(revert.stdout.hasPrefix("Revert of apply") && !revert.stdout.contains("Zwetschgenbaum"), "\(revert.stdout.prefix(300))")
        }
    }

    /// A forget killed (SIGKILL) after a random durable step leaves a store fsck passes; the next
    /// forget finishes, and nothing of the person is left.
    @Test func forgetKilledAtARandomStepIsFinishedByTheNextRun() async throws {
        var random = SeededRandom.forTest()
        let sandbox = try await Sandbox.unthrottled(employees: 6)
        try await EndToEnd.stopping(sandbox) {
            let target = await sandbox.personio.all.first { $0.status == "active" }!
            await sandbox.personio.edit(target.id) {
                $0.firstName = "Quirinus"; $0.lastName = "Zwetschgenbaum"; $0.email = "q.zwetschgenbaum@acme.example"
            }
            let scratch = try Scratch()
            var runner = try await EndToEnd.runner(for: sandbox, in: scratch)
            #expect(try await runner.run("apply", "--auto-approve").status == 0)
            await sandbox.personio.edit(target.id) { $0.position = "Chief Plum Officer" }
            #expect(try await runner.run("apply", "--auto-approve").status == 0)
            let statePath = scratch.url.appendingPathComponent("state").path
            let stopAt = Int.random(in: 1...12, using: &random)
            runner.environment["HRSYNC_TEST_KILL_GC_AT"] = String(stopAt)
            let killed = try await runner.run("forget", String(target.id))
            #expect(killed.status == 9, "killed at step \(stopAt): \(killed.stderr) \(random.replay)")
            let state = try StateDirectory.open(at: statePath)
            #expect(state.fsck().isClean, "killed at step \(stopAt): \(state.fsck().faults) \(random.replay)")
            runner.environment["HRSYNC_TEST_KILL_GC_AT"] = nil
            let finished = try await runner.run("forget", String(target.id))
            #expect(finished.status == 0, "\(finished.stderr) \(random.replay)")
            let left = try Self.everything(in: statePath).filter { $0.text.contains("Zwetschgenbaum") || $0.text.contains("Quirinus") }
            #expect(left.map(\.path) == [], "killed at step \(stopAt), \(random.replay)")
            #expect(state.fsck().isClean, "\(random.replay)")
            #expect(try await runner.run("plan", "--offline").status == 0)
        }
    }

    /// A gc killed (SIGKILL) after a random durable step leaves a store fsck passes, with the
    /// latest snapshot readable; the next gc finishes and keeps what the policy says.
    @Test func gcKilledAtRandomStepsIsFinishedByTheNextRun() throws {
        var random = SeededRandom.forTest()
        let policy = KeepPolicy(withinDays: 5, weekly: 3)
        for round in 0..<3 {
            let scratch = try Scratch()
            let statePath = scratch.url.appendingPathComponent("state").path
            let state = try StateDirectory.create(at: statePath)
            var parent: ObjectID?
            var dates: [(id: ObjectID, takenAt: Date)] = []
            var records: [String: Data] = [:]
            for day in 0..<40 {
                records[String(1000 + day % 9)] = Data(#"{"id":\#(1000 + day % 9),"position":"Role \#(day)"}"#.utf8)
                let takenAt = Date(timeIntervalSince1970: 1_780_000_000 + Double(day) * 86_400)
                parent = try state.snapshots.write(Snapshot(kind: "personio", takenAt: takenAt, records: records), parent: parent)
                try state.refs.set(Refs.personio, to: parent!)
                try state.log.append(Event(kind: .pull, time: takenAt, user: "t", host: "h", command: "hrsync pull", writes: [parent!], summary: "pull"))
                dates.append((parent!, takenAt))
            }
            var runner = BinaryRunner(in: scratch)
            runner.environment["HRSYNC_TEST_KILL_GC_AT"] = String(Int.random(in: 1...60, using: &random))
            let killed = try runner.run("--state", statePath, "gc", "--keep", "within=5d,weekly=3")
            #expect(killed.status == 9, "killed by the hook (a run has ~90 steps): round \(round): \(killed.stderr) \(random.replay)")
            let fsck = state.fsck()
            #expect(fsck.isClean, "round \(round), killed at step \(runner.environment["HRSYNC_TEST_KILL_GC_AT"]!): \(fsck.faults) \(random.replay)")
            #expect(try state.snapshots.read(try #require(try state.refs.get(Refs.personio))).records == records, "\(random.replay)")

            runner.environment["HRSYNC_TEST_KILL_GC_AT"] = nil
            let finished = try runner.run("--state", statePath, "gc", "--keep", "within=5d,weekly=3")
            #expect(finished.status == 0, "\(finished.stderr) \(random.replay)")
            let kept = try state.snapshots.history(from: try #require(try state.refs.get(Refs.personio))).map(\.takenAt)
            let expected = dates.filter { policy.select(dates).contains($0.id) }.map(\.takenAt).reversed()
            #expect(kept == Array(expected), "\(random.replay)")
            #expect(state.fsck().isClean, "\(random.replay)")
        }
    }

    /// `state.gc: auto`: apply collects afterwards; every log entry still shows, the collected
    /// ones saying so.
    @Test func applyRunsGcWhenTheConfigSaysAuto() async throws {
        try await EndToEnd.run(Sandbox.unthrottled(employees: 8)) { sandbox, scratch, runner in
            let config = scratch.url.appendingPathComponent("hrsync.yaml")
            let yaml = try String(contentsOf: config, encoding: .utf8)
                .replacingOccurrences(of: "  dir: state\n", with: "  dir: state\n  gc: auto\n  keep: {daily: 1}\n")
            try yaml.write(to: config, atomically: true, encoding: .utf8)
            #expect(try await runner.run("apply", "--auto-approve").status == 0)
            let someone = await sandbox.personio.all[2]
            await sandbox.personio.edit(someone.id) { $0.position = "Gardener" }
            let second = try await runner.run("apply", "--auto-approve")
            #expect(second.status == 0, "\(second.stderr)")
            #expect(second.stderr.contains("gc: removed "), "\(second.stderr)")

            let state = try StateDirectory.open(at: scratch.url.appendingPathComponent("state").path)
            let kept = try state.snapshots.history(from: try #require(try state.refs.get(Refs.personio)))
            let entries =
                try state.log.events().map { "\($0.kind) r=\($0.reads.map(\.short)) w=\($0.writes.map(\.short))" }
                + kept.map { "\($0.id.short) \($0.takenAt.timeIntervalSince1970)" }
            #expect(kept.count == 1, "keep daily: 1 keeps today's newest: \(kept.map(\.takenAt)) \(second.stderr) \(entries)")
            #expect(state.fsck().isClean, "\(state.fsck().faults)")
            var collected = 0
            for entry in try state.log.events() {
                let show = try await runner.run("show", entry.id)
                #expect(show.status == 0, "show \(entry.kind): \(show.stderr)")
                if show.stdout.contains("collected by gc on ") { collected += 1 }
            }
            #expect(collected > 0, "the first pulls' snapshots were collected and show says so")
            let log = try await runner.run("log")
            #expect(log.status == 0 && log.stdout.contains("(collected by gc on "), "\(log.stdout)")
            #expect(try await runner.run("plan", "--offline").status == 0)
        }
    }

    @Test func gcDryRunSaysWhatWouldGo() throws {
        let scratch = try Scratch()
        let statePath = scratch.url.appendingPathComponent("state").path
        let state = try StateDirectory.create(at: statePath)
        var parent: ObjectID?
        for day in 0..<10 {
            let records = ["1": Data(#"{"id":1,"v":\#(day)}"#.utf8)]
            parent = try state.snapshots.write(
                Snapshot(kind: "personio", takenAt: Date(timeIntervalSince1970: Double(day) * 86_400), records: records), parent: parent)
        }
        try state.refs.set(Refs.personio, to: parent!)
        let runner = BinaryRunner(in: scratch)
        let dry = try runner.run("--state", statePath, "gc", "--dry-run", "--keep", "daily=3")
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("would remove 7 snapshots"), "\(dry.stdout)")
        #expect(dry.stdout.contains("frees about"), "\(dry.stdout)")
        #expect(try state.snapshots.history(from: parent!).count == 10)
        let json = try runner.run("--state", statePath, "--json", "gc", "--keep", "daily=3")
        #expect(json.stdout.contains("\"dry_run\" : false") || json.stdout.contains("\"dry_run\": false"), "\(json.stdout)")
        #expect(try state.snapshots.history(from: try #require(try state.refs.get(Refs.personio))).count == 3)
        let bad = try runner.run("--state", statePath, "gc", "--keep", "forever")
        #expect(bad.status == 64, "\(bad.stderr)")
    }
}
