import Foundation
import HRSyncCore
import HRSyncStore
import HRSyncTestSupport
import Learning360
import Testing

@testable import HRSyncEngine

/// Managers read from the managers' side (`subordinates`) instead of one read per user: the same
/// plan, for far fewer reads.
@Suite struct ManagerReadsTests {
    typealias World = EngineTests.World
    static func employee(_ id: Int, supervisor: Int? = nil) -> Employee { EngineTests.employee(id, supervisor: supervisor) }

    func user(_ world: World, _ id: Int) async throws -> String {
        try #require(await world.lms.users.values.first { $0.mail == "p\(id)@acme.example" })._id
    }

    /// Pulls 360Learning into the world's state dir one way and plans on it.
    func plan(_ world: World, _ employees: [Int: Employee], _ reads: ManagerReads) async throws -> Plan {
        _ = try await Learning360Pull(config: world.config, state: world.state, client: world.lms, employees: employees, managerReads: reads).run()
        return try PlanEngine(config: world.config, configBytes: Data(world.yaml.utf8), state: world.state).compute().1
    }

    @Test func thePlannersOutputForTheSameInputsIsUnchanged() async throws {
        // 1 ← 2, 3; 2 ← 4, 5; 3 ← 6, 7, 8.
        var people = [
            Self.employee(1), Self.employee(2, supervisor: 1), Self.employee(3, supervisor: 1), Self.employee(4, supervisor: 2),
            Self.employee(5, supervisor: 2), Self.employee(6, supervisor: 3), Self.employee(7, supervisor: 3), Self.employee(8, supervisor: 3)
        ]
        let world = try await World.make(employees: people)
        try await world.sync()
        let (u2, u5, u6) = (try await user(world, 2), try await user(world, 5), try await user(world, 6))
        let (u4, u7) = (try await user(world, 4), try await user(world, 7))
        // By hand: a link hrsync never set and nobody wants (5 → 6), a manager outside Personio
        // (4 → outsider), a link hrsync set taken away (7 loses 3).
        let outsider = await world.lms.addByHand(mail: "consultant@elsewhere.example")
        await world.lms.setManagersByHand(u5, [u2, u6])
        await world.lms.setManagersByHand(u4, [u2, outsider])
        await world.lms.setManagersByHand(u7, [])
        // In Personio: 4 moves to 3 (the link to 2 is stale), 5 loses its supervisor, so 2 is now
        // nobody's supervisor and only the apply records name it.
        people[3] = Self.employee(4, supervisor: 3)
        people[4] = Self.employee(5)
        await world.personio.set(people)
        let snapshot = try #require(try await world.pull().personioSnapshot)
        let employees = try PersonioSnapshotRecords.decode(try world.state.snapshots.read(snapshot).records)

        let perUser = try await plan(world, employees, .perUser)
        let before = await world.lms.reads
        let fromManagers = try await plan(world, employees, .fromManagers)
        let after = await world.lms.reads

        #expect(fromManagers.actions == perUser.actions)
        #expect(fromManagers.warnings == perUser.warnings)
        #expect(fromManagers.conflicts == perUser.conflicts)
        #expect(fromManagers.summary == perUser.summary)
        #expect(fromManagers.syncedUsers == perUser.syncedUsers)
        let managerChanges = perUser.actions.filter { [.addManager, .removeManager].contains($0.kind) }
        #expect(managerChanges.count == 4, "4 → 3 added, 4 → 2 and 5 → 2 removed, 7 → 3 restored: \(managerChanges.map(\.reason))")
        #expect(!perUser.actions.contains { $0.user == .existing(u5) && $0.change == .removeManager(userID: u6) }, "a hand-made link stays")
        #expect(!perUser.actions.contains { $0.change == .removeManager(userID: outsider) })

        let subordinateReads = (after["GET /api/v2/users/{userId}/subordinates"] ?? 0) - (before["GET /api/v2/users/{userId}/subordinates"] ?? 0)
        #expect(after["GET /api/v2/users/{userId}/managers"] == before["GET /api/v2/users/{userId}/managers"], "no per-user manager reads")
        #expect(subordinateReads == 3, "the managers 1, 3 (supervisors) and 2 (named by the apply records)")
    }

    @Test func aPullReadsNoValuesWithoutCustomFieldsAndNoRolesOutsideTheSyncedSubtrees() async throws {
        let people = (1...5).map { Self.employee($0, supervisor: $0 > 1 ? 1 : nil) }
        let world = try await World.make(employees: people, customFields: "[]")
        try await world.sync()
        let before = await world.lms.reads
        _ = try await world.pull()
        let after = await world.lms.reads
        func delta(_ endpoint: String) -> Int { (after[endpoint] ?? 0) - (before[endpoint] ?? 0) }
        #expect(delta("GET /api/v2/users/{userId}/custom-fields/values") == 0)
        #expect(delta("GET /api/v2/users/{userId}/managers") == 0)
        #expect(delta("GET /api/v2/users/{userId}/subordinates") == 1, "one manager, one read")
        // Employees, Berlin and Paris; not the root group ACME.
        #expect(delta("GET /api/v2/groups/{groupId}/roles") == 3)
        #expect(try world.plan().plan.isEmpty)
    }
}
