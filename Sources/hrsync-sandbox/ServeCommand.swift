import ArgumentParser
import Foundation
import HRSyncSandbox

/// Serves the sandbox until interrupted, saving it to its state file every few seconds and at the end.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the emulated APIs (restoring the state file when there is one).")

    @OptionGroup var state: StateFileOption

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
        var origin = "a new company of \(employees) employees"
        if !fresh, FileManager.default.fileExists(atPath: state.path) {
            let saved = try state.read()
            sandbox = try await Sandbox.start(restoring: saved, settings)
            origin = "restored from \(state.path) (\(saved.employees.count) employees; --fresh starts anew)"
        } else {
            sandbox = try await Sandbox.start(settings)
            if synced { await sandbox.learning360.seedSynced(from: await sandbox.personio.all) }
        }
        if throttle > 0 {
            await sandbox.personio.faults.inject(.status(429), times: throttle, pathPrefix: "/v1/company/employees")
        }
        try await sandbox.state().write(to: state.path)
        // Short on purpose: a sandbox started with `&` prints under the next command typed.
        var banner = """
            Personio API      \(sandbox.personioURL.absoluteString)   (\(origin); rate limits x\(rateLimitScale))
            360Learning API   \(sandbox.learning360URL.absoluteString)   (admin \(Learning360Emulator.adminMail))
            State file        \(state.path)   (saved every 2 s and on exit; Ctrl-C or kill stops the sandbox)

            """
        if verbose {
            let config = SandboxConfig.yaml(
                personio: sandbox.personioURL, learning360: sandbox.learning360URL,
                group: await sandbox.learning360.employeesGroupID, writer: "hrsync-sandbox config")
            banner += """
                Credentials:
                  export PERSONIO_CLIENT_ID=\(PersonioEmulator.clientID) PERSONIO_CLIENT_SECRET=\(PersonioEmulator.clientSecret)
                  export L360_CLIENT_ID=\(Learning360Emulator.clientID) L360_CLIENT_SECRET=\(Learning360Emulator.clientSecret)
                An hrsync.yaml for this sandbox ('hrsync-sandbox config --state \(state.path) > hrsync.yaml' writes it):

                \(config)
                Change the company as HR would: hrsync-sandbox hire|edit|move|terminate --state \(state.path) (see --help).

                """
        } else {
            banner += "Next: hrsync-sandbox config --state \(state.path) > hrsync.yaml (credentials and details: --verbose)\n"
        }
        FileHandle.standardOutput.write(Data(banner.utf8))
        let saver = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(2))
                try? await sandbox.state().write(to: state.path)
            }
        }
        await Self.waitForSignal()
        saver.cancel()
        try await sandbox.state().write(to: state.path)
        await sandbox.stop()
    }

    static func waitForSignal() async {
        let signals = AsyncStream<Void> { continuation in
            let sources = [SIGINT, SIGTERM].map { sig in
                signal(sig, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: sig)
                source.setEventHandler { continuation.yield() }
                source.resume()
                return source
            }
            nonisolated(unsafe) let keep = sources
            continuation.onTermination = { _ in keep.forEach { $0.cancel() } }
        }
        for await _ in signals { break }
    }
}
