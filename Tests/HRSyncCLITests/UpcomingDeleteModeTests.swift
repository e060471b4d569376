import Foundation
import HRSyncSandbox
import HRSyncTestSupport
import Testing

/// Under the default `sync.leavers: delete`, pulls record the termination date too, so `upcoming`
/// lists the coming deletions (the day after the last day); the diff of the first pull that reads
/// it shows only the people who have one.
@Suite struct UpcomingDeleteModeTests {
    @Test func theComingDeletionIsListedWithTheDefaultLeaversMode() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 6)
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            var runner = try await EndToEnd.runner(for: sandbox, in: scratch, extra: "  timezone: Europe/Berlin")
            runner.environment["HRSYNC_TEST_TODAY"] = "2027-03-01"
            #expect(try await runner.run("apply", "--auto-approve").status == 0)
            let leaver = try #require(await sandbox.personio.all.first { $0.status == "active" })
            await sandbox.personio.edit(leaver.id) { $0.terminationDate = (2027, 3, 10) }
            let pull = try await runner.run("pull")
            #expect(pull.stdout.contains("0 hired, 1 changed"), "only the leaver changed: \(pull.stdout)")
            let upcoming = try await runner.run("--json", "upcoming", "--days", "30")
            let events = try #require(
                (try JSONSerialization.jsonObject(with: Data(upcoming.stdout.utf8)) as? [String: Any])?["events"] as? [[String: Any]],
                "\(upcoming.stdout) \(upcoming.stderr)")
            let mine = events.filter { ($0["person"] as? [String: Any])?["personio_id"] as? Int == leaver.id }
            #expect(mine.count == 1 && mine.first?["kind"] as? String == "delete" && mine.first?["day"] as? String == "2027-03-11", "\(events)")
        }
    }
}
