import Foundation
import HRSyncHTTP
import HRSyncSandbox
import Personio

/// `pull-personio`: read a company from the emulated Personio at its real limits (15/s, 300/min
/// on the employees endpoint) with added latency, and compare the wall time with the floor those
/// limits allow for the requests made.
struct PersonioPullBenchmark {
    var employees: Int
    var latencyMilliseconds: Int
    var rateLimitScale: Double

    struct Result: Encodable {
        var employees: Int
        var requests: [String: Int]
        var rejected_by_rate_limit: Int
        var latency_ms: Int
        var wall_s: Double
        var floor_s: Double
        var ratio: Double
    }

    /// The earliest the last of `n` paced requests can start, plus one round trip:
    /// request k (from 0) cannot go before k/15 s nor before k/300 min.
    static func floor(requests n: Int, latency: Double, scale: Double) -> Double {
        guard n > 0 else { return 0 }
        let k = Double(n - 1)
        return max((k / 15).rounded(.down) * 1, (k / 300).rounded(.down) * 60) / scale + latency
    }

    func run() async throws -> Result {
        var settings = Sandbox.Settings()
        settings.personio.employees = employees
        settings.personio.latencyMilliseconds = latencyMilliseconds
        settings.personio.rateLimitScale = rateLimitScale
        let sandbox = try await Sandbox.start(settings)
        let transport = AsyncHTTPTransport()
        let client = PersonioClient(
            settings: .init(baseURL: sandbox.personioURL, appID: "HRSYNC_BENCH"),
            executor: RequestExecutor(transport: transport),
            credentials: { (PersonioEmulator.clientID, PersonioEmulator.clientSecret) },
            employeesLimiter: PersonioClient.defaultEmployeesLimiter(scale: rateLimitScale))
        try await client.authenticate()   // auth is not part of the employees endpoint's budget
        let start = ContinuousClock.now
        let list = try await client.allEmployees(keep: nil)
        let wall = milliseconds(since: start) / 1000
        precondition(list.employees.count == employees, "read \(list.employees.count) of \(employees)")
        let requests = await sandbox.personio.requests
        let pages = requests["GET /v1/company/employees"] ?? 0
        let rejected = await sandbox.personio.rateLimited
        await transport.shutdown()
        await sandbox.stop()
        let floor = Self.floor(requests: pages, latency: Double(latencyMilliseconds) / 1000, scale: rateLimitScale)
        return Result(employees: employees, requests: requests, rejected_by_rate_limit: rejected, latency_ms: latencyMilliseconds,
                      wall_s: wall, floor_s: floor, ratio: wall / floor)
    }
}
