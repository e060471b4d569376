import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncTestSupport
import Learning360
import Testing

/// 360Learning's text is capped as Personio's is (`TextCap`): a profile value over its cap reads as
/// absent (so Personio's value replaces it), and a user with a custom value over the cap has no
/// custom values read, so none is written back (a PUT replaces them all). A warning names both.
@Suite struct LMSValueCapTests {
    typealias World = EngineTests.World

    @Test func aHugeJobIsReadAsAbsentAndAHugeValueLeavesTheValuesAlone() async throws {
        let world = try await World.make(employees: (1...2).map { EngineTests.employee($0) })
        try await world.sync()
        let ada = try await world.lms.users(mail: "p1@acme.example", status: nil)[0]._id
        let bob = try await world.lms.users(mail: "p2@acme.example", status: nil)[0]._id
        await world.lms.editByHand(ada) { $0.job = String(repeating: "x", count: 10 * 1024 * 1024) }
        let field = try await world.lms.customFields()[0]._id!
        _ = try await world.lms.replaceCustomValues(
            of: bob, [CustomValueDTO(customFieldId: field, type: "string", value: String(repeating: "y", count: 1_001))])
        let warnings = try await world.pull().learning360?.warnings ?? []
        #expect(warnings.contains("360Learning user \(ada): job is 10485760 characters, over hrsync's cap of 1000: read as absent"))
        #expect(
            warnings.contains(
                "360Learning user \(bob): custom field \(field) is 1001 characters, over hrsync's cap of 1000: the user's custom values are left as they are"))
        let plan = try world.plan().plan
        #expect(plan.actions.contains { $0.change == .updateUser([FieldChange(field: .job, before: nil, after: "Engineer")]) && $0.personioID == 1 })
        #expect(!plan.actions.contains { $0.kind == .setCustomValues })
    }
}
