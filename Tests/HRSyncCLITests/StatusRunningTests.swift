import Foundation
import HRSyncSandbox
import HRSyncStore
import HRSyncTestSupport
import Testing

/// `status` says an apply is running (pid, since when, the lock) instead of calling its journal
/// unfinished, and is healthy again once `release` has lifted the hold that held the last night.
@Suite struct StatusRunningTests {
    @Test func aRunningApplyIsSaidToBeRunningAndAReleasedHoldIsHistory() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 5)
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            let runner = try await EndToEnd.runner(for: sandbox, in: scratch)
            #expect(try await runner.run("apply", "--auto-approve").status == 0)
            let state = try StateDirectory.open(at: scratch.url.appendingPathComponent("state").path)

            // A run in progress: this process holds the lock, as an apply would.
            let lock = try state.lock(command: "hrsync apply --auto-approve")
            let busy = try await runner.run("status")
            #expect(busy.stdout.contains("running      'hrsync apply --auto-approve' (pid \(ProcessInfo.processInfo.processIdentifier)"), "\(busy.stdout)")
            #expect(busy.stdout.contains("would wait: 'hrsync apply --auto-approve' is running"), "\(busy.stdout)")
            let json = try await runner.run("status", "--json")
            let running = (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["running"] as? [String: Any]
            lock.release()
            #expect(running?["pid"] as? Int == Int(ProcessInfo.processInfo.processIdentifier))
            let keys = Self.keys(of: try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)))
            #expect(keys.contains("age_seconds") && keys.contains("taken_at"), "\(keys.sorted())")
            #expect(keys.allSatisfy { $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" } }, "one key style (snake_case): \(keys.sorted())")

            // A hold holds the night (logged as held); after 'release' status is healthy again.
            try state.setHold(Hold(since: Date(), by: "admin", reason: "revert under review"))
            #expect(try await runner.run("apply", "--auto-approve").status == 3)
            let held = try await runner.run("status")
            #expect(held.status == 1 && held.stdout.contains("'hrsync release' lifts it"), "\(held.stdout)")
            #expect(try await runner.run("release").status == 0)
            let after = try await runner.run("status")
            #expect(
                after.status == 0 && after.stdout.contains("healthy") && !after.stdout.contains("lifts it")
                    && after.stdout.contains("held by a hold, released since"), "\(after.stdout)")
        }
    }

    /// Every key of a JSON document, at any depth.
    static func keys(of value: Any) -> Set<String> {
        if let object = value as? [String: Any] { return Set(object.keys).union(object.values.flatMap { keys(of: $0) }) }
        if let array = value as? [Any] { return Set(array.flatMap { keys(of: $0) }) }
        return []
    }
}
