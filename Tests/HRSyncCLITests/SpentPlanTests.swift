import Foundation
import HRSyncSandbox
import HRSyncTestSupport
import Testing

/// A saved plan is applied once: a second `apply PLAN` is refused (exit 3) naming the apply that spent it.
@Suite struct SpentPlanTests {
    @Test func aPlanAppliedOnceIsRefusedTheSecondTime() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 5)
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            let runner = try await EndToEnd.runner(for: sandbox, in: scratch)
            #expect(try await runner.run("plan", "-o", "first.plan").status == 0)
            let first = try await runner.run("apply", "first.plan")
            #expect(first.status == 0, "\(first.stderr)")
            let requests = await sandbox.learning360.requests.values.reduce(0, +)
            let again = try await runner.run("apply", "first.plan")
            #expect(again.status == 3, "\(again.stdout)\(again.stderr)")
            let log = try await runner.run("log").stdout
            // Newest first: the refusal (logged, with why), then the apply that spent the plan.
            let applies = log.split(separator: "\n").filter { $0.hasPrefix("apply ") }
            #expect(applies.count == 2 && log.contains("held: this plan was applied by apply"), "\(log)")
            let id = try #require(applies.last?.split(separator: " ")[1])
            #expect(again.stderr.contains("this plan was applied by apply \(id) at "), "\(again.stderr)")
            #expect(await sandbox.learning360.requests.values.reduce(0, +) == requests, "nothing was sent")
        }
    }

    /// An apply that held deletes (hold_guarded) spends its plan too: a re-run would send everything
    /// again. The refusal says how to release them: a new plan, where the held deletes show up again.
    @Test func aPlanWhoseApplyHeldDeletesIsSpentAndTheRefusalSaysHowToReleaseThem() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 30)
        try await EndToEnd.stopping(sandbox) {
            await sandbox.learning360.seedSynced(from: await sandbox.personio.all)
            let scratch = try Scratch()
            let runner = try await EndToEnd.runner(for: sandbox, in: scratch)
            let active = await sandbox.personio.all.filter { $0.status == "active" }
            for person in active.prefix(5) { await sandbox.personio.terminate(person.id) }
            #expect(try await runner.run("plan", "-o", "leavers.plan").status == 0)
            let held = try await runner.run("apply", "leavers.plan", "--auto-approve")
            #expect(held.status == 3 && held.stderr.contains("5 deletes held by the deletion guard"), "\(held.stderr)")
            let requests = await sandbox.learning360.requests.values.reduce(0, +)
            let again = try await runner.run("apply", "leavers.plan", "--allow-deletes", "5")
            #expect(again.status == 3, "\(again.stdout)\(again.stderr)")
            #expect(
                again.stderr.contains(
                    "a plan is applied once; it held 5 deletes, which it did not write: to release them, run 'hrsync apply --allow-deletes 5'"),
                "\(again.stderr)")
            #expect(await sandbox.learning360.requests.values.reduce(0, +) == requests, "nothing was sent")
            let released = try await runner.run("apply", "--auto-approve", "--allow-deletes", "5")
            #expect(released.status == 0, "\(released.stderr)")
        }
    }
}
