import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncSandbox
import HRSyncStore

/// `initial-2k`: the first apply for N employees on an empty platform at the real write limit
/// (10/s) with added latency: writes made (all equal to the plan's actions), wall time of the
/// apply, the floor the limit allows for those writes, and whether a second plan is empty.
struct InitialSyncBenchmark {
    var employees: Int
    var latencyMilliseconds: Int
    var rateLimitScale: Double

    struct Result: Encodable {
        var employees: Int
        var plan_actions: Int
        var writes: Int
        var rejected_by_rate_limit: Int
        var apply_wall_s: Double
        var floor_s: Double
        var ratio: Double
        var second_plan_actions: Int
    }

    func run() async throws -> Result {
        var settings = Sandbox.Settings()
        settings.personio.employees = employees
        settings.personio.rateLimitScale = 0
        settings.learning360.rateLimitScale = rateLimitScale
        settings.learning360.latencyMilliseconds = latencyMilliseconds
        let sandbox = try await Sandbox.start(settings)
        let folder = NSTemporaryDirectory() + "hrsync-bench-initial-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let state = try StateDirectory.create(at: folder)
        let yaml = BenchConfig.yaml(sandbox: sandbox, groupID: await sandbox.learning360.employeesGroupID)
        let config = try ConfigLoader.load(yaml: yaml, file: "bench.yaml")
        let clients = Clients(secrets: SecretReader(environment: Sandbox.credentialsEnvironment))
        let lms = try clients.learning360(config, rateLimitScale: rateLimitScale)
        func pull() async throws {
            let people = try await PersonioPull(config: config, state: state, client: try clients.personio(config, rateLimitScale: 1000)).run()
            _ = try await Learning360Pull(config: config, state: state, client: lms, employees: people.current).run()
        }
        try await pull()
        let planned = try PlanEngine(config: config, configBytes: Data(yaml.utf8), state: state).run()
        let writesBefore = await sandbox.learning360.writesReceived
        let start = ContinuousClock.now
        _ = try await ApplyEngine(config: config, configBytes: Data(yaml.utf8), state: state, client: lms, allowDeletes: nil).run(planned.plan, planID: planned.id)
        let wall = milliseconds(since: start) / 1000
        let writes = await sandbox.learning360.writesReceived - writesBefore
        try await pull()
        let again = try PlanEngine(config: config, configBytes: Data(yaml.utf8), state: state).run()
        let rejected = await sandbox.learning360.rateLimited
        await clients.shutdown()
        await sandbox.stop()
        // Write k (from 0) cannot start before k/10 s; the last one then takes one round trip.
        let floor = Double(writes - 1) / 10 / rateLimitScale + Double(latencyMilliseconds) / 1000
        return Result(employees: employees, plan_actions: planned.plan.actions.count, writes: writes, rejected_by_rate_limit: rejected,
                      apply_wall_s: wall, floor_s: floor, ratio: wall / floor, second_plan_actions: again.plan.actions.count)
    }
}
