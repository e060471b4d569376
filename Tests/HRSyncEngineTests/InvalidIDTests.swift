import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncTestSupport
import Learning360
import Testing

/// A 360Learning record whose id is not a 24-hex id is skipped with a warning naming it; the rest
/// of the pull goes on (one bad record used to fail the whole pull).
@Suite struct InvalidIDTests {
    typealias World = EngineTests.World

    func malformed(_ world: World) async {
        await world.lms.addMalformed(user: LMSUserDTO(_id: "not-an-id", mail: "x@acme.example", status: "active"))
        await world.lms.addMalformed(user: LMSUserDTO(_id: "", mail: "y@acme.example", status: "active"))
        await world.lms.addMalformed(group: GroupDTO(_id: "../groups", name: "Bad", public: true, parentId: InMemoryLearning360.id(2)))
        var field = CustomFieldDTO(name: "Broken", type: "string")
        field._id = nil
        await world.lms.addMalformed(field: field)
        await world.lms.addMalformed(mapping: ExternalIDDTO(platform: "personio", targetType: "user", targetId: "ZZZ", value: "2"))
    }

    @Test func aFullPullSkipsEachBadRecordWithAWarning() async throws {
        let world = try await World.make(employees: (1...3).map { EngineTests.employee($0) })
        await malformed(world)
        let pulled = try await world.pull()
        let warnings = pulled.learning360?.warnings ?? []
        #expect(warnings.contains { $0.hasPrefix("360Learning user at position ") && $0.hasSuffix(" has an invalid id 'not-an-id': skipped") })
        #expect(warnings.contains { $0.hasPrefix("360Learning user at position ") && $0.hasSuffix(" has no id: skipped") })
        #expect(warnings.contains("360Learning group at position 5 has an invalid id '../groups': skipped"))
        #expect(warnings.contains("360Learning custom field at position 1 has no id: skipped"))
        #expect(warnings.contains("360Learning external-id mapping at position 1 (Personio id 2) has an invalid user id 'ZZZ': skipped"))
        #expect(pulled.learning360?.users == 1, "the admin is read; the bad users are not")
        // The plan goes on: everyone is created, nothing names a bad id.
        let plan = try world.plan().plan
        #expect(plan.summary.create == 3)
        #expect(!plan.actions.flatMap(\.learning360IDs).contains { !Learning360ID.isValid($0) })
    }

    @Test func aTargetedPullSkipsThemWithNotes() async throws {
        let world = try await World.make(employees: (1...3).map { EngineTests.employee($0) })
        await malformed(world)
        await world.lms.addMalformed(user: LMSUserDTO(_id: "bad", mail: "p2@acme.example", status: "active"))
        let pulled = try await TargetedPull(config: world.config, state: world.state, personio: world.personio, learning360: world.lms, people: ["2"]).run()
        let messages = pulled.warnings.map(\.message)
        #expect(messages.contains("360Learning group at position 5 has an invalid id '../groups': skipped"))
        #expect(messages.contains("360Learning external-id mapping (Personio id 2) has an invalid user id 'ZZZ': skipped"))
        #expect(messages.contains("360Learning user has an invalid id 'bad': skipped"))
        #expect(pulled.lms.users.keys.allSatisfy(Learning360ID.isValid))
    }
}
