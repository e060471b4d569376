import Foundation

// hrsync-bench: hrsync's speed, API economy and storage, side by side with the limits.
//   swift run -c release hrsync-bench [SCENARIO…] [--quick] [--json] [--employees N] [--days D] [--churn P] [--latency-ms L]
// Scenarios: store, pull-personio, pull-360, plan-100k, initial-sync, nightly (default: all).
let arguments = Array(CommandLine.arguments.dropFirst())

func value(_ name: String, default fallback: Double) -> Double {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let v = Double(arguments[index + 1]) else { return fallback }
    return v
}

let quick = arguments.contains("--quick")
let json = arguments.contains("--json")
let known = ["store", "pull-personio", "pull-360", "plan-100k", "initial-sync", "nightly"]
var chosen = arguments.filter { !$0.hasPrefix("-") && Double($0) == nil }
if chosen.isEmpty { chosen = known }
if let unknown = chosen.first(where: { !known.contains($0) }) {
    FileHandle.standardError.write(Data("hrsync-bench: unknown scenario '\(unknown)' (available: \(known.joined(separator: ", ")))\n".utf8))
    exit(64)
}

var report: [String: any Encodable] = [:]
func kb(_ b: Int) -> String { String(format: "%.1f KiB", Double(b) / 1024) }
func f(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }

for scenario in chosen {
    switch scenario {
    case "store":
        let r = try StoreBenchmark(
            employees: Int(value("--employees", default: quick ? 1000 : 10_000)),
            days: Int(value("--days", default: quick ? 5 : 30)),
            churnPercent: value("--churn", default: 0.5)).run()
        report[scenario] = r
        guard !json else { continue }
        print("store: \(r.employees) employees, \(r.days) daily snapshots, \(r.churn_percent)% churn per day")
        print("  raw JSON per snapshot      \(kb(r.raw_json_bytes_per_snapshot))")
        print("  first snapshot in store    \(kb(r.first_snapshot_bytes))  (\(f(r.first_snapshot_ratio, 1))x smaller than raw)")
        print("  added per further day      min \(kb(r.day_bytes_min)), avg \(kb(r.day_bytes_avg)), max \(kb(r.day_bytes_max))  (avg \(f(r.day_bytes_share_of_first * 100))% of the first)")
        if arguments.contains("--per-day") { print("  per day (bytes): \(r.day_bytes.map(String.init).joined(separator: " "))") }
        print("  store after \(r.days) days        \(kb(r.total_store_bytes)) for \(kb(r.total_raw_json_bytes)) of raw JSON (\(f(r.total_ratio, 0))x)")
        print("  write a snapshot           \(f(r.write_ms_avg, 1)) ms avg; read the last back \(f(r.read_last_ms, 1)) ms; diff two consecutive \(f(r.diff_consecutive_ms, 1)) ms")
    case "pull-personio":
        let r = try await PersonioPullBenchmark(
            employees: Int(value("--employees", default: quick ? 1000 : 10_000)),
            latencyMilliseconds: Int(value("--latency-ms", default: 30)),
            rateLimitScale: value("--rate-limit-scale", default: quick ? 10 : 1)).run()
        report[scenario] = r
        guard !json else { continue }
        print("pull-personio: \(r.employees) employees, \(r.latency_ms) ms latency, Personio's limits (15/s, 300/min)")
        for (endpoint, count) in r.requests.sorted(by: { $0.key < $1.key }) { print("  \(endpoint): \(count) requests") }
        print("  rejected by the rate limit: \(r.rejected_by_rate_limit)")
        print("  wall \(f(r.wall_s)) s, floor \(f(r.floor_s)) s, ratio \(f(r.ratio))")
    case "pull-360":
        let r = try await Learning360PullBenchmark(
            employees: Int(value("--employees", default: quick ? 300 : 10_000)),
            latencyMilliseconds: Int(value("--latency-ms", default: 30)),
            rateLimitScale: value("--rate-limit-scale", default: quick ? 10 : 1)).run()
        report[scenario] = r
        guard !json else { continue }
        print("pull-360: a platform synced from \(r.employees) employees (\(r.users) users, \(r.read_in_detail) read in detail), 360Learning's read limit (50/s)")
        for (endpoint, count) in r.requests.sorted(by: { $0.key < $1.key }) { print("  \(endpoint): \(count) requests") }
        print("  reads \(r.reads), rejected by the rate limit: \(r.rejected_by_rate_limit)")
        print("  wall \(f(r.wall_s)) s, floor \(f(r.floor_s)) s, ratio \(f(r.ratio))")
    case "plan-100k":
        let r = try PlanBenchmark(employees: Int(value("--plan-employees", default: quick ? 10_000 : 100_000))).run()
        report[scenario] = r
        guard !json else { continue }
        print("plan-100k: the planner alone on \(r.employees) employees in sync but for 0.5 % churn")
        print("  \(r.actions) actions in \(f(r.plan_ms, 0)) ms; peak RSS of the whole run \(f(r.peak_rss_mb, 0)) MB")
    case "initial-sync":
        let r = try await InitialSyncBenchmark(
            employees: Int(value("--employees", default: quick ? 50 : 500)),
            latencyMilliseconds: Int(value("--latency-ms", default: 30)),
            rateLimitScale: value("--rate-limit-scale", default: quick ? 10 : 1)).run()
        report[scenario] = r
        guard !json else { continue }
        print("initial-sync: first apply for \(r.employees) employees on an empty platform, 360Learning's write limit (10/s)")
        print("  plan actions \(r.plan_actions), writes \(r.writes), rejected by the rate limit: \(r.rejected_by_rate_limit)")
        print("  apply wall \(f(r.apply_wall_s)) s, floor \(f(r.floor_s)) s, ratio \(f(r.ratio)); a second plan has \(r.second_plan_actions) actions")
    case "nightly":
        let r = try await NightlyBenchmark(
            employees: Int(value("--employees", default: quick ? 400 : 10_000)),
            latencyMilliseconds: Int(value("--latency-ms", default: 30)),
            rateLimitScale: value("--rate-limit-scale", default: quick ? 10 : 1)).run()
        report[scenario] = r
        guard !json else { continue }
        print("nightly: one night on a synced \(r.employees)-employee company after a day at 0.5 % churn (pull, plan, apply)")
        print("  requests: Personio \(r.personio_requests), 360Learning \(r.learning360_reads) reads + \(r.learning360_writes) writes; rejected by the rate limit: \(r.rejected_by_rate_limit)")
        print("  plan actions \(r.plan_actions); writes over that minimum: \(r.writes_over_minimum); the next plan has \(r.next_plan_actions) actions")
        print("  wall \(f(r.wall_s)) s, floor \(f(r.floor_s)) s, ratio \(f(r.ratio))")
    default:
        break
    }
}

if json {
    struct AnyEncodable: Encodable {
        let value: any Encodable
        func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    print(String(decoding: try encoder.encode(report.mapValues(AnyEncodable.init)), as: UTF8.self))
}
