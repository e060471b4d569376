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
}
