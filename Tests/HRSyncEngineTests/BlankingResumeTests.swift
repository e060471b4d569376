import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncStore
import HRSyncTestSupport
import Learning360
import Testing

/// SYNC-RULES §7, blanking guard at apply (`on_guard: hold_guarded`): an update that empties a held
/// field and changes another is sent without the blank, and it is that action, as sent, that the
/// staleness check and the apply record see; so a run that resumes after it took effect accepts it.
@Suite struct BlankingResumeTests {
    @Test func aMixedUpdateWithAHeldBlankAppliesTheRestAndItsResumeIsNotStale() async throws {
        let world = try await EngineTests.World.make(employees: (1...4).map { EngineTests.employee($0) })
        try await world.sync()
        // Three users' job emptied (over the 5%/1 allowed): held; the first also gets a new last name.
        var edited = (1...4).map { EngineTests.employee($0, job: $0 <= 3 ? "" : "Engineer") }
        edited[0].attributes["last_name"] = .text("Renamed")
        await world.personio.set(edited)
        _ = try await world.pull()
        let planned = try world.plan()
        #expect(planned.plan.blankingHeld.map(\.field) == ["job"])
        let engine = ApplyEngine(
            config: world.config, configBytes: Data(world.yaml.utf8), state: world.state, client: world.lms, allowDeletes: nil, holdOnlyDeletes: true)
        let (record, _, holding) = try await engine.runHolding(planned.plan, planID: planned.id)
        #expect(holding.blankingFields == ["job"])
        let first = try #require(await world.lms.users.values.first { $0.mail == "p1@acme.example" })
        #expect(first.lastName == "Renamed" && first.job == "Engineer", "the other change applied, the held blank not")
        let sent = try #require(record.results.first { $0.action.kind == .updateUser && $0.status == .done })
        #expect(sent.action.change == .updateUser([FieldChange(field: .lastName, before: "Last1", after: "Renamed")]), "recorded as sent")
        #expect(record.results.filter(\.isHeld).count == 2)

        // Killed after the write took effect, before its journal line: the next run of the plan
        // finds the user at the sent action's `after` and goes on instead of calling the plan stale.
        let (again, _, _) = try await engine.runHolding(planned.plan, planID: planned.id)
        #expect(again.results.filter { $0.status == .failed }.isEmpty)
        #expect(await world.lms.users.values.first { $0.mail == "p1@acme.example" }?.job == "Engineer")
    }
}
