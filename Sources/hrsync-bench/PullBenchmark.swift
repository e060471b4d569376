import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncHTTP
import HRSyncSandbox
import HRSyncStore
import Learning360
import Personio

/// `pull-10k`: `hrsync pull` of an N-employee company whose 360Learning platform is already synced,
/// both sides at the real limits with added latency: requests per endpoint, wall time of each side,
/// the floor the limits allow for those requests, and hrsync's CPU time and peak RSS (the APIs are
/// served by `hrsync-sandbox serve` in a child process, so this one does the pull alone).
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
        /// hrsync's work alone: this process runs only the pull (the APIs are a child process).
        /// Its peak RSS is the process's since it started: run pull-10k alone or first.
        var hrsync_cpu_s: Double
        var hrsync_peak_rss_mb: Double
        /// `hrsync-sandbox serve`'s, from generating the company to saving it at the end.
        var sandbox_cpu_s: Double
        var sandbox_peak_rss_mb: Double
    }

    /// The earliest the last of `n` Personio employee pages can start, plus one round trip:
    /// page k (from 0) cannot go before k/15 s nor before ⌊k/300⌋ min.
    static func personioFloor(pages n: Int, latency: Double, scale: Double) -> Double {
        guard n > 0 else { return 0 }
        let k = Double(n - 1)
        return max((k / 15).rounded(.down), (k / 300).rounded(.down) * 60) / scale + latency
    }

    func run() async throws -> Result {
        let sandbox = try SandboxProcess.start(employees: employees, rateLimitScale: rateLimitScale, latencyMilliseconds: latencyMilliseconds)
        let pulled: Pull.Outcome, clock = SideClock(), wires: (personio: CountingTransport, learning360: CountingTransport)
        let personioBefore: [String: Int], hrsync: (cpu: Double, peakRSSMegabytes: Double)
        let folder = NSTemporaryDirectory() + "hrsync-bench-" + UUID().uuidString
        let transport: AsyncHTTPTransport
        do {
            let config = try ConfigLoader.load(yaml: sandbox.yaml, file: "sandbox.yaml")
            let state = try StateDirectory.create(at: folder)
            transport = try AsyncHTTPTransport(caBundles: [])
            wires = (CountingTransport(transport), CountingTransport(transport))
            let (personio, lms) = try clients(config, wires)
            try await personio.authenticate()  // tokens are not part of either endpoint budget
            try await lms.authenticate()
            personioBefore = wires.personio.requests
            let cpuBefore = CPUTime.ofThisProcess()
            pulled = try await Pull(config: config, state: state, personio: personio, learning360: lms).run(clock)
            hrsync = (CPUTime.ofThisProcess() - cpuBefore, PeakMemory.megabytes())
        } catch {
            _ = try? sandbox.stop()
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
        await transport.shutdown()
        try? FileManager.default.removeItem(atPath: folder)
        let served = try sandbox.stop()
        guard let outcome = pulled.learning360 else { throw BenchFailure("the pull read no 360Learning side") }
        let (personioWall, learningWall) = clock.seconds
        let personioRequests = wires.personio.requests.merging(personioBefore) { $0 - $1 }.filter { $0.value > 0 }
        let learningRequests = wires.learning360.requests.filter { $0.key.hasPrefix("GET") }
        let rejected = wires.personio.rejected + wires.learning360.rejected

        let latency = Double(latencyMilliseconds) / 1000
        let pages = personioRequests["GET /v1/company/employees"] ?? 0
        let otherPersonio = personioRequests.values.reduce(0, +) - pages  // e.g. /attributes: one round trip each
        let personioFloor = Self.personioFloor(pages: pages, latency: latency, scale: rateLimitScale) + Double(otherPersonio) * latency
        // 360Learning read k (from 0) cannot start before k/50 s; the last one then takes one round trip.
        let reads = learningRequests.values.reduce(0, +)
        let learningFloor = Double(max(0, reads - 1)) / 50 / rateLimitScale + latency
        let wall = personioWall + learningWall, floor = personioFloor + learningFloor
        return Result(
            employees: employees, users: outcome.users, users_read_in_detail: outcome.detailed, latency_ms: latencyMilliseconds,
            personio: Side(requests: personioRequests, wall_s: personioWall, floor_s: personioFloor, ratio: personioWall / personioFloor),
            learning360: Side(requests: learningRequests, wall_s: learningWall, floor_s: learningFloor, ratio: learningWall / learningFloor),
            rejected_by_rate_limit: rejected, wall_s: wall, floor_s: floor, ratio: wall / floor,
            hrsync_cpu_s: hrsync.cpu, hrsync_peak_rss_mb: hrsync.peakRSSMegabytes, sandbox_cpu_s: served.cpuSeconds,
            sandbox_peak_rss_mb: served.peakRSSMegabytes)
    }

    /// hrsync's clients as `Clients` makes them, each sending through its own counter.
    func clients(_ config: HRSyncConfig, _ wires: (personio: CountingTransport, learning360: CountingTransport)) throws -> (PersonioClient, Learning360Client) {
        guard let personioURL = URL(string: config.personio.baseURL), let learningURL = URL(string: config.learning360.baseURL) else {
            throw BenchFailure("hrsync-sandbox config wrote no URLs")
        }
        let personio = PersonioClient(
            settings: .init(baseURL: personioURL, appID: config.personio.appID), executor: RequestExecutor(transport: wires.personio),
            credentials: { (PersonioEmulator.clientID, PersonioEmulator.clientSecret) },
            employeesLimiter: PersonioClient.defaultEmployeesLimiter(scale: rateLimitScale))
        let lms = Learning360Client(
            baseURL: learningURL, executor: RequestExecutor(transport: wires.learning360),
            credentials: { (Learning360Emulator.clientID, Learning360Emulator.clientSecret) }, rateLimitScale: rateLimitScale)
        return (personio, lms)
    }
}

/// Times each side of a pull: Personio from its start to its result, 360Learning from there to its own.
final class SideClock: PullObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var marks: [ContinuousClock.Instant] = []

    func started(_ side: Pull.Side) { mark() }
    func finished(learning360: Learning360Pull.Outcome) { mark() }

    private func mark() {
        lock.lock()
        marks.append(.now)
        lock.unlock()
    }

    /// (Personio, 360Learning) in seconds.
    var seconds: (Double, Double) {
        guard marks.count == 3 else { return (0, 0) }
        func s(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        return (s(marks[1] - marks[0]), s(marks[2] - marks[1]))
    }
}

struct BenchFailure: LocalizedError {
    var errorDescription: String?
    init(_ message: String) { errorDescription = message }
}
