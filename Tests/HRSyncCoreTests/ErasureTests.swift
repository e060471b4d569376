import Foundation
import HRSyncCore
import Testing

/// `forget`'s pure part: who the person is across both sides, and each thing without them.
struct ErasureTests {
    static func employee(_ id: Int, _ first: String, _ last: String, _ mail: String, supervisor: Int? = nil) -> Employee {
        var attributes: [String: AttributeValue] = [
            PersonioKey.firstName: .text(first), PersonioKey.lastName: .text(last), PersonioKey.email: .text(mail), PersonioKey.status: .text("active"),
        ]
        if let supervisor { attributes[PersonioKey.supervisor] = .employee(supervisor) }
        return Employee(id: id, attributes: attributes)
    }

    static let personio = try! PersonioSnapshotRecords.encode([
        employee(1004, "Quirinus", "Zwetschge", "Q.Zwetschge@acme.example"),
        employee(1005, "Lisbeth", "Ort", "lisbeth@acme.example", supervisor: 1004),
        employee(1006, "Li", "Berg", "li@acme.example"),
    ])

    static var lms: [String: Data] {
        var state = LMSState()
        state.users["u1"] = LMSUserRecord(id: "u1", mail: "q.zwetschge@acme.example", status: "active", firstName: "Quirinus", lastName: "Zwetschge", job: nil, lang: nil)
        state.users["u2"] = LMSUserRecord(id: "u2", mail: "lisbeth@acme.example", status: "active", firstName: "Lisbeth", lastName: "Ort", job: nil, lang: nil, managers: ["u1"])
        state.mappings["1004"] = LMSMappingRecord(personioID: "1004", userID: "u1", mappingID: "m1")
        state.memberships[RoleKey(group: "g1", user: "u1")] = LMSMembershipRecord(groupID: "g1", userID: "u1", roles: ["learner"])
        state.memberships[RoleKey(group: "g1", user: "u2")] = LMSMembershipRecord(groupID: "g1", userID: "u2", roles: ["learner"])
        return try! LMSSnapshotRecords.encode(state)
    }

    static func person(_ argument: String) -> ErasedPerson {
        var who = ErasedPerson(tombstone: "forgotten:abc")
        who.learn(from: personio, kind: PersonioSnapshotRecords.kind, person: argument)
        who.learn(from: lms, kind: LMSSnapshotRecords.kind, person: argument)
        return who
    }

    @Test(arguments: ["1004", "q.zwetschge@ACME.example"])
    func findsThePersonByIdOrEmailOnBothSides(argument: String) {
        let who = Self.person(argument)
        #expect(who.personioIDs == [1004])
        #expect(who.emails == ["q.zwetschge@acme.example"])
        #expect(who.userIDs == ["u1"])
        #expect(who.names == ["Quirinus", "Zwetschge", "Quirinus Zwetschge"])
    }

    @Test func snapshotsLoseTheirRecordsAndOthersLoseTheLinkToThem() throws {
        let who = Self.person("1004")
        var personio = Self.personio
        #expect(try who.scrub(&personio, kind: PersonioSnapshotRecords.kind))
        #expect(Set(personio.keys) == ["1005", "1006"])
        let employees = try PersonioSnapshotRecords.decode(personio)
        #expect(employees[1005]?.supervisorID == nil && employees[1005]?.firstName == "Lisbeth")
        var lms = Self.lms
        #expect(try who.scrub(&lms, kind: LMSSnapshotRecords.kind))
        #expect(Set(lms.keys) == ["user:u2", "role:g1/u2"])
        for data in Array(personio.values) + Array(lms.values) {
            #expect(!String(decoding: data, as: UTF8.self).localizedCaseInsensitiveContains("zwetschge"))
        }
        #expect(try who.scrub(&personio, kind: PersonioSnapshotRecords.kind) == false, "nothing left to change")
    }

    @Test func textKeepsOtherWordsAndNumbers() {
        let who = Self.person("1004")
        #expect(who.scrub(text: "hired #1004 Quirinus Zwetschge <q.zwetschge@acme.example>, 10040 and Quirinusweg stay")
            == "hired #forgotten:abc forgotten:abc <forgotten:abc>, 10040 and Quirinusweg stay")
        #expect(who.scrub(people: ["1004", "Q.Zwetschge@acme.example", "1005"]) == ["forgotten:abc", "1005"])
    }

    @Test func plansLoseTheirActionsAndApplyRecordsTheirResults() throws {
        let who = Self.person("q.zwetschge@acme.example")
        let mine = PlanAction(.addRole(group: "g1"), person: PersonRef(personioID: 1004, name: "Quirinus Zwetschge", email: "q.zwetschge@acme.example"), user: .existing("u1"), reason: "placement")
        let link = PlanAction(.addManager(.existing("u1")), person: PersonRef(personioID: 1005, name: "Lisbeth Ort", email: "lisbeth@acme.example"), user: .existing("u2"), reason: "supervisor Quirinus Zwetschge")
        let other = PlanAction(.addRole(group: "g1"), person: PersonRef(personioID: 1006, name: "Li Berg", email: "li@acme.example"), user: .existing("u3"), reason: "placement")
        let plan = Plan(personioSnapshot: "p", learning360Snapshot: "l", configHash: "c", target: "t", actions: [mine, link, other],
                        warnings: ["Quirinus Zwetschge has no office"], conflicts: [], held: nil, syncedUsers: 3, summary: PlanSummary())
        let scrubbed = try #require(try who.scrub(plan))
        #expect(scrubbed.actions == [other])
        #expect(scrubbed.warnings == ["forgotten:abc has no office"])
        #expect(try who.scrub(scrubbed) == nil, "a plan without them is left as it is")
        let record = ApplyRecord(plan: "old", results: [.init(action: mine, status: .done, userID: "u1"), .init(action: other, status: .done, userID: "u3")])
        #expect(try who.scrub(record, plan: "new") == ApplyRecord(plan: "new", results: [.init(action: other, status: .done, userID: "u3")]))
    }
}
