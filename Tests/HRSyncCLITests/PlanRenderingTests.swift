import Foundation
import HRSyncCore
import HRSyncTestSupport
import Testing

@testable import HRSyncCLI

/// Snapshot tests of the plan's two renderings for one small fixed scenario.
@Suite struct PlanRenderingTests {
    static func scenario() throws -> (Plan, LMSState) {
        var lms = LMSState()
        lms.groups["r"] = LMSGroupRecord(id: "r", name: "ACME", parentID: nil, isPublic: false)
        lms.groups["t"] = LMSGroupRecord(id: "t", name: "Employees", parentID: "r", isPublic: true)
        lms.groups["b"] = LMSGroupRecord(id: "b", name: "Berlin", parentID: "t", isPublic: true)
        lms.fields["f1"] = LMSFieldRecord(id: "f1", name: "Hire date", type: "date")
        lms.users["admin"] = LMSUserRecord(id: "admin", mail: "lms-admin@acme.example", status: "active", firstName: nil, lastName: nil, job: nil, lang: "en")
        lms.admin = LMSAdminRecord(mail: "lms-admin@acme.example", userID: "admin", status: "active", rootRoles: ["owner"])
        lms.users["u2"] = LMSUserRecord(
            id: "u2", mail: "bo@acme.example", status: "active", firstName: "Bo", lastName: "Old", job: "Engineer", lang: "en",
            customValues: [LMSCustomValue(fieldID: "f1", type: "date", value: "2020-01-01")], managers: [])
        lms.mappings["2"] = LMSMappingRecord(personioID: "2", userID: "u2", mappingID: "m2")
        lms.memberships[RoleKey(group: "b", user: "u2")] = LMSMembershipRecord(groupID: "b", userID: "u2", roles: ["learner"])
        lms.users["u3"] = LMSUserRecord(
            id: "u3", mail: "cy@acme.example", status: "active", firstName: "Cy", lastName: nil, job: nil, lang: "en",
            customValues: [], managers: [])
        let employees: [Int: Employee] = [
            1: Employee(
                id: 1,
                attributes: [
                    "first_name": .text("Ada\u{1B}[31m"), "last_name": .text("Lovelace"), "email": .text("ada@acme.example"),
                    "status": .text("active"), "office": .text("Berlin"), "hire_date": .date("2022-01-12"), "supervisor": .employee(2)
                ]),
            2: Employee(
                id: 2,
                attributes: [
                    "first_name": .text("Bo"), "last_name": .text("New"), "email": .text("bo@acme.example"), "position": .text("Lead"),
                    "status": .text("active"), "office": .text("Berlin"), "hire_date": .date("2020-01-01")
                ]),
            3: Employee(id: 3, attributes: ["email": .text("cy@acme.example"), "status": .text("inactive")]),
            4: Employee(id: 4, attributes: ["email": .text("dee@acme.example"), "status": .text("retired")])
        ]
        var config = try ConfigLoader.load(
            yaml: """
                personio: {}
                learning360: {admin_email: lms-admin@acme.example}
                sync:
                  groups: [{id: 000000000000000000000000, hierarchy: [office]}]
                  custom_fields: [{personio: hire_date, name: Hire date}]
                  max_deletes: 10
                """, file: "t.yaml")
        config.sync.groups[0].id = "t"
        let plan = try Planner.plan(
            Planner.Input(employees: employees, lms: lms, config: config, personioSnapshot: "p", learning360Snapshot: "l", configHash: "c"))
        return (plan, lms)
    }

