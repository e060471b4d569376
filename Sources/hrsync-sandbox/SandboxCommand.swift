import ArgumentParser
import Foundation
import HRSyncSandbox

/// Serves the emulated vendor APIs on loopback for manual use, until interrupted.
@main
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hrsync-sandbox",
        abstract: "Serve the emulated Personio and 360Learning APIs on 127.0.0.1 for trying hrsync without credentials.")

    @Option(help: "Employees in the synthetic company.")
    var employees = 50

    @Option(help: "Seed of the synthetic company (same seed, same people).")
    var seed: UInt64 = 1

    @Option(name: .customLong("personio-port"), help: "Port for the Personio API (0: any free port).")
    var personioPort = 0

    @Option(name: .customLong("learning360-port"), help: "Port for the 360Learning API (0: any free port).")
    var learning360Port = 0

    @Flag(help: "Start the 360Learning platform as a finished sync would leave it (users, mappings, roles, values, managers).")
    var synced = false

    @Option(name: .customLong("rate-limit-scale"), help: "1 = the vendors' real limits, 10 = ten times faster, 0 = none.")
    var rateLimitScale = 1.0

    @Option(name: .customLong("latency-ms"), help: "Added latency per request, in milliseconds.")
    var latency = 0

    @Option(name: .customLong("throttle"), help: "Answer the first N employee-list requests with HTTP 429.")
    var throttle = 0

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
        let sandbox = try await Sandbox.start(settings)
        if synced { await sandbox.learning360.seedSynced(from: await sandbox.personio.all) }
        if throttle > 0 {
            await sandbox.personio.faults.inject(.status(429), times: throttle, pathPrefix: "/v1/company/employees")
        }
        FileHandle.standardOutput.write(Data("""
            Personio API      \(sandbox.personioURL.absoluteString)   (\(employees) employees, rate limits x\(rateLimitScale))
            360Learning API   \(sandbox.learning360URL.absoluteString)   (synced group "Employees": \(await sandbox.learning360.employeesGroupID))
              export PERSONIO_CLIENT_ID=\(PersonioEmulator.clientID) PERSONIO_CLIENT_SECRET=\(PersonioEmulator.clientSecret)
              export L360_CLIENT_ID=\(Learning360Emulator.clientID) L360_CLIENT_SECRET=\(Learning360Emulator.clientSecret)
            Set personio.base_url, learning360.base_url and sync.groups in hrsync.yaml accordingly; admin_email: \(Learning360Emulator.adminMail).
            Ctrl-C stops the sandbox.

            """.utf8))
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
        await sandbox.stop()
    }
}

