import Foundation
import HRSyncCore
import HRSyncTestSupport
import Testing

/// `forget`'s pure part: who the person is across both sides, and each thing without them.
struct ErasureTests {
    static func employee(_ id: Int, _ first: String, _ last: String, _ mail: String, supervisor: Int? = nil) -> Employee {
        var attributes: [String: AttributeValue] = [
            PersonioKey.firstName: .text(first), PersonioKey.lastName: .text(last), PersonioKey.email: .text(mail), PersonioKey.status: .text("active")
        ]
        if let supervisor { attributes[PersonioKey.supervisor] = .employee(supervisor) }
        return Employee(id: id, attributes: attributes)
    }

    static let personio = try! PersonioSnapshotRecords.encode([
        employee(1004, "Quirinus", "Zwetschge", "Q.Zwetschge@acme.example"),
        employee(1005, "Lisbeth", "Ort", "lisbeth@acme.example", supervisor: 1004),
        employee(1006, "Li", "Berg", "li@acme.example")
    ])

    static var lms: [String: Data] {
        var state = LMSState()
        state.users["u1"] = LMSUserRecord(
            id: "u1", mail: "q.zwetschge@acme.example", status: "active", firstName: "Quirinus", lastName: "Zwetschge", job: nil, lang: nil)
        state.users["u2"] = LMSUserRecord(
            id: "u2", mail: "lisbeth@acme.example", status: "active", firstName: "Lisbeth", lastName: "Ort", job: nil, lang: nil, managers: ["u1"])
        state.mappings["1004"] = LMSMappingRecord(personioID: "1004", userID: "u1", mappingID: "m1")
        state.memberships[RoleKey(group: "g1", user: "u1")] = LMSMembershipRecord(groupID: "g1", userID: "u1", roles: ["learner"])
        state.memberships[RoleKey(group: "g1", user: "u2")] = LMSMembershipRecord(groupID: "g1", userID: "u2", roles: ["learner"])
        return try! LMSSnapshotRecords.encode(state)
    }

    static func person(_ argument: String) -> ErasedPerson {
        var who = ErasedPerson(tombstone: "forgotten:abc")
        who.learn(from: personio, kind: PersonioSnapshotRecords.kind)
        who.learn(from: lms, kind: LMSSnapshotRecords.kind)
        try! who.resolve(argument)
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

    @Test func logWordsThatAreTheirIDOrEmailGoAndNothingElse() {
        let who = Self.person("1004")
        #expect(
            who.scrub(words: "hrsync plan --person 1004 --person Q.Zwetschge@acme.example --person=1004, 10040 Quirinus Zwetschge")
                == "hrsync plan --person forgotten:abc --person forgotten:abc --person=forgotten:abc, 10040 Quirinus Zwetschge")
        #expect(who.scrub(people: ["1004", "Q.Zwetschge@acme.example", "1005"]) == ["1005", "forgotten:abc"], "sorted again")
        #expect(who.scrub(summary: "targeted pull for 1004, 1005: 2 employees") == "targeted pull for forgotten:abc, 1005: 2 employees")
        #expect(who.scrub(words: "hrsync apply --allow-deletes 1004") == "hrsync apply --allow-deletes 1004", "a bare number is nobody")
    }

    @Test func plansLoseTheirActionsAndNotesAndOthersKeepTheirsWithATombstoneWhereTheyNamedThem() throws {
        let who = Self.person("q.zwetschge@acme.example")
        let quirinus = PersonRef(personioID: 1004, name: "Quirinus Zwetschge", email: "q.zwetschge@acme.example")
        let lisbeth = PersonRef(personioID: 1005, name: "Lisbeth Ort", email: "lisbeth@acme.example")
        let mine = PlanAction(.addRole(group: "g1"), person: quirinus, user: .existing("u1"), reason: "placement")
        let link = PlanAction(.addManager(.existing("u1")), person: lisbeth, user: .existing("u2"), reason: "supervisor in Personio: #1004")
        let other = PlanAction(
            .addRole(group: "g1"), person: PersonRef(personioID: 1006, name: "Li Berg", email: "li@acme.example"), user: .existing("u3"), reason: "placement")
        let theirNote = PlanNote(.noGroup, people: [quirinus])
        let lisbethsNote = PlanNote(.supervisorNotAManager, people: [lisbeth, quirinus], values: ["why": "has left (inactive in Personio)"])
        let plan = Plan(
            personioSnapshot: "p", learning360Snapshot: "l", configHash: "c", target: "t", actions: [mine, link, other],
            warnings: [theirNote, lisbethsNote, "Quirinus Zwetschge has no office", "Quirinus has no office"], conflicts: [],
            held: nil, syncedUsers: 3, summary: PlanSummary())
        let scrubbed = try #require(who.scrub(plan))
        var redactedLink = link
        redactedLink.change = .addManager(.existing("forgotten:abc"))
        redactedLink.reason = "supervisor in Personio"
        #expect(scrubbed.plan.actions == [redactedLink, other])
        #expect(scrubbed.kept == [1: 0, 2: 1])
        #expect(
            scrubbed.plan.warnings.map(\.message) == [
                "Personio employee 1005: supervisor forgotten:abc was forgotten; no manager change",
                "Quirinus has no office"  // a 2.0 note naming a namesake's first name only is not theirs
            ])
        #expect(who.scrub(scrubbed.plan) == nil, "a plan without them is left as it is")
        let record = ApplyRecord(
            plan: "old",
            results: [
                .init(action: mine, status: .done, userID: "u1"), .init(action: link, status: .done, userID: "u2", vendorID: "u1"),
                .init(action: other, status: .done, userID: "u3")
            ])
        #expect(
            who.scrub(record, plan: "new")
                == ApplyRecord(
                    plan: "new",
                    results: [
                        .init(action: redactedLink, status: .done, userID: "u2", vendorID: "forgotten:abc"),
                        .init(action: other, status: .done, userID: "u3")
                    ]))
    }
}
