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
        let running: ChildProcess.Running
        do {
            running = try child.start(
                [
                    "serve", "--fresh", "--state", stateFile, "--employees", String(employees), "--synced",
                    "--rate-limit-scale", String(rateLimitScale), "--latency-ms", String(latencyMilliseconds)
                ], stdout: banner)
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
        // Whatever fails from here stops the sandbox and removes its folder (100 MB of state at 100,000).
        func abandon(_ reason: String) -> BenchFailure {
            running.terminate()
            let stderr = (try? running.wait())?.stderr ?? ""
            try? FileManager.default.removeItem(atPath: folder)
            return BenchFailure("\(reason): \(stderr.prefix(500))")
        }
        // The banner is printed once the state file is written and both APIs listen.
        let deadline = ContinuousClock.now + .seconds(600)
        while !((try? String(contentsOfFile: banner, encoding: .utf8)) ?? "").contains("Next:") {
            guard running.isRunning else { throw abandon("hrsync-sandbox serve exited before it served") }
            guard ContinuousClock.now < deadline else { throw abandon("hrsync-sandbox serve did not start within 600 s") }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let configFile = folder + "/hrsync.yaml"
        let written: ChildProcess.Run
        do { written = try child.run(["config", "--state", stateFile], stdout: configFile) } catch {
            throw abandon("cannot run hrsync-sandbox config (\(error))")
        }
        guard written.status == 0, let yaml = try? String(contentsOfFile: configFile, encoding: .utf8) else {
            throw abandon("hrsync-sandbox config exited \(written.status) (\(written.stderr.prefix(300)))")
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
