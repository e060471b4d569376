import Foundation
import HRSyncSandbox
import HRSyncTestSupport
import Testing

/// `plan --as-of DATE` and `upcoming` end to end: the real binary against the sandbox, with a hire
/// inside `sync.prestart_days` of a future day and a termination date under
/// `deactivate_on_termination_date`. Today is 2027-03-01 (Berlin is UTC+1 then).
@Suite struct AsOfAndUpcomingTests {
    static let extra = "  prestart_days: 7\n  leavers: deactivate_on_termination_date\n  timezone: Europe/Berlin"

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The kinds of the actions a `plan --json` document has for one Personio id.
    static func kinds(_ plan: BinaryRunner.Result, for id: Int) throws -> [String] {
        let actions = try #require(try json(plan.stdout)["actions"] as? [[String: Any]], "\(plan.stdout) \(plan.stderr)")
        return actions.filter { ($0["person"] as? [String: Any])?["personio_id"] as? Int == id }.compactMap { $0["kind"] as? String }
    }

    @Test func aPreviewSeesThePrestartWindowAndTheTerminationDayAndUpcomingListsThem() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 8)
        try await EndToEnd.stopping(sandbox) {
            let personio = sandbox.personio
            await sandbox.learning360.setClock(ISO8601DateFormatter().date(from: "2027-03-01T09:00:00Z")!)
            let scratch = try Scratch()
            var runner = try await EndToEnd.runner(for: sandbox, in: scratch, extra: Self.extra)
            runner.environment["HRSYNC_TEST_TODAY"] = "2027-03-01"
            #expect(try await runner.run("apply", "--auto-approve").status == 0)
            // Hired in 10 days (2027-03-11): created from 2027-03-04. Leaving on 2027-03-20.
            let hire = await personio.hire {
                $0.email = "future.hire@acme.example"; $0.status = "onboarding"; $0.hireDate = (2027, 3, 11)
            }
            let leaver = try #require(await personio.all.first { $0.status == "active" && $0.id != hire.id })
            await personio.edit(leaver.id) { $0.terminationDate = (2027, 3, 20) }
            // Tonight's run schedules the deactivation (so a preview of later days has nothing left
            // to schedule), then a pull records the platform as it now is.
            #expect(try await runner.run("apply", "--auto-approve").status == 0)
            #expect(try await runner.run("pull").status == 0)
            let logBefore = try String(contentsOf: scratch.url.appendingPathComponent("state/log"), encoding: .utf8).count

            // The pre-start window: nothing for the hire on day +2, the create from day +3.
            let dayTwo = try await runner.run("--json", "plan", "--as-of", "2027-03-03")
            #expect(try Self.kinds(dayTwo, for: hire.id).isEmpty)
            #expect(try Self.json(dayTwo.stdout)["as_of"] as? String == "2027-03-03")
            let dayThree = try await runner.run("--json", "plan", "--as-of", "2027-03-04")
            #expect(try Self.kinds(dayThree, for: hire.id).contains("create_user"), "\(dayThree.stdout)")
            // "Does anything happen by then?" for a script.
            #expect(try await runner.run("plan", "--as-of", "2027-03-03", "--detailed-exitcode").status == 0)
            #expect(try await runner.run("plan", "--as-of", "2027-03-04", "--detailed-exitcode").status == 2)

            // The termination date: scheduled, so nothing until the day has passed; then the delete.
            let dayTwenty = try await runner.run("--json", "plan", "--as-of", "2027-03-20")
            #expect(try Self.kinds(dayTwenty, for: leaver.id).isEmpty)
            let dayAfter = try await runner.run("--json", "plan", "--as-of", "2027-03-21")
            #expect(try Self.kinds(dayAfter, for: leaver.id) == ["delete_user"])
            // A date entered today shows its deactivation from today on, before any apply.
            let other = try #require(await personio.all.first { $0.status == "active" && ![hire.id, leaver.id].contains($0.id) })
            await personio.edit(other.id) { $0.terminationDate = (2027, 4, 2) }
            #expect(try await runner.run("pull").status == 0)
            let scheduled = try await runner.run("--json", "plan", "--as-of", "2027-03-01")
            #expect(try Self.kinds(scheduled, for: other.id) == ["set_deactivation"])
            let lastDay = try await runner.run("--json", "plan", "--as-of", "2027-04-02")
            #expect(try Self.kinds(lastDay, for: other.id) == ["set_deactivation"], "up to the day itself")
            let past = try await runner.run("--json", "plan", "--as-of", "2027-04-03")
            #expect(try Self.kinds(past, for: other.id) == ["delete_user"], "never scheduled, so deleted once past")
            let text = try await runner.run("plan", "--as-of", "2027-03-01")
            #expect(text.stdout.contains("Preview as of 2027-03-01"), "\(text.stdout)")
            #expect(text.stdout.contains("2027-04-02T21:59:59.000Z"), "end of day in Berlin, summer time")

            // Never saved: -o refused, nothing logged by any preview, the HTML page says preview.
            let saved = try await runner.run("plan", "--as-of", "2027-03-04", "-o", "x.plan")
            #expect(saved.status == 64, "\(saved.stderr)")
            #expect(saved.stderr.contains("cannot be saved"))
            #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("x.plan").path))
            #expect(try await runner.run("plan", "--as-of", "2027-03-04", "--html", "preview.html").status == 0)
            let page = try String(contentsOf: scratch.url.appendingPathComponent("preview.html"), encoding: .utf8)
            #expect(page.contains("Preview as of 2027-03-04"))
            #expect(try await runner.run("plan", "--as-of", "2027-02-30").status == 64)
            let explained = try await runner.run("explain", hire.email, "--as-of", "2027-03-04")
            #expect(explained.status == 0, "\(explained.stderr)")
            let waiting = try await runner.run("explain", hire.email, "--as-of", "2027-03-03")
            #expect(waiting.stdout.contains("created from 2027-03-04"), "\(waiting.stdout)")
            #expect(!explained.stdout.contains("created from 2027-03-04"), "\(explained.stdout)")
            let logAfter = try String(contentsOf: scratch.url.appendingPathComponent("state/log"), encoding: .utf8)
            #expect(!logAfter.dropFirst(logBefore).contains("\"plan\""), "a preview is never logged")

            // upcoming: each on its day, the instant in sync.timezone; --days bounds the window.
            let upcoming = try await runner.run("--json", "upcoming", "--days", "33")
            let events = try #require(try Self.json(upcoming.stdout)["events"] as? [[String: Any]], "\(upcoming.stdout)")
            let seen = events.map {
                "\($0["day"] as? String ?? "") \($0["kind"] as? String ?? "") \(($0["person"] as? [String: Any])?["personio_id"] as? Int ?? 0)"
            }
            #expect(seen == ["2027-03-04 create \(hire.id)", "2027-03-20 deactivate \(leaver.id)", "2027-04-02 deactivate \(other.id)"])
            #expect(events[1]["at"] as? String == "2027-03-20T22:59:59.000Z")
            let short = try await runner.run("upcoming", "--days", "3")
            #expect(!short.stdout.contains(hire.email) && short.stdout.contains("0 events"), "\(short.stdout)")
            let four = try await runner.run("upcoming", "--days", "4")
            #expect(four.stdout.contains("2027-03-04 Thu\n  + "), "\(four.stdout)")
            #expect(four.stdout.contains("future.hire@acme.example"))
        }
    }
}
