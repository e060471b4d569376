import Foundation

/// The bundled sandbox: emulated vendor APIs on loopback, each on its own ephemeral port.
/// Used by the tests, `hrsync demo`, `hrsync-sandbox` and the benchmarks.
public final class Sandbox: Sendable {
    public struct Settings: Sendable {
        public var personio = PersonioEmulator.Settings()
        public var learning360 = Learning360Emulator.Settings()
        public var personioPort = 0
        public var learning360Port = 0
        public init() {}
    }

    public let personio: PersonioEmulator
    public let learning360: Learning360Emulator
    public let personioServer: SandboxServer
    public let learning360Server: SandboxServer
    public var personioURL: URL { personioServer.baseURL }
    public var learning360URL: URL { learning360Server.baseURL }

    public static func start(_ settings: Settings = Settings()) async throws -> Sandbox {
        let personio = PersonioEmulator(settings: settings.personio)
        let learning360 = await Learning360Emulator(settings: settings.learning360)
        let personioServer = try await SandboxServer.start(port: settings.personioPort) { await personio.handle($0) }
        let learning360Server = try await SandboxServer.start(port: settings.learning360Port) { await learning360.handle($0) }
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
        "L360_CLIENT_ID": Learning360Emulator.clientID, "L360_CLIENT_SECRET": Learning360Emulator.clientSecret,
    ]

    /// A sandbox without rate limits, for tests that are not about pacing.
    public static func unthrottled(employees: Int) async throws -> Sandbox {
        var settings = Settings()
        settings.personio.employees = employees
        settings.personio.rateLimitScale = 0
        settings.learning360.rateLimitScale = 0
        return try await start(settings)
    }

    public func stop() async {
        await personioServer.stop()
        await learning360Server.stop()
    }
}
