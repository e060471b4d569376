import Foundation
import HRSyncSandbox
import HRSyncTestSupport
import Testing

/// Bulk role changes through the real binary: kill -9 while a bulk operation runs, and the next
/// apply of the same plan polls that operation instead of posting its rows again.
@Suite struct BulkApplyTests {
    @Test func aKilledApplyDuringABulkOperationResumesAndConvergesWithoutDuplicateRoles() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 150)
        try await EndToEnd.stopping(sandbox) {
            let lms = sandbox.learning360
            let scratch = try Scratch()
            let runner = try await EndToEnd.runner(for: sandbox, in: scratch)
            let first = try await runner.run("apply", "--auto-approve")
            #expect(first.status == 0, "\(first.stderr)")

            // Everyone with an office moves to the next one: a learner role to add in the new
            // department, and the one hrsync added in the old department to remove.
            let offices = CompanyGenerator.offices
            for person in await sandbox.personio.all {
                guard let office = person.office, let at = offices.firstIndex(of: office) else { continue }
                await sandbox.personio.edit(person.id) { $0.office = offices[(at + 1) % offices.count] }
            }
            let planned = try await runner.run("plan", "--json", "-o", "moves.plan")
            let actions = try #require((try JSONSerialization.jsonObject(with: Data(planned.stdout.utf8)) as? [String: Any])?["actions"] as? [[String: Any]])
            let adds = actions.filter { $0["kind"] as? String == "add_role" }.count
            #expect(adds > 50, "enough rows for a bulk operation: \(adds)")

            // The operation runs a minute of the sandbox's clock, which stands still until the test
            // moves it: still running when the apply is killed, however slow the machine.
            let start = Date()
            await lms.setClock(start)
            await lms.setBulkDuration(seconds: 60)
            var killer = runner
            killer.environment["HRSYNC_TEST_KILL_AFTER_BULK"] = "1"
            let killed = try await killer.run("apply", "moves.plan")
            #expect(killed.status != 0, "the run was killed")
            let posted = await lms.bulkOperationIDs()
            #expect(posted.count == 1)
            #expect(await lms.bulkFinished(posted[0]) == false, "killed while the operation runs")
            let status = try await runner.run("status")
            #expect(status.stdout.contains("unfinished (0 actions recorded)"), "the bulk line is no action: \(status.stdout)")

            // A minute on, the operation has run; the removals' operation will run at once.
            await lms.setClock(start.addingTimeInterval(61))
            #expect(await lms.bulkFinished(posted[0]) == true)
            await lms.setBulkDuration(seconds: 0)
            let resumed = try await runner.run("apply", "moves.plan")
            #expect(resumed.status == 0, "\(resumed.stderr)")
            let summary = try #require(resumed.stdout.split(separator: "\n").first { $0.hasPrefix("Apply ") })
            #expect(summary.contains(" 0 failed"), "\(summary)")
            #expect(await lms.bulkOperationIDs().count == 2, "the additions' operation was polled, not posted again; then the removals'")

            #expect(try await runner.run("plan", "--detailed-exitcode").status == 0, "converged")
            // No user is left a learner of two departments, and nobody lost theirs.
            let groups = await lms.allGroups(), employeesGroup = await lms.employeesGroupID
            let officeGroups = Set(groups.filter { $0.parentID == employeesGroup }.map(\.id))
            let departments = Set(groups.filter { $0.parentID.map(officeGroups.contains) ?? false }.map(\.id))
            for person in await sandbox.personio.all where person.office != nil && ["active", "onboarding", "leave"].contains(person.status) {
                guard let user = await lms.userByMail(person.email) else { continue }
                let learnerOf = await lms.rolesOf(user: user.id).filter { departments.contains($0.key) && $0.value.contains("learner") }
                #expect(learnerOf.count == 1, "\(person.email): learner of \(learnerOf.count) departments")
            }
            #expect(try await runner.run("fsck").status == 0)
        }
    }
}
