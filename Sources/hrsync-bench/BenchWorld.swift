import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncSandbox
import HRSyncStore
import Learning360
import Personio

/// What the API scenarios share: the in-process sandbox at the given limits and latency, a fresh
/// state directory, the configuration every scenario syncs with (the org chart under the
/// employees group and three custom fields, like the example configuration) and hrsync's clients.
struct BenchWorld {
    let sandbox: Sandbox
    let state: StateDirectory
    let folder: String
    let yaml: String
    let config: HRSyncConfig
    let clients: Clients

    /// `personioScale` 0 leaves Personio unthrottled, for scenarios that do not measure it.
    static func start(
        employees: Int, latencyMilliseconds: Int, personioScale: Double, learningScale: Double,
        synced: Bool, maxDeletes: String = "10%"
    ) async throws -> BenchWorld {
        var settings = Sandbox.Settings()
        settings.personio.employees = employees
        settings.personio.rateLimitScale = personioScale
        settings.personio.latencyMilliseconds = personioScale == 0 ? 0 : latencyMilliseconds
        settings.learning360.rateLimitScale = learningScale
        settings.learning360.latencyMilliseconds = latencyMilliseconds
        let sandbox = try await Sandbox.start(settings)
        if synced { await sandbox.learning360.seedSynced(from: await sandbox.personio.all) }
        let folder = NSTemporaryDirectory() + "hrsync-bench-" + UUID().uuidString
        let state = try StateDirectory.create(at: folder)
        let yaml = """
            personio: {base_url: "\(sandbox.personioURL.absoluteString)", app_id: HRSYNC_BENCH}
            learning360: {base_url: "\(sandbox.learning360URL.absoluteString)", admin_email: \(Learning360Emulator.adminMail), send_invitations: false}
            sync:
              groups: [{id: \(await sandbox.learning360.employeesGroupID), hierarchy: [office, department]}]
              custom_fields:
                - {personio: hire_date, name: Hire date}
                - {personio: department, name: Department}
                - {personio: dynamic_1234567, name: Cost center}
              max_deletes: \(maxDeletes)
            """
        let config = try ConfigLoader.load(yaml: yaml, file: "bench.yaml")
        let clients = Clients(secrets: SecretReader(environment: Sandbox.credentialsEnvironment))
        return BenchWorld(sandbox: sandbox, state: state, folder: folder, yaml: yaml, config: config, clients: clients)
    }

    /// `hrsync pull`: Personio, then 360Learning for the people it found.
    func pull(personio: PersonioClient, learning360: Learning360Client) async throws {
        _ = try await Pull(config: config, state: state, personio: personio, learning360: learning360).run()
    }

    func plan() throws -> PlanEngine.Outcome {
        try PlanEngine(config: config, configBytes: Data(yaml.utf8), state: state).run()
    }

    /// Stops the sandbox and the clients; the state directory goes too unless `keepingState`.
    func stop(keepingState: Bool = false) async {
        await clients.shutdown()
        await sandbox.stop()
        guard !keepingState else { return }
        try? FileManager.default.removeItem(atPath: folder)
        try? FileManager.default.removeItem(atPath: folder + ".yaml")  // commands-100k's config
    }
}
