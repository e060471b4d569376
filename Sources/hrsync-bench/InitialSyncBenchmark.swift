import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncSandbox
import HRSyncStore

/// `initial-2k`: the first apply for N employees on an empty platform at the real write limit
/// (10/s) with added latency: writes made (one per plan action, except that a bulk operation is
/// one write for all its rows), wall time of the apply, the floor the limit allows for those
/// writes, and whether a second plan is empty.
struct InitialSyncBenchmark {
    var employees: Int
    var latencyMilliseconds: Int
    var rateLimitScale: Double

    struct Result: Encodable {
        var employees: Int
        var plan_actions: Int
        var writes: Int
        /// Bulk operations posted (each one write) and the rows they carried.
        var bulk_operations: Int
        var bulk_rows: Int
        var rejected_by_rate_limit: Int
        var apply_wall_s: Double
        var floor_s: Double
        var ratio: Double
        var second_plan_actions: Int
    }

    func run() async throws -> Result {
        let world = try await BenchWorld.start(
            employees: employees, latencyMilliseconds: latencyMilliseconds,
            personioScale: 0, learningScale: rateLimitScale, synced: false)
        let sandbox = world.sandbox
        let personio = try world.clients.personio(world.config, rateLimitScale: 1000)
        let lms = try world.clients.learning360(world.config, rateLimitScale: rateLimitScale)
        func pull() async throws { try await world.pull(personio: personio, learning360: lms) }
        try await pull()
        let planned = try world.plan()
        let writesBefore = await sandbox.learning360.writesReceived
        let (operationsBefore, rowsBefore) = (await sandbox.learning360.bulkOperationIDs().count, await sandbox.learning360.bulkRowsReceived)
        let start = ContinuousClock.now
        _ = try await ApplyEngine(config: world.config, configBytes: Data(world.yaml.utf8), state: world.state, client: lms, allowDeletes: nil)
            .run(planned.plan, planID: planned.id)
        let wall = milliseconds(since: start) / 1000
        let writes = await sandbox.learning360.writesReceived - writesBefore
        let operations = await sandbox.learning360.bulkOperationIDs().count - operationsBefore
        let rows = await sandbox.learning360.bulkRowsReceived - rowsBefore
        try await pull()
        let again = try world.plan()
        let rejected = await sandbox.learning360.rateLimited
        await world.stop()
        // Write k (from 0) cannot start before k/10 s; the last one then takes one round trip.
        let floor = Double(max(0, writes - 1)) / 10 / rateLimitScale + Double(latencyMilliseconds) / 1000
        return Result(
            employees: employees, plan_actions: planned.plan.actions.count, writes: writes, bulk_operations: operations, bulk_rows: rows,
            rejected_by_rate_limit: rejected,
            apply_wall_s: wall, floor_s: floor, ratio: wall / floor, second_plan_actions: again.plan.actions.count)
    }
}
