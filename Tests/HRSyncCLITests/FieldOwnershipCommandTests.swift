import Foundation
import HRSyncSandbox
import HRSyncTestSupport
import Testing

/// `sync.fields` (issue #27), the real binary against the sandbox.
@Suite struct FieldOwnershipCommandTests {
    /// `job: create_only`: a created user gets Personio's position; a later position change in
    /// Personio produces no update; an admin's edit in 360Learning stays; a new hire gets the new
    /// value; switched back to `always`, the next run updates it.
    @Test func createOnlyJobIsSetOnCreateThen360LearningOwnsIt() async throws {
        try await EndToEnd.run(Sandbox.unthrottled(employees: 12), extra: "  fields: {job: create_only}") { sandbox, scratch, runner in
            let lms = sandbox.learning360
            let first = try await runner.run("apply", "--auto-approve", "--no-color")
            #expect(first.status == 0, "\(first.stderr)")
            let active = await sandbox.personio.all.filter { $0.status == "active" && !$0.position.isEmpty }
            try #require(active.count >= 3)
            for person in active {
                #expect(await lms.userByMail(person.email)?.job == person.position, "\(person.email) is created with Personio's position")
            }

            // Personio changes a position; an admin edits another user's job in 360Learning.
            let promoted = active[0], edited = active[1]
            await sandbox.personio.edit(promoted.id) { $0.position = "Promoted Role" }
            let editedUser = try #require(await lms.userByMail(edited.email))
            await lms.editUser(editedUser.id) { $0.job = "Set by an admin" }

            let plan = try await runner.run("plan", "--detailed-exitcode", "--no-color")
            #expect(plan.status == 0, "no update of a field hrsync does not own: \(plan.stdout)")
            #expect(!plan.stdout.contains("job:"), "\(plan.stdout)")
            let explain = try await runner.run("explain", promoted.email)
            #expect(explain.status == 0, "\(explain.stderr)")
            #expect(
                explain.stdout.contains(
                    "6. job: create_only (sync.fields): Personio has 'Promoted Role', 360Learning '\(promoted.position)': not updated, 360Learning owns it"),
                "\(explain.stdout)")

            let writes = await lms.writesReceived
            let second = try await runner.run("apply", "--auto-approve")
            #expect(second.stdout.contains("No changes."), "\(second.stdout)")
            #expect(await lms.writesReceived == writes)
            #expect(await lms.userByMail(promoted.email)?.job == promoted.position)
            #expect(await lms.userByMail(edited.email)?.job == "Set by an admin")

            // A new hire gets Personio's (new) value.
            _ = await sandbox.personio.hire(supervisorID: active[2].id) {
                $0.email = "fresh.hire@acme.example"; $0.position = "Brand New Role"
            }
            let third = try await runner.run("apply", "--auto-approve")
            #expect(third.status == 0, "\(third.stderr)")
            #expect(await lms.userByMail("fresh.hire@acme.example")?.job == "Brand New Role")
            #expect(await lms.userByMail(promoted.email)?.job == promoted.position)

            // Switched back to always: the next run updates the field, and explain says so.
            let config = scratch.url.appendingPathComponent("hrsync.yaml")
            let text = try String(contentsOf: config, encoding: .utf8)
            try text.replacingOccurrences(of: "fields: {job: create_only}", with: "fields: {job: always}").write(
                to: config, atomically: true, encoding: .utf8)
            let back = try await runner.run("plan", "--no-color")
            #expect(back.stdout.contains("    job: \"\(promoted.position)\" → \"Promoted Role\""), "\(back.stdout)")
            let explainBack = try await runner.run("explain", promoted.email)
            #expect(
                explainBack.stdout.contains("6. job: always (sync.fields): Personio 'Promoted Role', 360Learning '\(promoted.position)': updated"),
                "\(explainBack.stdout)")
            #expect(try await runner.run("apply", "--auto-approve").status == 0)
            #expect(await lms.userByMail(promoted.email)?.job == "Promoted Role")
            #expect(await lms.userByMail(edited.email)?.job == edited.position)
        }
    }
}
