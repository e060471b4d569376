import ArgumentParser
import Foundation
import HRSyncEngine

/// hrsync-bench: hrsync's speed, API economy and storage, side by side with the targets.
@main
struct BenchCommand: AsyncParsableCommand {
    enum Scenario: String, CaseIterable, ExpressibleByArgument {
        case pull10k = "pull-10k", initial2k = "initial-2k", nightly10k = "nightly-10k", plan100k = "plan-100k", storeYear = "store-year"
        case person2k = "person-2k", discover10k = "discover-10k", commands100k = "commands-100k"
    }

    static let configuration = CommandConfiguration(
        commandName: "hrsync-bench",
        abstract: "Measure hrsync's speed, API economy and storage against its targets.",
        discussion: "Runs the scenarios against the bundled sandbox at the vendors' real rate limits (full size "
            + "takes 20-50 minutes; --quick is a smoke run of about 40 seconds). Without a scenario, all of them run, in the order listed.")

    @Argument(help: "Scenarios to run (default: all, in this order).")
    var scenarios: [Scenario] = []

    @Flag(help: "Scale sizes down (and the limits up, ×10) for a smoke run.")
    var quick = false

    @Flag(help: "Print the results as one JSON document.")
    var json = false

    @Flag(help: "Exit 1 when a target is missed (with --quick: only targets that are not times or ratios).")
    var check = false

    @Option(
        help:
            "Employees for pull-10k, initial-2k, nightly-10k, person-2k, discover-10k, store-year, and the one size of commands-100k (default: each scenario's size; commands-100k: 10,000, 20,000 and 100,000)."
    )
    var employees: Int?

    @Option(help: "Days of history for store-year (default: 365, or 30 with --quick).")
    var days: Int?

    @Option(help: "Daily churn in percent for store-year.")
    var churn = 0.5

    @Option(name: .customLong("latency-ms"), help: "Simulated network latency per request, in milliseconds.")
    var latencyMilliseconds = 30

    @Option(help: "Multiply the vendors' rate limits (default: 1, or 10 with --quick).")
    var rateLimitScale: Double?

    @Option(help: "Employees for plan-100k (default: 100000, or 10000 with --quick).")
    var planEmployees: Int?

    @Flag(help: "Skip the git comparison in store-year.")
    var noGit = false

    @Flag(help: "Print store-year's growth per day.")
    var perDay = false

    @Flag(help: "commands-100k: keep each size's state directory and config (paths on stderr), to profile a command on them.")
    var keepState = false

    /// A program and its arguments: run it and print its time and peak RSS as JSON (see ChildProcess.measured).
    @Option(parsing: .remaining, help: .hidden) var measureCommand: [String] = []

    func validate() throws {
        if let employees, employees < 1 { throw ValidationError("--employees must be at least 1") }
        if let planEmployees, planEmployees < 1 { throw ValidationError("--plan-employees must be at least 1") }
    }

    func size(_ full: Int, quick small: Int) -> Int { employees ?? (quick ? small : full) }

    func run() async throws {
        MallocArenas.limit()  // as hrsync itself: the pull and the planner run here in process
        if let executable = measureCommand.first {  // one child's time and peak RSS as JSON (see ChildProcess.measured)
            let run = try ChildProcess(executable: executable, environment: ProcessInfo.processInfo.environment).run(Array(measureCommand.dropFirst()))
            return print(String(decoding: try JSONEncoder().encode(run), as: UTF8.self))
        }
        let chosen = scenarios.isEmpty ? Scenario.allCases : scenarios
        let limitScale = rateLimitScale ?? (quick ? 10 : 1)
        var report: [String: any Encodable] = [:]
        var targets = TargetTable()
        let started = ContinuousClock.now

        for scenario in chosen {
            if !json { FileHandle.standardError.write(Data("running \(scenario.rawValue)…\n".utf8)) }
            switch scenario {
            case .pull10k:
                let r = try await PullBenchmark(employees: size(10_000, quick: 500), latencyMilliseconds: latencyMilliseconds, rateLimitScale: limitScale).run()
                report[scenario.rawValue] = r
                targets.pull(r)
                if !json { Views.pull(r, scale: limitScale) }
            case .initial2k:
                let r = try await InitialSyncBenchmark(employees: size(2_000, quick: 50), latencyMilliseconds: latencyMilliseconds, rateLimitScale: limitScale)
                    .run()
                report[scenario.rawValue] = r
                targets.initial(r)
                if !json { Views.initial(r, scale: limitScale) }
            case .nightly10k:
                let r = try await NightlyBenchmark(employees: size(10_000, quick: 400), latencyMilliseconds: latencyMilliseconds, rateLimitScale: limitScale)
                    .run()
                report[scenario.rawValue] = r
                targets.nightly(r)
                if !json { Views.nightly(r, scale: limitScale) }
            case .person2k:
                let r = try await TargetedBenchmark(employees: size(2_000, quick: 200), latencyMilliseconds: latencyMilliseconds, rateLimitScale: limitScale)
                    .run()
                report[scenario.rawValue] = r
                targets.targeted(r)
                if !json { Views.targeted(r) }
            case .discover10k:
                let r = try await DiscoverBenchmark(employees: size(10_000, quick: 500), latencyMilliseconds: latencyMilliseconds, rateLimitScale: limitScale)
                    .run()
                report[scenario.rawValue] = r
                targets.discover(r)
                if !json { Views.discover(r) }
            case .plan100k:
                let benchmark = PlanBenchmark(employees: planEmployees ?? (quick ? 10_000 : 100_000))
                let r = try chosen.count > 1 ? benchmark.runInChildProcess() : benchmark.run()  // its own peak RSS
                report[scenario.rawValue] = r
                targets.plan(r)
                if !json { Views.plan(r) }
            case .commands100k:
                let sizes = employees.map { [$0] } ?? (quick ? [500, 1_000] : [10_000, 20_000, 100_000])
                let r = try await CommandsBenchmark(sizes: sizes, keepState: keepState).run()
                report[scenario.rawValue] = r
                targets.commands(r)
                if !json { Views.commands(r) }
            case .storeYear:
                // Quick keeps the 10,000 employees (the target is about their size) and shortens the year.
                let r = try StoreBenchmark(
                    employees: size(10_000, quick: 10_000), days: days ?? (quick ? 30 : 365),
                    churnPercent: churn, gitPeer: !noGit
                ).run()
                report[scenario.rawValue] = r
                targets.store(r)
                if !json { Views.store(r, perDay: perDay) }
            }
        }

        if json {
            report["targets"] = targets.rows
            report["total_s"] = milliseconds(since: started) / 1000
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report.mapValues(AnyEncodable.init)), as: UTF8.self))
        } else {
            print("")
            targets.print(quick: quick)
            print(String(format: "(%.0f s in all)", milliseconds(since: started) / 1000))
        }
        if check, !targets.allMet(quick: quick) {
            FileHandle.standardError.write(Data("hrsync-bench: a target was missed (see the table)\n".utf8))
            throw ExitCode(1)
        }
    }
}

private struct AnyEncodable: Encodable {
    let value: any Encodable
    func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }
}
