import Foundation
import HRSyncSandbox
import HRSyncTestSupport
import Testing

/// A missing 360Learning credential stops `plan` before Personio is read or anything is stored.
@Suite struct MissingCredentialTests {
    @Test func aMissing360LearningSecretIsFoundBeforeAnythingIsPulled() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 5)
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            var runner = try await EndToEnd.runner(for: sandbox, in: scratch)
            runner.environment["L360_CLIENT_SECRET"] = nil
            runner.removed = ["L360_CLIENT_SECRET"]
            let authBefore = await sandbox.personio.authCalls
            let plan = try await runner.run("plan")
            #expect(plan.status != 0 && plan.stderr.contains("L360_CLIENT_SECRET"), "\(plan.stderr)")
            #expect(await sandbox.personio.authCalls == authBefore, "Personio was not contacted")
            let log = try await runner.run("log", "--json")
            let events = (try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [String: Any])?["events"] as? [[String: Any]] ?? []
            #expect(!events.contains { $0["kind"] as? String == "pull" }, "nothing was stored: \(log.stdout)")
        }
    }
}
