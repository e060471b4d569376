import Foundation
import Testing

@testable import HRSyncCore

/// A reverted move takes back the learner role 360Learning copied up to the new office, but never
/// one that still covers a placement the user keeps below it (removing it would cascade down).
@Suite struct RevertRolesTests {
    static func group(_ id: String, _ parent: String?) -> LMSGroupRecord { LMSGroupRecord(id: id, name: id, parentID: parent, isPublic: true) }

    static func plan(adminAddedSupport: Bool) -> Plan {
        var lms = LMSState()
        for (id, parent) in [
            ("root", nil), ("top", "root"), ("berlin", "top"), ("berlin-marketing", "berlin"), ("madrid", "top"),
            ("madrid-sales", "madrid"), ("madrid-support", "madrid")
        ] as [(String, String?)] {
            lms.groups[id] = group(id, parent)
        }
        var before = lms, now = lms
        func learner(_ state: inout LMSState, _ groups: [String]) {
            for g in groups { state.memberships[RoleKey(group: g, user: "u")] = LMSMembershipRecord(groupID: g, userID: "u", roles: ["learner"]) }
        }
        learner(&before, ["top", "berlin", "berlin-marketing"])
        learner(&now, ["top", "berlin", "madrid", "madrid-sales"] + (adminAddedSupport ? ["madrid-support"] : []))
        before.memberships[RoleKey(group: "madrid", user: "other")] = LMSMembershipRecord(groupID: "madrid", userID: "other", roles: ["learner"])
        let person = PersonRef(personioID: 1, name: "A B", email: "a@acme.example")
        let record = ApplyRecord(
            plan: "p",
            results: [
                .init(action: PlanAction(.addRole(group: "madrid-sales"), person: person, user: .existing("u"), reason: "moved"), status: .done, userID: "u"),
                .init(
                    action: PlanAction(.removeRole(group: "berlin-marketing"), person: person, user: .existing("u"), reason: "moved"), status: .done,
                    userID: "u")
            ])
        return RevertPlanner.plan(
            RevertPlanner.Input(
                record: record, applyID: "a", before: before, now: now, personioSnapshot: "", learning360Snapshot: "",
                configHash: "", target: "t", maxDeletes: .count(10)))
    }

    static func changes(_ plan: Plan) -> [String] {
        plan.actions.compactMap { action in
            switch action.change {
            case .addRole(let g): "+\(g)"
            case .removeRole(let g): "-\(g)"
            default: nil
            }
        }.sorted()
    }

    @Test func theCopyAboveTheUndonePlacementGoes() {
        #expect(Self.changes(Self.plan(adminAddedSupport: false)) == ["+berlin-marketing", "-madrid", "-madrid-sales"])
    }

    @Test func aRoleKeptBelowKeepsTheCopy() {
        #expect(Self.changes(Self.plan(adminAddedSupport: true)) == ["+berlin-marketing", "-madrid-sales"])
    }
}
