import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncSandbox
import HRSyncStore

/// `commands-100k`: what an admin waits for at the terminal, the `hrsync` binary end to end, at each
/// size (10,000, 20,000 and 100,000 employees): the state is one pull of a synced platform (the
/// sandbox unthrottled, no latency), then a second Personio pull after 0.5 % churn; each command
/// runs three times (median wall time, highest peak RSS). The pull also tells how fast the
/// emulated 360Learning answers reads.
struct CommandsBenchmark {
    var sizes: [Int]
    /// Leave each size's state directory and config (for profiling a command on them); their paths go to stderr.
    var keepState = false

    /// The commands measured, as typed after `hrsync -c FILE`.
    static let commands: [[String]] = [["plan", "--offline"], ["show", "PLAN"], ["status"], ["fsck"], ["diff", "--stat", "personio~1", "personio"]]
    static let runs = 3

    struct Row: Codable {
        var employees: Int
        var command: String
        var wall_ms: Double
        var peak_rss_mb: Double
    }

    struct Setup: Codable {
        var employees: Int
        var pull_s: Double
        var learning360_reads: Int
        var learning360_reads_per_s: Double
        var store_bytes: Int
    }

    struct Result: Codable {
        var rows: [Row]
        var setups: [Setup]
    }

    func run() async throws -> Result {
        let binary = URL(fileURLWithPath: ChildProcess.thisProgram).deletingLastPathComponent().appendingPathComponent("hrsync").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchFailure("commands-100k runs the hrsync binary beside hrsync-bench (\(binary)): build it first (swift build -c release)")
        }
        var result = Result(rows: [], setups: [])
        for employees in sizes {
            let world = try await BenchWorld.start(employees: employees, latencyMilliseconds: 0, personioScale: 0, learningScale: 0, synced: true)
            do {
                let (setup, configPath) = try await prepare(world, employees: employees)
                result.setups.append(setup)
                var environment = ProcessInfo.processInfo.environment.merging(Sandbox.credentialsEnvironment) { $1 }
                environment["NO_COLOR"] = "1"
                let child = ChildProcess(executable: binary, environment: environment)
                // PLAN is the plan the first `plan --offline` saved (the log's latest plan).
                let first = try child.run(["-c", configPath, "plan", "--offline"])
                guard first.status == 0 else { throw BenchFailure("hrsync plan --offline exited \(first.status): \(first.stderr.prefix(500))") }
                guard let plan = try world.state.log.events().last(where: { $0.kind == .plan })?.writes.first?.hex else {
                    throw BenchFailure("plan --offline logged no plan")
                }
                for command in Self.commands {
                    let arguments = command.map { $0 == "PLAN" ? plan : $0 }
                    var times: [Double] = [], peak = 0.0
                    for _ in 0..<Self.runs {
                        let run = try child.measured(["-c", configPath] + arguments)
                        guard run.status == 0 || (command == ["status"] && run.status == 1) else {
                            throw BenchFailure("hrsync \(command.joined(separator: " ")) exited \(run.status): \(run.stderr.prefix(500))")
                        }
                        times.append(run.milliseconds)
                        peak = max(peak, run.peakRSSMegabytes)
                    }
                    let median = times.sorted()[times.count / 2]
                    result.rows.append(Row(employees: employees, command: command.joined(separator: " "), wall_ms: median, peak_rss_mb: peak))
                }
                if keepState { FileHandle.standardError.write(Data("kept: hrsync -c \(configPath)\n".utf8)) }
                await world.stop(keepingState: keepState)
            } catch {
                await world.stop()
                throw error
            }
        }
        return result
    }

    /// One pull of both sides, 0.5 % churn, a second Personio pull; the config file the binary reads.
    func prepare(_ world: BenchWorld, employees: Int) async throws -> (Setup, String) {
        let unthrottled = 1_000_000.0
        let personio = try world.clients.personio(world.config, rateLimitScale: unthrottled)
        let lms = try world.clients.learning360(world.config, rateLimitScale: unthrottled)
        let readsBefore = await Self.reads(world.sandbox)
        let started = ContinuousClock.now
        try await world.pull(personio: personio, learning360: lms)
        let pullSeconds = milliseconds(since: started) / 1000
        let reads = await Self.reads(world.sandbox) - readsBefore
        let people = await world.sandbox.personio.all
        for k in 0..<max(1, employees / 200) {
            await world.sandbox.personio.edit(people[(k * 7919) % people.count].id) { $0.position = "Moved \(k)" }
        }
        _ = try await PersonioPull(config: world.config, state: world.state, client: personio).run()
        let configPath = world.folder + ".yaml"
        try (world.yaml + "\nstate: {dir: \"\(world.folder)\"}\n").write(toFile: configPath, atomically: true, encoding: .utf8)
        let setup = Setup(
            employees: employees, pull_s: pullSeconds, learning360_reads: reads,
            learning360_reads_per_s: pullSeconds > 0 ? Double(reads) / pullSeconds : 0, store_bytes: StoreBenchmark.bytes(in: world.folder))
        return (setup, configPath)
    }

    static func reads(_ sandbox: Sandbox) async -> Int {
        await sandbox.learning360.requests.filter { $0.key.hasPrefix("GET") }.values.reduce(0, +)
    }
}
