import Foundation
import HRSyncSandbox
import HRSyncTestSupport
import Testing

/// What an admin meets after `hrsync forget`, the real binary: the dry run's counts, a saved plan
/// made before it, and the next pull and diff of the people who reported to the forgotten person.
@Suite struct ForgetAftermathTests {
    /// A state directory with several pulls, plans and applies of `target`, someone reporting to
    /// them, and a plan saved to `saved.plan` before the forget.
    struct World {
        var runner: BinaryRunner
        var target: SandboxEmployee
        var report: SandboxEmployee
        var savedPlan: String
    }

    static func world(_ sandbox: Sandbox, in scratch: Scratch) async throws -> World {
        let people = await sandbox.personio.all
        let target = people.first { $0.status == "active" }!
        let report = people.first { $0.id != target.id && $0.status == "active" }!
        await sandbox.personio.edit(report.id) { $0.supervisorID = target.id }
        let runner = try await EndToEnd.runner(for: sandbox, in: scratch)
        #expect(try await runner.run("apply", "--auto-approve").status == 0)
        await sandbox.personio.edit(target.id) { $0.position = "Chief Plum Officer" }
        #expect(try await runner.run("apply", "--auto-approve").status == 0)
        // Days when only someone else changed: plans and applies that never name the target,
        // but read snapshots that hold them (forget rewrites those too).
        let other = people.first { ![target.id, report.id].contains($0.id) && $0.status == "active" }!
        for position in ["Apricot Analyst", "Quince Quartermaster"] {
            await sandbox.personio.edit(other.id) { $0.position = position }
            #expect(try await runner.run("apply", "--auto-approve").status == 0)
        }
        await sandbox.personio.edit(target.id) { $0.position = "Chief Damson Officer" }
        #expect(try await runner.run("plan").status == 0)
        #expect(try await runner.run("plan", "--person", String(target.id), "--detailed-exitcode").status == 2)
        let saved = scratch.url.appendingPathComponent("saved.plan").path
        #expect(try await runner.run("plan", "-o", saved).status == 0)
        return World(runner: runner, target: target, report: report, savedPlan: saved)
    }

    static func counts(_ output: String) throws -> [String: Int] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        return json.compactMapValues { $0 as? Int }.filter { !["removed_objects", "dry_run"].contains($0.key) }
    }

    @Test func theDryRunCountsWhatTheRunRewrites() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 12)
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            let world = try await Self.world(sandbox, in: scratch)
            let objects = scratch.url.appendingPathComponent("state/objects").path
            let before = try FileManager.default.subpathsOfDirectory(atPath: objects).sorted()
            let dry = try await world.runner.run("forget", String(world.target.id), "--dry-run", "--json")
            #expect(dry.status == 0, "\(dry.stderr)")
            #expect(try FileManager.default.subpathsOfDirectory(atPath: objects).sorted() == before, "a dry run leaves the objects as they were")
            let real = try await world.runner.run("forget", String(world.target.id), "--json")
            #expect(real.status == 0, "\(real.stderr)")
            let (would, did) = (try Self.counts(dry.stdout), try Self.counts(real.stdout))
            #expect(would == did, "dry run \(dry.stdout)\nreal run \(real.stdout)")
            // Plans and apply records that only name rewritten snapshots or plans count too.
            #expect((did["plans"] ?? 0) >= 6 && (did["applies"] ?? 0) >= 4, "\(real.stdout)")
        }
    }

    @Test func aSavedPlanRefusedAfterForgetSaysForgetRewroteTheStore() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 12)
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            let world = try await Self.world(sandbox, in: scratch)
            #expect(try await world.runner.run("forget", world.target.email).status == 0)
            let apply = try await world.runner.run("apply", world.savedPlan)
            let today = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
            #expect(apply.status == 3, "\(apply.stdout)\(apply.stderr)")
            #expect(apply.stderr.contains("forget rewrote the state directory on \(today)"), "\(apply.stderr)")
            #expect(apply.stderr.contains("plan again"), "\(apply.stderr)")
            #expect(!apply.stderr.contains("edited"), "\(apply.stderr)")
        }
    }

    @Test func whoReportedToTheForgottenPersonIsNotChangedByTheNextPull() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 12)
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            let world = try await Self.world(sandbox, in: scratch)
            #expect(try await world.runner.run("forget", String(world.target.id)).status == 0)
            // They are still in Personio: the pull brings them back (forget's caveat), no one else changed.
            let pull = try await world.runner.run("pull")
            #expect(pull.status == 0, "\(pull.stderr)")
            #expect((pull.stdout + pull.stderr).contains("1 hired, 0 changed"), "\(pull.stdout)\(pull.stderr)")
            for (side, back) in [("personio", "+ hired"), ("360learning", "+ added")] {
                let diff = try await world.runner.run("diff", "\(side)~1", side)
                #expect(diff.status == 0, "\(diff.stderr)")
                let lines = diff.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }
                #expect(lines.count == 1 && lines[0].hasPrefix(back), "\(side): only the forgotten person, back\n\(diff.stdout)")
                #expect(!diff.stdout.contains(world.report.email), "\(side): the report is not changed\n\(diff.stdout)")
            }
            let plan = try await world.runner.run("plan", "--offline", "-v")
            #expect(plan.status == 0, "\(plan.stderr)")
            #expect(!plan.stdout.contains(world.report.email), "nothing to do for the report: \(plan.stdout)")
        }
    }
}
