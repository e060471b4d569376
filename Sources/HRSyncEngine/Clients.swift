import Foundation
import HRSyncCore
import HRSyncHTTP
import Learning360
import Personio

/// Builds the API clients from the config. Secrets are read when a client first authenticates,
/// from the environment or files the config names, and are kept nowhere else.
public struct Clients: Sendable {
    public let transport = AsyncHTTPTransport()
    public var secrets: SecretReader

    public init(secrets: SecretReader = SecretReader()) {
        self.secrets = secrets
    }

    /// Tests against an unthrottled sandbox speed the limiters up with HRSYNC_TEST_RATE_LIMIT_SCALE.
    public static var testScale: Double {
        ProcessInfo.processInfo.environment["HRSYNC_TEST_RATE_LIMIT_SCALE"].flatMap(Double.init) ?? 1
    }

    public func personio(_ config: HRSyncConfig, rateLimitScale: Double = Clients.testScale) throws -> PersonioClient {
        guard let url = URL(string: config.personio.baseURL) else {
            throw URLError(.badURL)
        }
        let settings = config.personio
        let secrets = self.secrets
        return PersonioClient(
            settings: .init(baseURL: url, appID: settings.appID),
            executor: RequestExecutor(transport: transport),
            credentials: {
                (try secrets.read(settings.clientID, purpose: "Personio client id"),
                 try secrets.read(settings.clientSecret, purpose: "Personio client secret"))
            },
            employeesLimiter: PersonioClient.defaultEmployeesLimiter(scale: rateLimitScale))
    }

    public func learning360(_ config: HRSyncConfig, rateLimitScale: Double = Clients.testScale) throws -> Learning360Client {
        guard let url = URL(string: config.learning360.baseURL) else {
            throw URLError(.badURL)
        }
        let settings = config.learning360
        let secrets = self.secrets
        return Learning360Client(
            baseURL: url, executor: RequestExecutor(transport: transport),
            credentials: {
                (try secrets.read(settings.clientID, purpose: "360Learning client id"),
                 try secrets.read(settings.clientSecret, purpose: "360Learning client secret"))
            },
            rateLimitScale: rateLimitScale)
    }

    /// Runs `body` with fresh clients and shuts their connections down afterwards, error or not.
    public static func using<T: Sendable>(_ secrets: SecretReader = SecretReader(), _ body: (Clients) async throws -> T) async throws -> T {
        let clients = Clients(secrets: secrets)
        do {
            let result = try await body(clients)
            await clients.shutdown()
            return result
        } catch {
            await clients.shutdown()
            throw error
        }
    }

    public func shutdown() async {
        await transport.shutdown()
    }
}
