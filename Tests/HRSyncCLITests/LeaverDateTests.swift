import Foundation
import HRSyncSandbox
import HRSyncTestSupport
import Testing

/// `sync.leavers: deactivate_on_termination_date` end to end: the real binary against the sandbox,
/// whose 360Learning carries out a scheduled deactivation when its clock passes it.
@Suite struct LeaverDateTests {
    static func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func aTerminationDateIsScheduledMovedWithdrawnAndThenCarriedOut() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 12)
        try await EndToEnd.stopping(sandbox) {
            let lms = sandbox.learning360, personio = sandbox.personio
            await lms.setClock(Self.instant("2027-03-01T11:00:00Z"))
            let scratch = try Scratch()
            var runner = try await EndToEnd.runner(for: sandbox, in: scratch, extra: "  leavers: deactivate_on_termination_date\n  timezone: Europe/Berlin")
            runner.environment["HRSYNC_TEST_TODAY"] = "2027-03-01"
            #expect(try await runner.run("apply", "--auto-approve").status == 0)
            let leaver = try #require(await personio.all.first { $0.status == "active" })

            func step(_ date: (Int, Int, Int)?, expect wanted: String?, _ note: Comment) async throws {
                await personio.edit(leaver.id) { $0.terminationDate = date }
                let run = try await runner.run("apply", "--auto-approve")
                #expect(run.status == 0, "\(run.stderr)")
                let user = try #require(await lms.userByMail(leaver.email))
                #expect(user.toBeDeactivatedAt == wanted, note)
                #expect(user.status != "deleted", note)
            }
            // Berlin is UTC+1 in March (before the last Sunday), UTC+2 from then on.
            try await step((2027, 3, 20), expect: "2027-03-20T22:59:59.000Z", "a future termination date schedules the end of that day")
            let plan = try await runner.run("plan", "--detailed-exitcode")
            #expect(plan.status == 0, "the next plan is empty: \(plan.stdout)")
            let explain = try await runner.run("explain", leaver.email)
            #expect(explain.stdout.contains("termination date 2027-03-20: deactivated at 2027-03-20T22:59:59.000Z"), "\(explain.stdout)")
            try await step((2027, 4, 2), expect: "2027-04-02T21:59:59.000Z", "a moved date moves it (summer time)")
            try await step(nil, expect: nil, "a withdrawn date clears it")
            try await step((2027, 3, 20), expect: "2027-03-20T22:59:59.000Z", "set again")

            // The day passes: 360Learning deactivates the user itself; Personio marks the employee
            // inactive later. Neither state makes the next plan do anything (no restore, no delete).
            await lms.setClock(Self.instant("2027-03-21T00:30:00Z"))
            var after = runner
            after.environment["HRSYNC_TEST_TODAY"] = "2027-03-21"
            #expect(await lms.userByMail(leaver.email)?.status == "deleted")
            for moment in ["still active in Personio", "inactive in Personio"] {
                if moment.hasPrefix("inactive") { await personio.terminate(leaver.id) }
                let next = try await after.run("plan", "--detailed-exitcode")
                #expect(next.status == 0, "\(moment): \(next.stdout)")
            }
        }
    }

    @Test func aHireWithAKnownEndIsCreatedWithItAndADatePastWithoutDeactivationDeletes() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 6)
        try await EndToEnd.stopping(sandbox) {
            let lms = sandbox.learning360, personio = sandbox.personio
            await lms.setClock(Self.instant("2027-03-01T11:00:00Z"))
            let scratch = try Scratch()
            var runner = try await EndToEnd.runner(for: sandbox, in: scratch, extra: "  leavers: deactivate_on_termination_date")
            runner.environment["HRSYNC_TEST_TODAY"] = "2027-03-01"
            let temp = await personio.hire {
                $0.email = "fixed.term@acme.example"; $0.terminationDate = (2027, 6, 30)
            }
            let writesBefore = await lms.writesReceived
            #expect(try await runner.run("apply", "--auto-approve").status == 0)
            #expect(await lms.userByMail(temp.email)?.toBeDeactivatedAt == "2027-06-30T21:59:59.000Z", "sent with the create")
            #expect(await lms.writesReceived > writesBefore)

            // A date entered after the day has passed (and the user still active): access ends now,
            // as a delete (under the deletion guard: 1 of 7 is over 5%).
            let late = try #require(await personio.all.first { $0.status == "active" && $0.email != temp.email })
            await personio.edit(late.id) { $0.terminationDate = (2027, 2, 27) }
            let held = try await runner.run("apply", "--auto-approve")
            #expect(held.status == 3, "\(held.stderr)")
            let run = try await runner.run("apply", "--auto-approve", "--allow-deletes", "1")
            #expect(run.status == 0, "\(run.stderr)")
            #expect(await lms.userByMail(late.email)?.status == "deleted")
        }
    }
}
