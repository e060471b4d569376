import Foundation
import HRSyncCore
import HRSyncStore
import HRSyncTestSupport
import Learning360
import Testing

@testable import HRSyncEngine

/// Role changes over `BulkMode.threshold` rows go as bulk operations (one write each), with the
/// same records as single writes; rows a bulk operation fails are written one by one.
@Suite struct BulkRolesTests {
    typealias World = EngineTests.World

    /// 60 people in Berlin, synced, then all moved to Paris: 60 roles to add and 60 to remove.
    static func moved(bulk: String = "auto") async throws -> World {
        let people = (1...60).map { EngineTests.employee($0, office: "Berlin") }
        let world = try await World.make(employees: people, customFields: "[]", extraLearning360: bulk == "auto" ? "" : ", bulk: \(bulk)")
        try await world.sync()
        await world.personio.set((1...60).map { EngineTests.employee($0, office: "Paris") })
        return world
    }

    /// An operation that does not finish within the polls, or reports a status the API does not
    /// name, stops the apply with its journal kept (the next apply polls it): its rows are not
    /// written one by one beside it.
    @Test func anOperationThatDoesNotFinishStopsTheApplyAndIsPolledAgainNextTime() async throws {
        for status in ["running", "paused"] {
            let world = try await Self.moved()
            _ = try await world.pull()
            let planned = try world.plan()
            await world.lms.setBulkStatus(status)
            let writesBefore = await world.lms.writes
            var engine = ApplyEngine(config: world.config, configBytes: Data(world.yaml.utf8), state: world.state, client: world.lms, allowDeletes: nil)
            engine.bulkMaxPolls = 2
            let error = await #expect(throws: BulkRoles.Failure.self) { try await engine.run(planned.plan, planID: planned.id) }
            switch (status, error) {
            case ("running", .unfinished?), ("paused", .unknownStatus?): break
            default: Issue.record("\(status): \(String(describing: error))")
            }
            #expect(await world.lms.writes - writesBefore == 1, "\(status): one bulk POST, no single writes beside it")
            await world.lms.setBulkStatus("completed")
            let record = try await world.apply(planned)
            #expect(!record.results.contains { $0.status == .failed })
            #expect(await world.lms.writes - writesBefore == 2, "\(status): the resumed apply polled the first operation, then posted the removals")
        }
    }

    @Test func movesOverTheThresholdAreTwoBulkOperationsRecordedRowByRow() async throws {
        let world = try await Self.moved()
        let writesBefore = await world.lms.writes
        _ = try await world.pull()
        let planned = try world.plan()
        #expect(planned.plan.actions.filter { $0.kind == .addRole }.count == 60)
        let record = try await world.apply(planned)
        #expect(await world.lms.writes - writesBefore == 2, "one bulk operation to add, one to remove")
        #expect(await world.lms.bulkRows == 120)
        #expect(record.results.count == 120 && record.results.allSatisfy { $0.status == .done && $0.userID != nil })
        let paris = InMemoryLearning360.id(11), berlin = InMemoryLearning360.id(10)
        #expect(await world.lms.roles.filter { $0.key.group == paris && $0.value.contains("learner") }.count == 60)
        #expect(await world.lms.roles.filter { $0.key.group == berlin && $0.value.contains("learner") }.isEmpty)
        // The records make hrsync the owner of the new roles, as single writes would.
        let (ownership, _) = try PlanEngine(config: world.config, configBytes: Data(world.yaml.utf8), state: world.state).ownership()
        #expect(ownership.learnerRoles.filter { $0.group == paris }.count == 60)
        #expect(try await world.sync().isEmpty)
    }

    @Test func bulkNeverWritesOneRequestPerRow() async throws {
        let world = try await Self.moved(bulk: "never")
        let writesBefore = await world.lms.writes
        _ = try await world.pull()
        let planned = try world.plan()
        _ = try await world.apply(planned)
        #expect(await world.lms.writes - writesBefore == 120)
        #expect(await world.lms.bulkRows == 0)
    }

    @Test func rowsTheOperationFailsAreRetriedOneByOne() async throws {
        let world = try await Self.moved()
        _ = try await world.pull()
        let planned = try world.plan()
        // A user 360Learning's bulk worker cannot find (gone from its user list): its rows fail in
        // the operation and go as single requests.
        let gone = try #require(await world.lms.users.values.first { $0.mail == "p7@acme.example" })._id
        await world.lms.vanish { $0._id == gone }
        let writesBefore = await world.lms.writes
        let record = try await world.apply(planned)
        #expect(await world.lms.writes - writesBefore == 2 + 2, "two operations, then the failed row of each alone")
        #expect(record.results.filter { $0.userID == gone }.count == 2)
        #expect(record.results.allSatisfy { $0.succeeded })
    }

    @Test func aDisabledBulkAPIFallsBackToSingleWrites() async throws {
        let world = try await Self.moved()
        await world.lms.setBulkEnabled(false)
        let writesBefore = await world.lms.writes
        _ = try await world.pull()
        let record = try await world.apply(try world.plan())
        #expect(await world.lms.writes - writesBefore == 120)
        #expect(record.results.allSatisfy { $0.status == .done })
    }

    @Test func theBulkSettingIsReadAndCheckedByTheConfigLoader() throws {
        func config(_ extra: String) throws -> HRSyncConfig {
            try ConfigLoader.load(
                yaml: "personio: {}\nlearning360: {admin_email: a@acme.example\(extra)}\nsync: {groups: [{id: 64f1a2b3c4d5e6f7a8b9c0d1}]}\n", file: "t.yaml")
        }
        #expect(try config("").learning360.bulk == .auto)
        #expect(try config(", bulk: never").learning360.bulk == .never)
        let error = #expect(throws: ConfigError.self) { try config(", bulk: sometimes") }
        #expect(error?.message.contains("learning360.bulk") == true, "\(String(describing: error))")
    }
}
