import Foundation

// hrsync-bench: hrsync's speed, API economy and storage, side by side with the limits.
//   swift run -c release hrsync-bench [SCENARIO…] [--quick] [--json] [--check] [--employees N] [--days D]
//     [--churn P] [--latency-ms L] [--rate-limit-scale S] [--plan-employees N] [--no-git] [--per-day]
// Scenarios: pull-10k, initial-2k, nightly-10k, plan-100k, store-year (default: all, in that order).
// --quick scales sizes (and the limits, ×10) down for a smoke run; --check exits 1 when a target is
// missed (with --quick: a target other than a time or ratio, which only mean something at full size).
let arguments = Array(CommandLine.arguments.dropFirst())

func value(_ name: String, default fallback: Double) -> Double {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let v = Double(arguments[index + 1]) else { return fallback }
    return v
}

let quick = arguments.contains("--quick")
let json = arguments.contains("--json")
let known = ["pull-10k", "initial-2k", "nightly-10k", "plan-100k", "store-year"]
var chosen = arguments.enumerated().filter { index, argument in
    !argument.hasPrefix("-") && !(index > 0 && arguments[index - 1].hasPrefix("--") && Double(argument) != nil)
}.map(\.element)
if chosen.isEmpty { chosen = known }
if let unknown = chosen.first(where: { !known.contains($0) }) {
    FileHandle.standardError.write(Data("hrsync-bench: unknown scenario '\(unknown)' (available: \(known.joined(separator: ", ")))\n".utf8))
    exit(64)
}
let latency = Int(value("--latency-ms", default: 30))
let limitScale = value("--rate-limit-scale", default: quick ? 10 : 1)
func employees(_ full: Int, quick small: Int) -> Int { Int(value("--employees", default: Double(quick ? small : full))) }

var report: [String: any Encodable] = [:]
var targets = TargetTable()
let started = ContinuousClock.now

for scenario in chosen {
    if !json { FileHandle.standardError.write(Data("running \(scenario)…\n".utf8)) }
    switch scenario {
    case "pull-10k":
        let r = try await PullBenchmark(employees: employees(10_000, quick: 500), latencyMilliseconds: latency, rateLimitScale: limitScale).run()
        report[scenario] = r
        targets.pull(r)
        if !json { Views.pull(r, scale: limitScale) }
    case "initial-2k":
        let r = try await InitialSyncBenchmark(employees: employees(2_000, quick: 50), latencyMilliseconds: latency, rateLimitScale: limitScale).run()
        report[scenario] = r
        targets.initial(r)
        if !json { Views.initial(r, scale: limitScale) }
    case "nightly-10k":
        let r = try await NightlyBenchmark(employees: employees(10_000, quick: 400), latencyMilliseconds: latency, rateLimitScale: limitScale).run()
        report[scenario] = r
        targets.nightly(r)
        if !json { Views.nightly(r, scale: limitScale) }
    case "plan-100k":
        let benchmark = PlanBenchmark(employees: Int(value("--plan-employees", default: quick ? 10_000 : 100_000)))
        let r = try chosen.count > 1 ? benchmark.runInChildProcess() : benchmark.run()   // its own peak RSS
        report[scenario] = r
        targets.plan(r)
        if !json { Views.plan(r) }
    case "store-year":
        let r = try StoreBenchmark(
            // Quick keeps the 10,000 employees (the target is about their size) and shortens the year.
            employees: employees(10_000, quick: 10_000), days: Int(value("--days", default: quick ? 30 : 365)),
            churnPercent: value("--churn", default: 0.5), gitPeer: !arguments.contains("--no-git")).run()
        report[scenario] = r
        targets.store(r)
        if !json { Views.store(r, perDay: arguments.contains("--per-day")) }
    default:
        break
    }
}

if json {
    struct AnyEncodable: Encodable {
        let value: any Encodable
        func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }
    }
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
if arguments.contains("--check"), !targets.allMet(quick: quick) {
    FileHandle.standardError.write(Data("hrsync-bench: a target was missed (see the table)\n".utf8))
    exit(1)
}