    @Test func theHumanRendering() throws {
        let (plan, lms) = try Self.scenario()
        var console = Console(try GlobalOptions.parse(["--no-color"]))
        console.color = false
        #expect(
            PlanView.text(plan, lms: lms, console: console) == """
                + create  Ada\\u{1b}[31m Lovelace <ada@acme.example> (#1)
                    mail: "ada@acme.example"
                    firstName: "Ada\\u{1b}[31m"
                    lastName: "Lovelace"
                    lang: "en"
                    learner in Employees › Berlin
                    external id personio = "1"
                    custom field Hire date: (empty) → "2022-01-12"
                    + manager Bo Old <bo@acme.example>
                ~ update  Bo New <bo@acme.example> (#2)
                    lastName: "Old" → "New"
                    job: "Engineer" → "Lead"
                - delete  cy@acme.example (#3)
                    inactive in Personio

                Warnings:
                  ! Personio employee 4 (dee@acme.example) skipped: status 'retired' is not active, onboarding, leave or inactive

                Plan: 1 to create, 1 to update, 1 to delete, 0 to restore; 1 warning.
                """)
    }

    @Test func theJSONRendering() throws {
        let (plan, _) = try Self.scenario()
        let json = try PlanView.json(plan, id: "abc")
        let document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        #expect(
            Set(document.keys) == [
                "id", "format_version", "personio_snapshot", "learning360_snapshot", "config_hash", "target",
                "actions", "warnings", "conflicts", "held", "synced_users", "summary"
            ])
        #expect(document["format_version"] as? String == "2.2")
        let actions = document["actions"] as! [[String: Any]]
        #expect(actions.map { $0["kind"] as! String } == ["create_user", "create_mapping", "set_custom_values", "update_user", "add_manager", "delete_user"])
        let update = try #require(actions.first { $0["kind"] as? String == "update_user" })
        let fields = try #require(update["fields"] as? [[String: String]])
        #expect(fields == [["field": "lastName", "before": "Old", "after": "New"], ["field": "job", "before": "Engineer", "after": "Lead"]])
        #expect(update["user"] as? [String: String] == ["id": "u2"])
        #expect(update["person"] as? NSDictionary == ["personio_id": 2, "name": "Bo New", "email": "bo@acme.example"])
        let create = try #require(actions.first { $0["kind"] as? String == "create_user" })
        #expect(create["user"] as? [String: Int] == ["created_for_personio_id": 1], "the user this plan creates, named by its Personio id")
        let manager = try #require(actions.first { $0["kind"] as? String == "add_manager" })
        #expect(manager["manager"] as? [String: String] == ["id": "u2"])
        #expect((document["summary"] as! [String: Int]) == ["create": 1, "update": 1, "delete": 1, "restore": 0, "warnings": 1, "conflicts": 0])
        #expect(json.contains(#""first_name""#) == false, "Personio keys never leak into the 360Learning fields")
    }
}

/// Warnings that repeat every night group by cause, with a count and a few ids.
@Suite struct WarningGroupingTests {
    @Test func repeatedCausesBecomeOneLineEachAndVerboseListsAll() {
        func ref(_ id: Int) -> PersonRef { PersonRef(personioID: id, name: "", email: nil) }
        let warnings =
            (1...39).map { PlanNote(.supervisorNotAManager, people: [ref(1000 + $0), ref(1010)], values: ["why": "has left (inactive in Personio)"]) }
            + [
                PlanNote(.supervisorNotAManager, people: [ref(7), ref(9)], values: ["why": "is not in Personio's answer"]),
                PlanNote(.attributeUnreadable, values: ["key": "x"])
            ]
        #expect(
            PlanView.groupedWarnings(warnings, all: false) == [
                "39 employees: supervisor #1010 has left (inactive in Personio); no manager change (#1001, #1002, #1003, …; -v lists all)",
                "Personio employee 7: supervisor #9 is not in Personio's answer; no manager change",
                "attribute 'x' is in no Personio employee's payload (not readable with this credential?): what it maps is left as it is"
            ])
        #expect(PlanView.groupedWarnings(warnings, all: true) == warnings.map(\.message))
        #expect(warnings[0].message == "Personio employee 1001: supervisor #1010 has left (inactive in Personio); no manager change")
    }
}
