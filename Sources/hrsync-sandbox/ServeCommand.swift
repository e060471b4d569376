import ArgumentParser
import Foundation
import HRSyncSandbox

/// Serves the sandbox until interrupted, saving it to its state file every few seconds and at the end.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the emulated APIs (restoring the state file when there is one).")

    @OptionGroup var state: StateFileOption

    @OptionGroup var replica: ReplicaOptions

    @Flag(help: "Start a new company even if the state file exists (it is overwritten).")
    var fresh = false

    @Option(help: "Employees in the synthetic company (a new sandbox only).")
    var employees = 50

    @Option(help: "Seed of the synthetic company (same seed, same people).")
    var seed: UInt64 = 1

    @Option(name: .customLong("personio-port"), help: "Port for the Personio API (0: any free port; a restored sandbox keeps its own).")
    var personioPort = 0

    @Option(name: .customLong("learning360-port"), help: "Port for the 360Learning API (0: any free port; a restored sandbox keeps its own).")
    var learning360Port = 0

    @Flag(help: "Start the 360Learning platform as a finished sync would leave it (a new sandbox only).")
    var synced = false

    @Option(name: .customLong("rate-limit-scale"), help: "1 = the vendors' real limits, 10 = ten times faster, 0 = none.")
    var rateLimitScale = 1.0

    @Option(name: .customLong("latency-ms"), help: "Added latency per request, in milliseconds.")
    var latency = 0

    @Option(name: .customLong("throttle"), help: "Answer the first N employee-list requests with HTTP 429.")
    var throttle = 0

    @Option(
        name: .customLong("hide-attribute"),
        help: ArgumentHelp(
            "Take a Personio attribute off the credential's whitelist: no payload carries it, while the attribute list still names it (what 'hrsync discover' and 'hrsync check' flag). Repeatable.",
            valueName: "key"))
    var hiddenAttributes: [String] = []

    @Flag(name: .shortAndLong, help: "Print the credentials and the hrsync.yaml for this sandbox too.")
    var verbose = false

    func run() async throws {
        var settings = Sandbox.Settings()
        settings.personio.employees = employees
        settings.personio.seed = seed
        settings.personio.rateLimitScale = rateLimitScale
        settings.personio.latencyMilliseconds = latency
        settings.personioPort = personioPort
        settings.learning360.rateLimitScale = rateLimitScale
        settings.learning360.latencyMilliseconds = latency
        settings.learning360Port = learning360Port
        let sandbox: Sandbox
        var restoredReplica = false
        var origin = "a new company of \(employees) employees"
        let statePath = replica.stateDirectory != nil && state.given == nil ? ReplicaOptions.defaultStateFile : state.path
        if let source = replica.stateDirectory {
            // Always seeded anew from the snapshots, into a private directory outside the source.
            try ReplicaPlace.check(statePath, outside: source)
            try ReplicaOptions.prepareDirectory(of: statePath)
            sandbox = try await Sandbox.start(settings)
            do { origin = try await replica.seed(sandbox, stateFile: statePath) } catch {
                await sandbox.stop()
                throw error
            }
        } else if !fresh, FileManager.default.fileExists(atPath: state.path) {
            let saved = try state.read()
            sandbox = try await Sandbox.start(restoring: saved, settings)
            if let copied = saved.replica {
                // A replica serves its own people, not the synthetic company's (empty in its file).
                restoredReplica = true
                origin = "\(ReplicaOptions.describe(copied, people: saved.replicaEmployees?.count ?? 0)), restored from \(state.path)"
            } else {
                origin = "restored from \(state.path) (\(saved.employees.count) employees; --fresh starts anew)"
            }
        } else {
            sandbox = try await Sandbox.start(settings)
            if synced { await sandbox.learning360.seedSynced(from: await sandbox.personio.all) }
        }
        if !hiddenAttributes.isEmpty { await sandbox.personio.setHiddenAttributes(Set(hiddenAttributes), stillListed: true) }
        if throttle > 0 {
            await sandbox.personio.faults.inject(.status(429), times: throttle, pathPrefix: "/v1/company/employees")
        }
        try await sandbox.state().write(to: statePath)
        let isReplica = replica.stateDirectory != nil || restoredReplica
        let admin = isReplica ? "admin as in the snapshot" : "admin \(Learning360Emulator.adminMail)"
        // Short on purpose: a sandbox started with `&` prints under the next command typed.
        var banner = """
            Personio API      \(sandbox.personioURL.absoluteString)   (\(origin); rate limits x\(rateLimitScale))
            360Learning API   \(sandbox.learning360URL.absoluteString)   (\(admin))
            State file        \(statePath)   (saved within 2 s of a change and on exit; Ctrl-C or kill stops the sandbox)

            """
        if verbose {
            let config =
                isReplica
                ? "A replica's hrsync.yaml copies the production config's sync section (its admin rewritten like every email):\n"
                    + "  hrsync-sandbox config --state \(statePath) --config PRODUCTION.yaml > replica.yaml\n"
                    + "then 'hrsync -c replica.yaml init' and 'hrsync -c replica.yaml plan'. The replica's files hold personal data.\n"
                : "An hrsync.yaml for this sandbox ('hrsync-sandbox config --state \(statePath) > hrsync.yaml' writes it):\n\n"
                    + SandboxConfig.yaml(
                        personio: sandbox.personioURL, learning360: sandbox.learning360URL,
                        group: await sandbox.learning360.employeesGroupID, writer: "hrsync-sandbox config")
                    + "\nChange the company as HR would: hrsync-sandbox hire|edit|move|terminate --state \(statePath) (see --help).\n"
            banner += """
                Credentials:
                  export PERSONIO_CLIENT_ID=\(PersonioEmulator.clientID) PERSONIO_CLIENT_SECRET=\(PersonioEmulator.clientSecret)
                  export L360_CLIENT_ID=\(Learning360Emulator.clientID) L360_CLIENT_SECRET=\(Learning360Emulator.clientSecret)
                \(config)
                """
        } else if isReplica {
            banner += "Next: hrsync-sandbox config --state \(statePath) --config PRODUCTION.yaml > replica.yaml (details: --verbose)\n"
        } else {
            banner += "Next: hrsync-sandbox config --state \(statePath) > hrsync.yaml (credentials and details: --verbose)\n"
        }
        // Before the banner: whoever reads it may stop the sandbox at once.
        try StopSignals.install()
        FileHandle.standardOutput.write(Data(banner.utf8))
        // Saved only after a request that may have changed something: an idle 100k sandbox rewrote
        // 100 MB every 2 s. The encoding and the write run here, not inside the emulators.
        let saver = Task {
            var saved = sandbox.writesAnswered
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(2))
                let now = sandbox.writesAnswered
                guard now != saved else { continue }
                saved = now
                try? await sandbox.state().write(to: statePath)
            }
        }
        await StopSignals.wait()
        // The saver may be writing now: the last save waits for it (the two shared a temp file).
        saver.cancel()
        await saver.value
        try await sandbox.state().write(to: statePath)
        await sandbox.stop()
    }
}
