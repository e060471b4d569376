import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncStore
import HRSyncTestSupport
import Learning360
import Testing

/// revert through the engine on in-memory vendors: undo, undo the undo, and nothing the second time.
@Suite struct RevertEngineTests {
    typealias World = EngineTests.World

    /// The platform as data: users (status and profile), roles, managers, values.
    static func platform(_ lms: InMemoryLearning360) async -> String {
        let users = await lms.users.values.sorted { $0._id < $1._id }.map { "\($0._id) \($0.status) \($0.mail ?? "") \($0.job ?? "")" }
        let roles = await lms.roles.filter { !$0.value.isEmpty }.map { "\($0.key.group)/\($0.key.user)=\($0.value.sorted())" }.sorted()
        let managers = await lms.managers.filter { !$0.value.isEmpty }.map { "\($0.key)<-\($0.value.sorted())" }.sorted()
        let values = await lms.values.filter { !$0.value.isEmpty }.map { "\($0.key):\($0.value.map { "\($0.customFieldId)=\($0.value)" }.sorted())" }.sorted()
        return (users + roles + managers + values).joined(separator: "\n")
    }

    func revert(_ world: World, _ apply: ObjectID) async throws -> (PlanEngine.Outcome, ApplyRecord?) {
        _ = try await world.pull()
        let engine = RevertEngine(config: world.config, configBytes: Data(world.yaml.utf8), state: world.state)
        let planned = try engine.run(applyID: try engine.resolve(apply.hex))
        guard !planned.plan.isEmpty else { return (planned, nil) }
        return (planned, try await world.apply(planned, allowDeletes: 10))
    }

    @Test func aRevertUndoesEveryKindAndRevertingTheRevertRedoesIt() async throws {
        var people = (1...6).map { EngineTests.employee($0, supervisor: $0 > 1 ? 1 : nil) }
        let world = try await World.make(employees: people, maxDeletes: "100%")
        try await world.sync()
        let before = await Self.platform(world.lms)
        people[1] = EngineTests.employee(2, office: "Paris", supervisor: 1, job: "Lead")  // update, move
        people[2] = EngineTests.employee(3, status: "inactive", supervisor: 1)  // delete
        people[3] = EngineTests.employee(4, supervisor: 2)  // manager change
        people.append(EngineTests.employee(7, supervisor: 2))  // create
        await world.personio.set(people)
        _ = try await world.pull()
        let night = try world.plan()
        _ = try await world.apply(night, allowDeletes: 1)
        let after = await Self.platform(world.lms)
        let nightApply = try #require(try world.state.log.events().last { $0.kind == .apply }?.writes.first)

        let (undo, _) = try await revert(world, nightApply)
        #expect(undo.plan.reverts == nightApply.hex)
        #expect(Set(undo.plan.actions.map(\.kind)).isSuperset(of: [.updateUser, .addRole, .removeRole, .restoreUser, .deleteUser, .addManager, .removeManager]))
        let reverted = await Self.platform(world.lms)
        // The created user is deleted, not gone: all else is as before the night.
        let created = try #require(await world.lms.users.values.first { $0.mail == "p7@acme.example" })
        #expect(created.status == "deleted")
        #expect(
            reverted.split(separator: "\n").filter { !$0.contains(created._id) } == before.split(separator: "\n").filter { !$0.contains(created._id) },
            "everything else is as before the night")

        let (again, nothing) = try await revert(world, nightApply)
        #expect(again.plan.actions.isEmpty && again.plan.conflicts.isEmpty && nothing == nil, "\(again.plan.actions.map(\.kind))")

        let undoApply = try #require(try world.state.log.events().last { $0.kind == .apply }?.writes.first)
        _ = try await revert(world, undoApply)
        let redone = await Self.platform(world.lms)
        #expect(redone == after, "reverting the revert gives the night's result back")
    }
}
