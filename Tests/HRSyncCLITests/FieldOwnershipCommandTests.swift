import Foundation
import HRSyncCore
import HRSyncSandbox
import HRSyncTestSupport
import Testing

@testable import HRSyncCLI

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
                    "§3 job: create_only (sync.fields): Personio has 'Promoted Role', 360Learning '\(promoted.position)': not updated, 360Learning owns it"),
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
                explainBack.stdout.contains("§3 job: always (sync.fields): Personio 'Promoted Role', 360Learning '\(promoted.position)': updated"),
                "\(explainBack.stdout)")
            #expect(try await runner.run("apply", "--auto-approve").status == 0)
            #expect(await lms.userByMail(promoted.email)?.job == "Promoted Role")
            #expect(await lms.userByMail(edited.email)?.job == edited.position)
        }
    }
}

/// `explain PERSON` under `sync.fields` and `apply:`, on the view model (no binary).
@Suite struct FieldOwnershipExplainTests {
    static func lms() -> LMSState {
        var lms = LMSState()
        lms.groups["root"] = LMSGroupRecord(id: "root", name: "ACME", parentID: nil, isPublic: false)
        lms.groups["top"] = LMSGroupRecord(id: "top", name: "Employees", parentID: "root", isPublic: true)
        lms.groups["g-Berlin"] = LMSGroupRecord(id: "g-Berlin", name: "Berlin", parentID: "top", isPublic: true)
        lms.groups["g-Paris"] = LMSGroupRecord(id: "g-Paris", name: "Paris", parentID: "top", isPublic: true)
        lms.users["admin"] = LMSUserRecord(id: "admin", mail: "lms-admin@acme.example", status: "active", firstName: "A", lastName: "D", job: nil, lang: "en")
        lms.admin = LMSAdminRecord(mail: "lms-admin@acme.example", userID: "admin", status: "active", rootRoles: ["owner"])
        return lms
    }

    static func employee(_ id: Int, position: String, office: String, hireDate: String, supervisor: Int? = nil) -> Employee {
        var attributes: [String: AttributeValue] = [
            "first_name": .text("P\(id)"), "last_name": .text("L"), "email": .text("p\(id)@acme.example"), "position": .text(position),
            "status": .text("active"), "office": .text(office), "hire_date": .date(hireDate)
        ]
        if let supervisor { attributes["supervisor"] = .employee(supervisor) }
        return Employee(id: id, attributes: attributes)
    }

    static func input(_ employees: [Int: Employee], _ platform: InMemoryPlatform, fields: String) throws -> Planner.Input {
        var config = try ConfigLoader.load(
            yaml: """
                personio: {}
                learning360: {admin_email: lms-admin@acme.example}
                sync:
                  groups: [{id: 000000000000000000000000, hierarchy: [office]}]
                  custom_fields: [{personio: hire_date, name: Hire date, apply: create_only}]
                  fields: \(fields)
                """, file: "t.yaml")
        config.sync.groups[0].id = "top"
        return Planner.Input(employees: employees, lms: platform.lms, config: config, ownership: platform.ownership)
    }

    @Test func explainNamesEveryOwnedFieldAndWhyADifferenceIsNotActedOn() throws {
        let fields = "{job: create_only, lastName: never, group: create_only, manager: create_only}"
        var platform = InMemoryPlatform(Self.lms())
        let before = [
            1: Self.employee(1, position: "Engineer", office: "Berlin", hireDate: "2022-01-12", supervisor: 2),
            2: Self.employee(2, position: "Boss", office: "Berlin", hireDate: "2020-01-01"),
            3: Self.employee(3, position: "Boss", office: "Berlin", hireDate: "2020-01-01")
        ]
        let unmatched = ExplainView.text(
            ExplainView.model(
                for: before[1]!, try Self.input(before, platform, fields: fields), plan: try Planner.plan(try Self.input(before, platform, fields: fields))))
        #expect(unmatched.contains("§3 job: create_only (sync.fields): set on create, then 360Learning owns it"), "\(unmatched)")
        #expect(unmatched.contains("§3 lastName: never (sync.fields): not synced, not sent on create"), "\(unmatched)")
        platform.apply(try Planner.plan(try Self.input(before, platform, fields: fields)))

        let after = [1: Self.employee(1, position: "Architect", office: "Paris", hireDate: "2023-03-03", supervisor: 3), 2: before[2]!, 3: before[3]!]
        let input = try Self.input(after, platform, fields: fields)
        let plan = try Planner.plan(input)
        #expect(plan.actions.isEmpty, "\(plan.actions)")
        let text = ExplainView.text(ExplainView.model(for: after[1]!, input, plan: plan))
        #expect(
            text.contains("§3 job: create_only (sync.fields): Personio has 'Architect', 360Learning 'Engineer': not updated, 360Learning owns it"), "\(text)")
        #expect(text.contains("§3 lastName: never (sync.fields): not synced (Personio 'L', 360Learning (empty))"), "\(text)")
        #expect(text.contains("§3 firstName: Personio 'P1', 360Learning 'P1'"), "fields without an ownership read as before: \(text)")
        #expect(
            text.contains(
                "§4 custom field Hire date: create_only (sync.custom_fields[0].apply): Personio has '2023-03-03', 360Learning '2022-01-12': not updated, 360Learning owns it"
            ),
            "\(text)")
        #expect(text.contains("§5 group: create_only (sync.fields): the user exists: learner roles are not added or removed, 360Learning owns them"), "\(text)")
        #expect(
            text.contains("§6 manager: create_only (sync.fields): the user exists: manager links are not added or removed, 360Learning owns them"), "\(text)")
        #expect(text.contains("→ actions: none"), "\(text)")
    }
}
