import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncSandbox
import HRSyncStore

/// `pull-10k`: `hrsync pull` of an N-employee company whose 360Learning platform is already synced,
/// both sides at the real limits with added latency: requests per endpoint, wall time of each side,
/// and the floor the limits allow for those requests.
struct PullBenchmark {
    var employees: Int
    var latencyMilliseconds: Int
    var rateLimitScale: Double

    struct Side: Encodable {
        var requests: [String: Int]
        var wall_s: Double
        var floor_s: Double
        var ratio: Double
    }

    struct Result: Encodable {
        var employees: Int
        var users: Int
        var users_read_in_detail: Int
        var latency_ms: Int
        var personio: Side
        var learning360: Side
        var rejected_by_rate_limit: Int
        var wall_s: Double
        var floor_s: Double
        var ratio: Double
    }

    /// The earliest the last of `n` Personio employee pages can start, plus one round trip:
    /// page k (from 0) cannot go before k/15 s nor before ⌊k/300⌋ min.
    static func personioFloor(pages n: Int, latency: Double, scale: Double) -> Double {
        guard n > 0 else { return 0 }
        let k = Double(n - 1)
        return max((k / 15).rounded(.down), (k / 300).rounded(.down) * 60) / scale + latency
    }

    func run() async throws -> Result {
        var settings = Sandbox.Settings()
        settings.personio.employees = employees
        settings.personio.rateLimitScale = rateLimitScale
        settings.personio.latencyMilliseconds = latencyMilliseconds
        settings.learning360.rateLimitScale = rateLimitScale
        settings.learning360.latencyMilliseconds = latencyMilliseconds
        let sandbox = try await Sandbox.start(settings)
        await sandbox.learning360.seedSynced(from: await sandbox.personio.all)
        let folder = NSTemporaryDirectory() + "hrsync-bench-pull-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let state = try StateDirectory.create(at: folder)
        let config = try ConfigLoader.load(yaml: BenchConfig.yaml(sandbox: sandbox, groupID: await sandbox.learning360.employeesGroupID), file: "bench.yaml")
        let clients = Clients(secrets: SecretReader(environment: Sandbox.credentialsEnvironment))
        let personio = try clients.personio(config, rateLimitScale: rateLimitScale)
        let lms = try clients.learning360(config, rateLimitScale: rateLimitScale)
        try await personio.authenticate()   // tokens are not part of either endpoint budget
        try await lms.authenticate()
        let personioBefore = await sandbox.personio.requests

        let start = ContinuousClock.now
        let people = try await PersonioPull(config: config, state: state, client: personio).run()
        let personioWall = milliseconds(since: start) / 1000
        let middle = ContinuousClock.now
        let outcome = try await Learning360Pull(config: config, state: state, client: lms, employees: people.current).run()
        let learningWall = milliseconds(since: middle) / 1000

        let personioRequests = (await sandbox.personio.requests).merging(personioBefore) { $0 - $1 }.filter { $0.value > 0 }
        let learningRequests = (await sandbox.learning360.requests).filter { $0.key.hasPrefix("GET") }
        let rejected = await sandbox.personio.rateLimited + (await sandbox.learning360.rateLimited)
        await clients.shutdown()
        await sandbox.stop()

        let latency = Double(latencyMilliseconds) / 1000
        let pages = personioRequests["GET /v1/company/employees"] ?? 0
        let otherPersonio = personioRequests.values.reduce(0, +) - pages   // e.g. /attributes: one round trip each
        let personioFloor = Self.personioFloor(pages: pages, latency: latency, scale: rateLimitScale) + Double(otherPersonio) * latency
        // 360Learning read k (from 0) cannot start before k/50 s; the last one then takes one round trip.
        let reads = learningRequests.values.reduce(0, +)
        let learningFloor = Double(max(0, reads - 1)) / 50 / rateLimitScale + latency
        let wall = personioWall + learningWall, floor = personioFloor + learningFloor
        return Result(
            employees: employees, users: outcome.users, users_read_in_detail: outcome.detailed, latency_ms: latencyMilliseconds,
            personio: Side(requests: personioRequests, wall_s: personioWall, floor_s: personioFloor, ratio: personioWall / personioFloor),
            learning360: Side(requests: learningRequests, wall_s: learningWall, floor_s: learningFloor, ratio: learningWall / learningFloor),
            rejected_by_rate_limit: rejected, wall_s: wall, floor_s: floor, ratio: wall / floor)
    }
}

/// The configuration every API benchmark syncs with: the org chart under the employees group and
/// three custom fields, like the example configuration.
enum BenchConfig {
    static func yaml(sandbox: Sandbox, groupID: String, maxDeletes: String = "10%") -> String {
        """
        personio: {base_url: "\(sandbox.personioURL.absoluteString)", app_id: HRSYNC_BENCH}
        learning360: {base_url: "\(sandbox.learning360URL.absoluteString)", admin_email: \(Learning360Emulator.adminMail), send_invitations: false}
        sync:
          groups: [{id: \(groupID), hierarchy: [office, department]}]
          custom_fields:
            - {personio: hire_date, name: Hire date}
            - {personio: department, name: Department}
            - {personio: dynamic_1234567, name: Cost center}
          max_deletes: \(maxDeletes)
        """
    }
}
