import Foundation

/// The bundled sandbox: emulated vendor APIs on loopback, each on its own ephemeral port.
/// Used by the tests, `hrsync-sandbox` (serve and demo) and the benchmarks.
public final class Sandbox: Sendable {
    /// What to start: each emulator's settings and the ports to listen on.
    public struct Settings: Sendable {
        /// The emulated Personio: company size and seed, label language, limits, latency.
        public var personio = PersonioEmulator.Settings()
        /// The emulated 360Learning: limits, latency, the offices and departments of its group tree.
        public var learning360 = Learning360Emulator.Settings()
        /// The emulated Personio's port; 0 picks a free one.
        public var personioPort = 0
        /// The emulated 360Learning's port; 0 picks a free one.
        public var learning360Port = 0
        /// The defaults: 50 employees, the vendors' real rate limits, free ports.
        public init() {}
    }

    /// The emulated Personio, for a test to hire, edit or terminate people and to see what was asked of it.
    public let personio: PersonioEmulator
    /// The emulated 360Learning, for a test to inspect the platform after a run or change it as an admin would.
    public let learning360: Learning360Emulator
    /// The HTTP server in front of ``personio``.
    public let personioServer: SandboxServer
    /// The HTTP server in front of ``learning360``.
    public let learning360Server: SandboxServer
    /// The base URL for a config's `personio.base_url`, e.g. `http://127.0.0.1:54321`.
    public var personioURL: URL { personioServer.baseURL }
    /// The base URL for a config's `learning360.base_url`.
    public var learning360URL: URL { learning360Server.baseURL }

    /// Runs `body`, then stops the sandbox and waits for it, whether `body` returned or threw: a
    /// test that fails half-way leaves no server behind.
    public func stopping<T>(after body: () async throws -> T) async throws -> T {
        do {
            let result = try await body()
            await stop()
            return result
        } catch {
            await stop()
            throw error
        }
    }

    /// Starts both emulators and their servers, returning once both listen.
    public static func start(_ settings: Settings = Settings()) async throws -> Sandbox {
        let personio = PersonioEmulator(settings: settings.personio)
        let learning360 = await Learning360Emulator(settings: settings.learning360)
        // Logins issue tokens, which are not saved: they change nothing the state file keeps.
        let personioServer = try await SandboxServer.start(port: settings.personioPort, savesNothing: ["POST /v1/auth"]) { await personio.handle($0) }
        let learning360Server = try await SandboxServer.start(port: settings.learning360Port, savesNothing: ["POST /api/v2/oauth2/token"]) {
            await learning360.handle($0)
        }
        return Sandbox(personio: personio, learning360: learning360, personioServer: personioServer, learning360Server: learning360Server)
    }

    private init(personio: PersonioEmulator, learning360: Learning360Emulator, personioServer: SandboxServer, learning360Server: SandboxServer) {
        self.personio = personio
        self.learning360 = learning360
        self.personioServer = personioServer
        self.learning360Server = learning360Server
    }

    /// The sandbox's test credentials under hrsync's default environment variable names.
    public static let credentialsEnvironment = [
        "PERSONIO_CLIENT_ID": PersonioEmulator.clientID, "PERSONIO_CLIENT_SECRET": PersonioEmulator.clientSecret,
        "L360_CLIENT_ID": Learning360Emulator.clientID, "L360_CLIENT_SECRET": Learning360Emulator.clientSecret
    ]

    /// A sandbox without rate limits, for tests that are not about pacing.
    public static func unthrottled(employees: Int) async throws -> Sandbox {
        var settings = Settings()
        settings.personio.employees = employees
        settings.personio.rateLimitScale = 0
        settings.learning360.rateLimitScale = 0
        return try await start(settings)
    }

    /// Stops both servers gracefully; the emulators' records stay readable.
    public func stop() async {
        await personioServer.stop()
        await learning360Server.stop()
    }
}
