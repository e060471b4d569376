import Foundation
import HRSyncSandbox
import HRSyncTestSupport
import Testing

/// Every command that reads the latest snapshots instead of pulling (`plan --offline`, `plan --as-of`,
/// `explain`, `upcoming`) goes through the same check, and a preview is read-only and says it is one.
@Suite struct OfflineReadersTests {
    /// The readers, each with a day or a person where it needs one.
    static func readers(_ email: String) -> [[String]] {
        [
            ["plan", "--offline"], ["plan", "--as-of", "2027-03-04", "--detailed-exitcode"], ["upcoming"],
            ["explain", email], ["explain", email, "--as-of", "2027-03-04"]
        ]
    }

    @Test func everyOfflineReaderRefusesSnapshotsOfAnotherConfigAndSaysWhenTheyPredateTheLastApply() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 8)
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            var runner = try await EndToEnd.runner(for: sandbox, in: scratch, extra: AsOfAndUpcomingTests.extra)
            runner.environment["HRSYNC_TEST_TODAY"] = "2027-03-01"
            // After an apply, the snapshots it was planned on no longer show 360Learning as it is.
            runner.environment["HRSYNC_TEST_NOW"] = "2027-03-01T08:00:00Z"
            #expect(try await runner.run("plan", "-o", "tonight.plan").status == 0)
            runner.environment["HRSYNC_TEST_NOW"] = "2027-03-01T09:00:00Z"
            let applied = try await runner.run("apply", "tonight.plan", "--auto-approve")
            #expect(applied.status == 0, "\(applied.stderr)")
            runner.environment["HRSYNC_TEST_NOW"] = "2027-03-01T09:30:00Z"
            let email = try #require(await sandbox.personio.all.first { $0.status == "active" }?.email)
            for reader in Self.readers(email) {
                let result = try await runner.run(reader)
                #expect(result.status == 0 || result.status == 2, "\(reader): \(result.stderr)")
                #expect(result.stderr.contains("before the last apply"), "\(reader): \(result.stderr)")
            }
            // A filter on an attribute the pull did not request: every reader refuses (exit 3).
            let config = scratch.url.appendingPathComponent("hrsync.yaml")
            let yaml = try String(contentsOf: config, encoding: .utf8)
            try (yaml + "\n  filters:\n    - { attribute: employment_type, in: [internal] }\n").write(to: config, atomically: true, encoding: .utf8)
            for reader in Self.readers(email) {
                let result = try await runner.run(reader)
                #expect(result.status == 3, "\(reader): \(result.stdout) \(result.stderr)")
                #expect(result.stderr.contains("pulled with another config (attributes employment_type not recorded)"), "\(reader): \(result.stderr)")
            }
        }
    }

    @Test func aPreviewTakesNoLockWritesNoMetricsAndExplainSaysItIsOne() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 8)
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            var runner = try await EndToEnd.runner(for: sandbox, in: scratch, extra: AsOfAndUpcomingTests.extra)
            runner.environment["HRSYNC_TEST_TODAY"] = "2027-03-01"
            #expect(try await runner.run("pull").status == 0)
            let metrics = try await runner.run("plan", "--as-of", "2027-03-04", "--metrics-file", "run.prom")
            #expect(metrics.status == 64, "\(metrics.stderr)")
            #expect(metrics.stderr.contains("--metrics-file"), "\(metrics.stderr)")
            #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("run.prom").path))

            // While another run holds the lock, a preview still answers (it writes nothing).
            let handshake = try CommandLineTests.Handshake(scratch)
            runner.environment["HRSYNC_TEST_LOCK_HANDSHAKE"] = handshake.folder.path
            let holder = try runner.start(["init"])
            try handshake.waitUntilHeld(holder.0)
            runner.environment["HRSYNC_TEST_LOCK_HANDSHAKE"] = nil
            let preview = try await runner.run("plan", "--as-of", "2027-03-04")
            let today = try await runner.run("plan", "--offline")
            handshake.release()
            #expect(runner.finish(holder).status == 0)
            #expect(preview.status == 0, "\(preview.stderr)")
            #expect(preview.stdout.contains("Preview as of 2027-03-04"))
            #expect(today.status == 3, "a plan is stored and logged: it still takes the lock")

            // explain --as-of names the day it previews, in text and in --json.
            let email = try #require(await sandbox.personio.all.first { $0.status == "active" }?.email)
            let text = try await runner.run("explain", email, "--as-of", "2027-03-04")
            #expect(text.stdout.hasPrefix("Preview as of 2027-03-04 (--as-of)"), "\(text.stdout) \(text.stderr)")
            let json = try await runner.run("--json", "explain", email, "--as-of", "2027-03-04")
            #expect(try AsOfAndUpcomingTests.json(json.stdout)["as_of"] as? String == "2027-03-04", "\(json.stdout)")
            let plain = try await runner.run("explain", email)
            #expect(!plain.stdout.contains("Preview"), "\(plain.stdout)")
        }
    }
}
