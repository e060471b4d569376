import Foundation

/// `hrsync-sandbox serve` as a child process, so that a benchmark's own process holds hrsync's work
/// alone (its CPU time and peak RSS), and the emulators' are the child's.
struct SandboxProcess {
    let running: ChildProcess.Running
    let folder: String
    /// The hrsync.yaml `hrsync-sandbox config` writes for it (URLs, the synced group, three custom fields).
    let yaml: String

    /// A new synced company of `employees` at the given limits and latency; waits until it answers.
    static func start(employees: Int, rateLimitScale: Double, latencyMilliseconds: Int) throws -> SandboxProcess {
        let binary = URL(fileURLWithPath: ChildProcess.thisProgram).deletingLastPathComponent().appendingPathComponent("hrsync-sandbox").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchFailure("pull-10k serves the APIs with the hrsync-sandbox binary beside hrsync-bench (\(binary)): build it first")
        }
        let folder = NSTemporaryDirectory() + "hrsync-bench-sandbox-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let stateFile = folder + "/sandbox.json", banner = folder + "/banner"
        let child = ChildProcess(executable: binary, environment: ProcessInfo.processInfo.environment)
        let running = try child.start(
            [
                "serve", "--fresh", "--state", stateFile, "--employees", String(employees), "--synced",
                "--rate-limit-scale", String(rateLimitScale), "--latency-ms", String(latencyMilliseconds)
            ], stdout: banner)
        // The banner is printed once the state file is written and both APIs listen.
        let deadline = ContinuousClock.now + .seconds(600)
        while !((try? String(contentsOfFile: banner, encoding: .utf8)) ?? "").contains("Next:") {
            guard running.isRunning, ContinuousClock.now < deadline else {
                running.terminate()
                let run = try running.wait()
                try? FileManager.default.removeItem(atPath: folder)
                throw BenchFailure("hrsync-sandbox serve did not start (exit \(run.status)): \(run.stderr.prefix(500))")
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let configFile = folder + "/hrsync.yaml"
        let written = try child.run(["config", "--state", stateFile], stdout: configFile)
        guard written.status == 0, let yaml = try? String(contentsOfFile: configFile, encoding: .utf8) else {
            running.terminate()
            _ = try? running.wait()
            throw BenchFailure("hrsync-sandbox config exited \(written.status): \(written.stderr.prefix(500))")
        }
        return SandboxProcess(running: running, folder: folder, yaml: yaml)
    }

    /// Stops the sandbox (SIGTERM: it saves its state and exits) and tells its figures.
    func stop() throws -> ChildProcess.Run {
        running.terminate()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try running.wait()
    }
}
