import Foundation

/// The bundled sandbox: emulated vendor APIs on loopback, each on its own ephemeral port.
/// Used by the tests, `hrsync demo`, `hrsync-sandbox` and the benchmarks.
public final class Sandbox: Sendable {
    public struct Settings: Sendable {
        public var personio = PersonioEmulator.Settings()
        public var personioPort = 0
        public init() {}
    }

    public let personio: PersonioEmulator
    public let personioServer: SandboxServer
    public var personioURL: URL { personioServer.baseURL }

    public static func start(_ settings: Settings = Settings()) async throws -> Sandbox {
        let personio = PersonioEmulator(settings: settings.personio)
        let server = try await SandboxServer.start(port: settings.personioPort) { await personio.handle($0) }
        return Sandbox(personio: personio, personioServer: server)
    }

    private init(personio: PersonioEmulator, personioServer: SandboxServer) {
        self.personio = personio
        self.personioServer = personioServer
    }

    public func stop() async {
        await personioServer.stop()
    }
}
