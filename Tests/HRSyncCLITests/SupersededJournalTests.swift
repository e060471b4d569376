import Foundation
import HRSyncSandbox
import HRSyncTestSupport
import Testing

/// Cron's apply killed mid-way, then cron's next run (a new pull, a new plan) converges: the
/// killed plan's journal is closed, so `status` is healthy again and the log says why.
@Suite struct SupersededJournalTests {
    /// A 25-person sandbox whose first cron apply was killed after its third action.
    static func killedApply(_ body: (Sandbox, Scratch, BinaryRunner) async throws -> Void) async throws {
        try await EndToEnd.run(try await Sandbox.unthrottled(employees: 25)) { sandbox, scratch, runner in
            var killer = runner
            killer.environment["HRSYNC_TEST_KILL_AFTER"] = "3"
            #expect(try await killer.run("apply", "--auto-approve").status != 0, "the run was killed")
            try await body(sandbox, scratch, runner)
        }
    }

    @Test func aConvergedRerunClosesTheKilledApplysJournal() async throws {
        try await Self.killedApply { sandbox, scratch, runner in
            let journal = scratch.url.appendingPathComponent("state/journal")
            let killedPlan = try #require(try FileManager.default.contentsOfDirectory(atPath: journal.path).first)
            #expect(try await runner.run("status").status == 1, "an unfinished apply is unhealthy")

            let rerun = try await runner.run("apply", "--auto-approve")
            #expect(rerun.status == 0, "\(rerun.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: journal.path).isEmpty, "the superseded journal is gone")
            let status = try await runner.run("status")
            #expect(status.status == 0, "\(status.stdout)")
            let log = try await runner.run("log")
            #expect(log.stdout.contains("closed the journal of plan \(killedPlan.prefix(12)): superseded by apply "), "\(log.stdout)")
            #expect(try await runner.run("fsck").status == 0)
        }
    }

    /// A rerun with failed actions has not converged: the killed plan's journal stays.
    @Test func aRerunWithFailuresKeepsTheJournal() async throws {
        try await Self.killedApply { sandbox, scratch, runner in
            #expect(try await runner.run("plan", "-o", "rerun.plan").status == 0)
            await sandbox.learning360.faults.inject(.status(400), times: 2, pathPrefix: "/api/v2/external-ids")
            let rerun = try await runner.run("apply", "rerun.plan")
            #expect(rerun.status == 4, "\(rerun.stderr)")
            let journal = scratch.url.appendingPathComponent("state/journal")
            #expect(try FileManager.default.contentsOfDirectory(atPath: journal.path).count == 1)
        }
    }
}
