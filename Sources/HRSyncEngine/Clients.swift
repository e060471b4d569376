import Foundation
import HRSyncCore
import HRSyncHTTP
import Learning360
import Personio

/// Builds the API clients from the config. Secrets are read when a client first authenticates,
/// from the environment or files the config names, and are kept nowhere else.
public struct Clients: Sendable {
    /// The connection pools of the clients made here, one per set of trusted CA bundles; `shutdown()` closes them.
    private let pools = Pools()
    /// The request counters of every client made, by vendor (for a run's metrics).
    private let made = Made()
    /// Told of every retry of every client made here (a command says on stderr why it waits).
    public var retryObserver: (any RetryObserver)?

    /// One AsyncHTTPClient per set of CA bundles: both vendors share one unless their `ca_file`s differ.
    final class Pools: @unchecked Sendable {
        private let lock = NSLock()
        private var transports: [[CABundle]: AsyncHTTPTransport] = [:]
        func transport(trusting bundles: [CABundle]) throws -> AsyncHTTPTransport {
            try lock.withLock {
                if let made = transports[bundles] { return made }
                let made = try AsyncHTTPTransport(caBundles: bundles)
                transports[bundles] = made
                return made
            }
        }
        var all: [AsyncHTTPTransport] { lock.withLock { Array(transports.values) } }
    }

    final class Made: @unchecked Sendable {
        private let lock = NSLock()
        private var counters: [(vendor: String, counter: RequestExecutor.Counter)] = []
        func add(_ vendor: String, _ counter: RequestExecutor.Counter) { lock.withLock { counters.append((vendor, counter)) } }
        var all: [(vendor: String, counter: RequestExecutor.Counter)] { lock.withLock { counters } }
    }

    /// Answers so far by vendor and HTTP status, summed over every client this made.
    public func answers() async -> [String: [Int: Int]] {
        var out: [String: [Int: Int]] = [:]
        for (vendor, counter) in made.all {
            for (status, count) in await counter.byStatus { out[vendor, default: [:]][status, default: 0] += count }
        }
        return out
    }
    /// Where the clients' credentials are read, each time a client authenticates.
    public var secrets: SecretReader
    /// > 1 speeds the vendors' limits up (only for an unthrottled sandbox: tests, the demo).
    public var rateLimitScale: Double

    /// `rateLimitScale` 1 keeps the vendors' real limits (§9).
    public init(secrets: SecretReader = SecretReader(), rateLimitScale: Double = 1) {
        self.secrets = secrets
        self.rateLimitScale = rateLimitScale
    }

    /// A Personio client for `config.personio`, at this `rateLimitScale`, counted in `answers()`. Throws
    /// `URLError` for a `base_url` that is no URL and `CABundleError` for a CA file that cannot be used.
    public func personio(_ config: HRSyncConfig) throws -> PersonioClient {
        try personio(config, rateLimitScale: rateLimitScale)
    }

    /// A 360Learning client for `config.learning360`, at this `rateLimitScale`, counted in `answers()`. Throws
    /// `URLError` for a `base_url` that is no URL and `CABundleError` for a CA file that cannot be used.
    public func learning360(_ config: HRSyncConfig) throws -> Learning360Client {
        try learning360(config, rateLimitScale: rateLimitScale)
    }

    /// As `personio(_:)` with a scale of its own (a benchmark may speed up only one vendor).
    public func personio(_ config: HRSyncConfig, rateLimitScale: Double) throws -> PersonioClient {
        let settings = config.personio
        let client = PersonioClient(
            settings: .init(baseURL: try Self.url(settings.baseURL), appID: settings.appID),
            executor: try executor(caFile: settings.caFile, key: "personio.ca_file"),
            credentials: credentials(settings.clientID, settings.clientSecret, vendor: "Personio"),
            employeesLimiter: PersonioClient.defaultEmployeesLimiter(scale: rateLimitScale))
        made.add("personio", client.counter)
        return client
    }

    /// As `learning360(_:)` with a scale of its own for its read and write limiters.
    public func learning360(_ config: HRSyncConfig, rateLimitScale: Double) throws -> Learning360Client {
        let settings = config.learning360
        let client = Learning360Client(
            baseURL: try Self.url(settings.baseURL), executor: try executor(caFile: settings.caFile, key: "learning360.ca_file"),
            credentials: credentials(settings.clientID, settings.clientSecret, vendor: "360Learning"),
            rateLimitScale: rateLimitScale)
        made.add("360learning", client.counter)
        return client
    }

    /// The CA bundles a vendor's connections trust besides the system's: `SSL_CERT_FILE` (read from
    /// the secrets' environment, as OpenSSL's tools read it) and the vendor's `ca_file`.
    func caBundles(caFile: String?, key: String) -> [CABundle] {
        var bundles: [CABundle] = []
        if let path = secrets.environment["SSL_CERT_FILE"], !path.isEmpty { bundles.append(CABundle(path: path, source: "SSL_CERT_FILE")) }
        if let caFile { bundles.append(CABundle(path: caFile, source: key)) }
        return bundles
    }

    func executor(caFile: String?, key: String) throws -> RequestExecutor {
        let transport = try pools.transport(trusting: caBundles(caFile: caFile, key: key))
        return RequestExecutor(transport: transport, observer: retryObserver)
    }

    /// Reads the credentials of the sides a run needs now (and forgets them): a missing or unreadable
    /// one stops the run before anything is pulled or stored, not after Personio was already read.
    public func checkCredentials(_ config: HRSyncConfig, personio: Bool = true, learning360: Bool = true) throws {
        if personio { _ = try credentials(config.personio.clientID, config.personio.clientSecret, vendor: "Personio")() }
        if learning360 { _ = try credentials(config.learning360.clientID, config.learning360.clientSecret, vendor: "360Learning")() }
    }

    /// Read when the client first authenticates, never earlier and never kept.
    func credentials(_ id: SecretSource, _ secret: SecretSource, vendor: String) -> @Sendable () throws -> (clientID: String, clientSecret: String) {
        let secrets = self.secrets
        return { (try secrets.read(id, purpose: "\(vendor) client id"), try secrets.read(secret, purpose: "\(vendor) client secret")) }
    }

    static func url(_ text: String) throws -> URL {
        guard let url = URL(string: text) else { throw URLError(.badURL) }
        return url
    }

    /// Runs `body` with fresh clients and shuts their connections down afterwards, error or not.
    public static func using<T: Sendable>(
        _ secrets: SecretReader = SecretReader(), rateLimitScale: Double = 1, retryObserver: (any RetryObserver)? = nil,
        _ body: (Clients) async throws -> T
    ) async throws -> T {
        var clients = Clients(secrets: secrets, rateLimitScale: rateLimitScale)
        clients.retryObserver = retryObserver
        do {
            let result = try await body(clients)
            await clients.shutdown()
            return result
        } catch {
            await clients.shutdown()
            throw error
        }
    }

    /// Closes the connection pools: no client made here works afterwards. `using` calls it.
    public func shutdown() async {
        for transport in pools.all { await transport.shutdown() }
    }
}
