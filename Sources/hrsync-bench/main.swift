import Foundation

// hrsync-bench: measurements for hrsync (storage now; speed and API economy as they are built).
//   swift run -c release hrsync-bench store [--employees N] [--days D] [--churn PERCENT] [--json] [--quick]
let arguments = Array(CommandLine.arguments.dropFirst())

func value(_ name: String, default fallback: Double) -> Double {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let v = Double(arguments[index + 1]) else { return fallback }
    return v
}

let quick = arguments.contains("--quick")
let scenario = arguments.first { !$0.hasPrefix("-") && Double($0) == nil } ?? "store"
guard scenario == "store" else {
    FileHandle.standardError.write(Data("hrsync-bench: unknown scenario '\(scenario)' (available: store)\n".utf8))
    exit(64)
}
let bench = StoreBenchmark(
    employees: Int(value("--employees", default: quick ? 1000 : 10_000)),
    days: Int(value("--days", default: quick ? 5 : 30)),
    churnPercent: value("--churn", default: 0.5))
let result = try bench.run()
if arguments.contains("--json") {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    print(String(decoding: try encoder.encode(result), as: UTF8.self))
} else {
    func kb(_ b: Int) -> String { String(format: "%.1f KiB", Double(b) / 1024) }
    print("store: \(result.employees) employees, \(result.days) daily snapshots, \(result.churn_percent)% churn per day")
    print("  raw JSON per snapshot      \(kb(result.raw_json_bytes_per_snapshot))")
    print("  first snapshot in store    \(kb(result.first_snapshot_bytes))  (\(String(format: "%.1f", result.first_snapshot_ratio))x smaller than raw)")
    print("  added per further day      min \(kb(result.day_bytes_min)), avg \(kb(result.day_bytes_avg)), max \(kb(result.day_bytes_max))  (avg \(String(format: "%.2f", result.day_bytes_share_of_first * 100))% of the first)")
    print("  store after \(result.days) days        \(kb(result.total_store_bytes)) for \(kb(result.total_raw_json_bytes)) of raw JSON (\(String(format: "%.0f", result.total_ratio))x)")
    print("  write a snapshot           \(String(format: "%.1f", result.write_ms_avg)) ms avg; read the last back \(String(format: "%.1f", result.read_last_ms)) ms; diff two consecutive \(String(format: "%.1f", result.diff_consecutive_ms)) ms")
}
