import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncHTTP
import HRSyncSandbox
import HRSyncStore
import Learning360
import Personio

/// `pull-360`: the 360Learning side of `pull` on a platform already synced from an N-employee
/// company, at the real read limit (50/s) with added latency: requests per endpoint, wall time,
/// and the floor the limit allows for those reads.
struct Learning360PullBenchmark {
    var employees: Int
    var latencyMilliseconds: Int
    var rateLimitScale: Double

    struct Result: Encodable {
        var employees: Int
        var users: Int
        var read_in_detail: Int
        var requests: [String: Int]
        var reads: Int
        var rejected_by_rate_limit: Int
        var wall_s: Double
        var floor_s: Double
        var ratio: Double
    }

    func run() async throws -> Result {
        var settings = Sandbox.Settings()
        settings.personio.employees = employees
        settings.personio.rateLimitScale = 0
        settings.learning360.rateLimitScale = rateLimitScale
        settings.learning360.latencyMilliseconds = latencyMilliseconds
        let sandbox = try await Sandbox.start(settings)
        await sandbox.learning360.seedSynced(from: await sandbox.personio.all)
        let folder = NSTemporaryDirectory() + "hrsync-bench-360-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let state = try StateDirectory.create(at: folder)
        let config = try ConfigLoader.load(yaml: """
            personio: {base_url: "\(sandbox.personioURL.absoluteString)", app_id: HRSYNC_BENCH}
            learning360: {base_url: "\(sandbox.learning360URL.absoluteString)", admin_email: \(Learning360Emulator.adminMail)}
            sync:
              groups: [{id: \(await sandbox.learning360.employeesGroupID), hierarchy: [office, department]}]
              custom_fields:
                - {personio: hire_date, name: Hire date}
                - {personio: department, name: Department}
                - {personio: dynamic_1234567, name: Cost center}
            """, file: "bench.yaml")
        let clients = Clients(secrets: SecretReader(environment: Sandbox.credentialsEnvironment))
        let personio = try await PersonioPull(config: config, state: state, client: try clients.personio(config, rateLimitScale: 1000)).run()
        let client = try clients.learning360(config, rateLimitScale: rateLimitScale)
        try await client.authenticate()
        let start = ContinuousClock.now
        let outcome = try await Learning360Pull(config: config, state: state, client: client, employees: personio.current).run()
        let wall = milliseconds(since: start) / 1000
        let requests = (await sandbox.learning360.requests).filter { $0.key.hasPrefix("GET") }
        let reads = requests.values.reduce(0, +)
        let rejected = await sandbox.learning360.rateLimited
        await clients.shutdown()
        await sandbox.stop()
        // Request k (from 0) cannot start before k/50 s; the last one then takes one round trip.
        let floor = Double(reads - 1) / 50 / rateLimitScale + Double(latencyMilliseconds) / 1000
        return Result(employees: employees, users: outcome.users, read_in_detail: outcome.detailed, requests: requests, reads: reads,
                      rejected_by_rate_limit: rejected, wall_s: wall, floor_s: floor, ratio: wall / floor)
    }
}
