import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncSandbox
import HRSyncStore

/// `person-2k`: "the new hire starts today": on a synced N-employee company, `apply --person` for
/// one hire (a targeted pull, its plan, the apply) at the real limits with added latency. Wall time
/// against 5 s, and writes against that person's actions (nobody else is written).
struct TargetedBenchmark {
    var employees: Int
    var latencyMilliseconds: Int
    var rateLimitScale: Double

    struct Result: Encodable {
        var employees: Int
        var personio_requests: Int
        var learning360_reads: Int
        var learning360_writes: Int
        var plan_actions: Int
        var actions_for_others: Int
        var wall_s: Double
        var rejected_by_rate_limit: Int
    }

    func run() async throws -> Result {
        let world = try await BenchWorld.start(
            employees: employees, latencyMilliseconds: latencyMilliseconds, personioScale: rateLimitScale,
            learningScale: rateLimitScale, synced: true)
        let sandbox = world.sandbox
        let boss = try require(await sandbox.personio.all.first { $0.status == "active" }, "an active employee")
        let hire = await sandbox.personio.hire(supervisorID: boss.id) { $0.email = "starts.today@acme.example" }
        let personioBefore = await sandbox.personio.requests.values.reduce(0, +)
        let readsBefore = (await sandbox.learning360.requests).filter { $0.key.hasPrefix("GET") }.values.reduce(0, +)
        let writesBefore = await sandbox.learning360.writesReceived
        let start = ContinuousClock.now
        // New clients, as a fresh `hrsync apply --person` process has: their token requests count.
        let personio = try world.clients.personio(world.config, rateLimitScale: rateLimitScale)
        let lms = try world.clients.learning360(world.config, rateLimitScale: rateLimitScale)
        let pulled = try await TargetedPull(config: world.config, state: world.state, personio: personio, learning360: lms, people: [hire.email]).run()
        let planned = try PlanEngine(config: world.config, configBytes: Data(world.yaml.utf8), state: world.state).run(targeted: pulled, people: [hire.email])
        _ = try await ApplyEngine(config: world.config, configBytes: Data(world.yaml.utf8), state: world.state, client: lms, allowDeletes: nil)
            .run(planned.plan, planID: planned.id)
        let wall = milliseconds(since: start) / 1000
        let result = Result(
            employees: employees, personio_requests: await sandbox.personio.requests.values.reduce(0, +) - personioBefore,
            learning360_reads: (await sandbox.learning360.requests).filter { $0.key.hasPrefix("GET") }.values.reduce(0, +) - readsBefore,
            learning360_writes: await sandbox.learning360.writesReceived - writesBefore, plan_actions: planned.plan.actions.count,
            actions_for_others: planned.plan.actions.filter { $0.personioID != hire.id }.count, wall_s: wall,
            rejected_by_rate_limit: await sandbox.personio.rateLimited + (await sandbox.learning360.rateLimited))
        await world.stop()
        return result
    }
}

/// `#require` for a benchmark: a missing precondition is a failure with a message, not a trap.
func require<T>(_ value: T?, _ what: String = "a precondition") throws -> T {
    guard let value else { throw BenchFailure("person-2k: \(what) is missing") }
    return value
}
