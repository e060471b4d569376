import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncStore
import Testing

/// gc and revert together: the night's apply, then a check `plan` the same day (nothing to do).
/// The check plan is the newest of the day, but the apply is the newest apply: gc with the
/// README's policy keeps its plan, so `revert HEAD` still writes the undoing plan.
@Suite struct RevertAfterGcTests {
    @Test func revertHeadWorksAfterGcWithTheReadmePolicy() async throws {
        var people = (1...4).map { EngineTests.employee($0) }
        let world = try await EngineTests.World.make(employees: people)
        try await world.sync()
        people[1] = EngineTests.employee(2, job: "Lead")
        await world.personio.set(people)
        try await world.sync()
        _ = try await world.pull()
        #expect(try world.plan().plan.isEmpty, "the check plan finds nothing to do")

        let report = try world.state.gc(policy: try KeepPolicy.parse("daily=30,weekly=12,monthly=24"), dryRun: false)
        #expect(!report.removedPlans.isEmpty, "\(report.summary)")

        let engine = RevertEngine(config: world.config, configBytes: Data(world.yaml.utf8), state: world.state)
        let undo = try engine.run(applyID: try engine.resolve("HEAD"))
        #expect(undo.plan.actions.contains { $0.kind == .updateUser }, "\(undo.plan.actions.map(\.kind))")
        #expect(world.state.fsck().isClean)
    }
}
