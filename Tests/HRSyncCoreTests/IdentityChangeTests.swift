import Foundation
import Testing

@testable import HRSyncCore

/// SYNC-RULES §2: a create that is probably an identity change is paired with the user it looks like.
@Suite struct IdentityChangeTests {
    static func config(match: String) throws -> HRSyncConfig {
        try ConfigLoader.load(
            yaml: """
                personio: {}
                learning360: {admin_email: lms-admin@acme.example}
                sync:
                  match: \(match)
                  groups: [{id: 000000000000000000000000}]
                  max_deletes: 100%
                """, file: "t.yaml")
    }

    static func person(_ id: Int, mail: String, status: String = "active", first: String = "Ada", hired: String = "2020-01-15") -> Employee {
        Employee(
            id: id,
            attributes: [
                "first_name": .text(first), "last_name": .text("Lovelace"), "email": .text(mail), "status": .text(status),
                "hire_date": .date(hired)
            ])
    }

    /// A platform where user u-7 is Ada under her old address, mapped to Personio id 7.
    static func platform() -> LMSState {
        var lms = RandomCompany.platform()
        lms.users["u-7"] = LMSUserRecord(
            id: "u-7", mail: "ada.old@acme.example", status: "active", firstName: "Ada", lastName: "Lovelace", job: nil, lang: "en")
        lms.mappings["7"] = LMSMappingRecord(personioID: "7", userID: "u-7", mappingID: "m-7")
        return lms
    }

    @Test func anEmailChangeUnderMatchEmailIsACreatePairedWithTheMappedUser() throws {
        let input = Planner.Input(
            employees: [7: Self.person(7, mail: "ada.new@acme.example")], lms: Self.platform(), config: try Self.config(match: "[email]"))
        let plan = try Planner.plan(input)
        #expect(plan.actions.contains { $0.kind == .createUser && $0.person?.personioID == 7 })
        let note = try #require(plan.warnings.first { $0.kind == .identityChange })
        #expect(note.people.map(\.personioID) == [7] && note.users == ["u-7"] && note.values["via"] == "mapping")
        #expect(note.message.contains("looks like an email change") && note.message.contains("match: [external_id, email]"))
    }

    @Test func withExternalIDMatchingTheSameChangeIsAnUpdateAndNoWarning() throws {
        let input = Planner.Input(
            employees: [7: Self.person(7, mail: "ada.new@acme.example")], lms: Self.platform(),
            config: try Self.config(match: "[external_id, email]"))
        let plan = try Planner.plan(input)
        #expect(plan.actions.contains { $0.kind == .updateUser && $0.user?.existingID == "u-7" })
        #expect(!plan.actions.contains { $0.kind == .createUser })
        #expect(!plan.warnings.contains { $0.kind == .identityChange })
    }

    @Test func aLeaverAndAHireWithTheSameNameAndHireDateArePaired() throws {
        var lms = Self.platform()
        lms.mappings = [:]
        lms.users["u-7"]?.mail = "ada@acme.example"
        let employees = [
            7: Self.person(7, mail: "ada@acme.example", status: "inactive"),
            9: Self.person(9, mail: "ada.lovelace@acme.example"),
            10: Self.person(10, mail: "ada2@acme.example", hired: "2024-05-01")  // same name, another hire date: not paired
        ]
        let plan = try Planner.plan(Planner.Input(employees: employees, lms: lms, config: try Self.config(match: "[email]")))
        #expect(plan.actions.contains { $0.kind == .deleteUser && $0.user?.existingID == "u-7" })
        let notes = plan.warnings.filter { $0.kind == .identityChange }
        #expect(notes.count == 1)
        #expect(notes.first?.people.map(\.personioID) == [9, 7] && notes.first?.users == ["u-7"])
        #expect(notes.first?.message.contains("looks like #7 under a new Personio id") == true)
    }

    @Test func aRehireSaysRehireInItsReason() throws {
        var lms = Self.platform()
        lms.users["u-7"]?.status = "deleted"
        lms.users["u-7"]?.mail = "ada.new@acme.example"
        let plan = try Planner.plan(
            Planner.Input(employees: [7: Self.person(7, mail: "ada.new@acme.example")], lms: lms, config: try Self.config(match: "[email]")))
        let restore = try #require(plan.actions.first { $0.kind == .restoreUser })
        #expect(restore.reason.hasPrefix("rehire"))
        #expect(!plan.warnings.contains { $0.kind == .identityChange })
    }
}
