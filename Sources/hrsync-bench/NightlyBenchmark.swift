import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncSandbox
import HRSyncStore

/// `nightly-10k`: one night on a synced N-employee company after a day at 0.5 % churn (hires, edits,
/// department moves, terminations): pull both sides, plan, apply, all at the real limits with
/// added latency. Requests and writes against the minimum the change needs (the plan's actions),
/// wall time against the floor of its three paced stretches.
struct NightlyBenchmark {
    var employees: Int
    var latencyMilliseconds: Int
    var rateLimitScale: Double

    struct Result: Encodable {
        var employees: Int
        var personio_requests: Int
        var learning360_reads: Int
        var learning360_writes: Int
        var plan_actions: Int
        /// Writes beyond one per action (a bulk operation counting as one write for its rows).
        var writes_over_minimum: Int
        var bulk_operations: Int
        var bulk_rows: Int
        var rejected_by_rate_limit: Int
        var wall_s: Double
        var floor_s: Double
        var ratio: Double
        var next_plan_actions: Int
    }

    func run() async throws -> Result {
        let world = try await BenchWorld.start(
            employees: employees, latencyMilliseconds: latencyMilliseconds, personioScale: rateLimitScale,
            learningScale: rateLimitScale, synced: true, maxDeletes: "5%")
        let sandbox = world.sandbox
        let personio = try world.clients.personio(world.config, rateLimitScale: rateLimitScale)
        let lms = try world.clients.learning360(world.config, rateLimitScale: rateLimitScale)
        func pull() async throws { try await world.pull(personio: personio, learning360: lms) }
        try await pull()  // yesterday's snapshots

        // A day at 0.5 % churn.
        let active = await sandbox.personio.all.filter { $0.status == "active" }
        for k in 0..<max(4, employees / 200) {
            let person = active[(k * 7919) % active.count]
            switch k % 4 {
            case 0: await sandbox.personio.edit(person.id) { $0.position = "Changed \(k)" }
            case 1: await sandbox.personio.edit(person.id) { $0.department = $0.department == "Sales" ? "Support" : "Sales" }
            case 2: await sandbox.personio.terminate(person.id)
            default: await sandbox.personio.hire(supervisorID: active[0].id) { $0.email = "nightly.hire.\(k)@acme.example" }
            }
        }
        let personioBefore = await sandbox.personio.requests.values.reduce(0, +)
        let readsBefore = (await sandbox.learning360.requests).filter { $0.key.hasPrefix("GET") }.values.reduce(0, +)
        let writesBefore = await sandbox.learning360.writesReceived
        let (operationsBefore, rowsBefore) = (await sandbox.learning360.bulkOperationIDs().count, await sandbox.learning360.bulkRowsReceived)
        let start = ContinuousClock.now
        try await pull()
        let planned = try world.plan()
        _ = try await ApplyEngine(config: world.config, configBytes: Data(world.yaml.utf8), state: world.state, client: lms, allowDeletes: nil)
            .run(planned.plan, planID: planned.id)
        let wall = milliseconds(since: start) / 1000
        let personioRequests = await sandbox.personio.requests.values.reduce(0, +) - personioBefore
        let reads = (await sandbox.learning360.requests).filter { $0.key.hasPrefix("GET") }.values.reduce(0, +) - readsBefore
        let writes = await sandbox.learning360.writesReceived - writesBefore
        let operations = await sandbox.learning360.bulkOperationIDs().count - operationsBefore
        let rows = await sandbox.learning360.bulkRowsReceived - rowsBefore
        try await pull()
        let next = try world.plan()
        let rejected = await sandbox.personio.rateLimited + (await sandbox.learning360.rateLimited)
        await world.stop()
        // Three paced stretches one after the other: Personio pages (k/15 s), 360 reads (k/50 s), writes (k/10 s).
        let latency = Double(latencyMilliseconds) / 1000
        let floor =
            (Double(max(0, personioRequests - 2)) / 15 + Double(max(0, reads - 1)) / 50 + Double(max(0, writes - 1)) / 10) / rateLimitScale + 3 * latency
        return Result(
            employees: employees, personio_requests: personioRequests, learning360_reads: reads, learning360_writes: writes,
            plan_actions: planned.plan.actions.count, writes_over_minimum: writes - (planned.plan.actions.count - rows + operations),
            bulk_operations: operations, bulk_rows: rows,
            rejected_by_rate_limit: rejected, wall_s: wall, floor_s: floor, ratio: wall / floor, next_plan_actions: next.plan.actions.count)
    }
}
