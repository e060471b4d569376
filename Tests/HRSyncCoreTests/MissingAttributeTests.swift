import Foundation
import HRSyncTestSupport
import Testing

@testable import HRSyncCore

/// SYNC-RULES §3, "missing is not empty", for one employee: a value the parser did not keep (over
/// its cap: `value_too_long`, "not read, so what it maps is left as it is") leaves the custom
/// field and the group placement it maps as they are.
@Suite struct MissingAttributeTests {
    @Test func aValueMissingFromOneEmployeesPayloadLeavesWhatItMapsAsItIs() throws {
        let boss = FieldOwnershipTests.boss(2)
        var platform = InMemoryPlatform(RandomCompany.platform())
        platform.apply(try Planner.plan(try FieldOwnershipTests.input([1: FieldOwnershipTests.ada(), 2: boss], platform.lms) { _ in }))
        let userID = try #require(platform.lms.users.values.first { $0.mail == "ada@acme.example" }?.id)
        #expect(platform.lms.memberships.keys.contains(RoleKey(group: "g-Berlin-Sales", user: userID)))

        // Ada's department and position came over their caps: the parser left them out.
        var ada = FieldOwnershipTests.ada()
        ada.attributes["department"] = nil
        ada.attributes["position"] = nil
        let plan = try Planner.plan(try FieldOwnershipTests.input([1: ada, 2: boss], platform.lms, ownership: platform.ownership) { _ in })
        #expect(plan.actions.isEmpty, "nothing is cleared or moved: \(plan.actions)")

        // What the payload does carry still syncs; the missing value still is not cleared.
        ada.attributes["hire_date"] = .date("2023-03-03")
        let dated = try Planner.plan(try FieldOwnershipTests.input([1: ada, 2: boss], platform.lms, ownership: platform.ownership) { _ in })
        guard case .setCustomValues(_, let after)? = dated.actions.first(where: { $0.kind == .setCustomValues })?.change else {
            Issue.record("no values: \(dated.actions)")
            return
        }
        #expect(after.map(\.value).sorted() == ["2023-03-03", "Sales"], "\(after)")
        #expect(!dated.actions.contains { $0.kind == .removeRole || $0.kind == .addRole || $0.kind == .updateUser }, "\(dated.actions)")

        // An empty value (sent as null) is not missing: it clears, and moves the person up a level.
        ada.attributes["department"] = .empty
        let emptied = try Planner.plan(try FieldOwnershipTests.input([1: ada, 2: boss], platform.lms, ownership: platform.ownership) { _ in })
        #expect(emptied.actions.contains { $0.kind == .removeRole }, "\(emptied.actions)")
    }
}
