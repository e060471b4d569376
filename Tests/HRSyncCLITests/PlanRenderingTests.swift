import Foundation
import Testing
import HRSyncCore
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
        lms.users["u2"] = LMSUserRecord(id: "u2", mail: "bo@acme.example", status: "active", firstName: "Bo", lastName: "Old", job: "Engineer", lang: "en",
                                        customValues: [LMSCustomValue(fieldID: "f1", type: "date", value: "2020-01-01")], managers: [])
        lms.mappings["2"] = LMSMappingRecord(personioID: "2", userID: "u2", mappingID: "m2")
        lms.memberships["b/u2"] = LMSMembershipRecord(groupID: "b", userID: "u2", roles: ["learner"])
        lms.users["u3"] = LMSUserRecord(id: "u3", mail: "cy@acme.example", status: "active", firstName: "Cy", lastName: nil, job: nil, lang: "en",
                                        customValues: [], managers: [])
        let employees: [Int: Employee] = [
            1: Employee(id: 1, attributes: ["first_name": .text("Ada\u{1B}[31m"), "last_name": .text("Lovelace"), "email": .text("ada@acme.example"),
                                            "status": .text("active"), "office": .text("Berlin"), "hire_date": .date("2022-01-12"), "supervisor": .employee(2)]),
            2: Employee(id: 2, attributes: ["first_name": .text("Bo"), "last_name": .text("New"), "email": .text("bo@acme.example"), "position": .text("Lead"),
                                            "status": .text("active"), "office": .text("Berlin"), "hire_date": .date("2020-01-01")]),
            3: Employee(id: 3, attributes: ["email": .text("cy@acme.example"), "status": .text("inactive")]),
            4: Employee(id: 4, attributes: ["email": .text("dee@acme.example"), "status": .text("retired")]),
        ]
        var config = try ConfigLoader.load(yaml: """
            personio: {}
            learning360: {admin_email: lms-admin@acme.example}
            sync:
              groups: [{id: 000000000000000000000000, hierarchy: [office]}]
              custom_fields: [{personio: hire_date, name: Hire date}]
              max_deletes: 10
            """, file: "t.yaml")
        config.sync.groups[0].id = "t"
        let plan = try Planner.plan(Planner.Input(employees: employees, lms: lms, config: config, personioSnapshot: "p" , learning360Snapshot: "l", configHash: "c"))
        return (plan, lms)
    }

    @Test func theHumanRendering() throws {
        let (plan, lms) = try Self.scenario()
        var console = Console(try GlobalOptions.parse(["--no-color"]))
        console.color = false
        #expect(PlanView.text(plan, lms: lms, console: console) == """
            + create  Ada\\u{1b}[31m Lovelace <ada@acme.example> (#1)
                mail: "ada@acme.example"
                firstName: "Ada\\u{1b}[31m"
                lastName: "Lovelace"
                lang: "en"
                learner in Employees › Berlin
                external id personio = "1"
                custom field Hire date: (empty) → "2022-01-12"
                + manager user u2
            ~ update  Bo New <bo@acme.example> (#2)
                job: "Engineer" → "Lead"
                lastName: "Old" → "New"
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
        #expect(Set(document.keys) == ["id", "format_version", "personio_snapshot", "learning360_snapshot", "config_hash", "target",
                                       "actions", "warnings", "conflicts", "held", "summary"])
        #expect(document["format_version"] as? String == "1.0")
        let actions = document["actions"] as! [[String: Any]]
        #expect(actions.map { $0["kind"] as! String } == ["create_user", "create_mapping", "set_custom_values", "update_user", "add_manager", "delete_user"])
        let update = try #require(actions.first { $0["kind"] as? String == "update_user" })
        #expect(update["before"] as? [String: String] == ["job": "Engineer", "lastName": "Old"])
        #expect(update["after"] as? [String: String] == ["job": "Lead", "lastName": "New"])
        #expect(update["user_id"] as? String == "u2" && update["personio_id"] as? Int == 2)
        #expect((document["summary"] as! [String: Int]) == ["create": 1, "update": 1, "delete": 1, "restore": 0, "warnings": 1, "conflicts": 0])
        #expect(json.contains(#""first_name""#) == false, "Personio keys never leak into the 360Learning fields")
    }
}
