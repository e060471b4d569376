import Foundation
import HRSyncCore
import HRSyncStore

/// `store-year`: daily snapshots of a synthetic company at a given churn: store bytes against the
/// raw JSON the snapshots stand for, bytes added per day, write / read / diff times, and the same
/// snapshots committed to git and packed with `git gc --aggressive` as the peer.
struct StoreBenchmark {
    var employees: Int
    var days: Int
    var churnPercent: Double
    var gitPeer: Bool

    struct Result: Encodable {
        var employees: Int
        var days: Int
        var churn_percent: Double
        var raw_json_bytes_per_snapshot: Int
        var first_snapshot_bytes: Int
        var first_snapshot_ratio: Double
        var day_bytes_min: Int
        var day_bytes_avg: Int
        var day_bytes_max: Int
        var day_bytes_share_of_first: Double
        /// Bytes the store grew by on each day after the first.
        var day_bytes: [Int]
        var total_store_bytes: Int
        var total_raw_json_bytes: Int
        var total_ratio: Double
        var write_ms_avg: Double
        var read_last_ms: Double
        var diff_consecutive_ms: Double
        var records_last_day: Int
        /// The git peer: .pack + .idx after `git gc --aggressive`, the whole .git directory, the time gc took.
        var git_packed_bytes: Int?
        var git_directory_bytes: Int?
        var git_gc_s: Double?
        var store_to_git_ratio: Double?
        /// gc with `keep: {within: 90d, monthly: 12}` afterwards: snapshots kept, store bytes after, seconds it took.
        var gc_policy: String
        var gc_kept_snapshots: Int
        var gc_store_bytes: Int
        var gc_s: Double
    }

    static let gcPolicy = KeepPolicy(withinDays: 90, monthly: 12)

    func run() throws -> Result {
        let path = NSTemporaryDirectory() + "hrsync-bench-store-" + UUID().uuidString
        let keep = ProcessInfo.processInfo.environment["HRSYNC_BENCH_KEEP"] != nil  // to look inside afterwards
        defer { if keep { print("kept \(path)") } else { try? FileManager.default.removeItem(atPath: path) } }
        let state = try StateDirectory.create(at: path)
        var git = gitPeer ? try GitPeer() : nil
        defer { git?.remove() }
        var company = SyntheticCompany(employees: employees)
        var parent: ObjectID?
        var previous: ObjectID?
        var sizes: [Int] = []
        var rawTotal = 0
        var rawFirst = 0
        var writeTimes: [Double] = []
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        for day in 0..<days {
            if day > 0 { company.churn(share: churnPercent / 100) }
            let records = company.records()
            let raw = try git?.commit(records) ?? records.values.reduce(0) { $0 + $1.count + 1 }
            rawTotal += raw
            if day == 0 { rawFirst = raw }
            let clock = ContinuousClock.now
            previous = parent
            parent = try state.snapshots.write(
                Snapshot(kind: "personio", takenAt: start.addingTimeInterval(Double(day) * 86_400), records: records), parent: parent)
            writeTimes.append(milliseconds(since: clock))
            try state.refs.set(Refs.personio, to: parent!)
            sizes.append(Self.bytes(in: path))
        }
        let readClock = ContinuousClock.now
        let last = try state.snapshots.read(parent!)
        let readMs = milliseconds(since: readClock)
        precondition(last.records == company.records(), "read back differs from what was written")
        let diffClock = ContinuousClock.now
        if let previous { _ = try state.snapshots.changes(from: previous, to: parent!) }
        let diffMs = milliseconds(since: diffClock)

        var gitPacked: Int?, gitDirectory: Int?, gitSeconds: Double?
        if let git {
            let clock = ContinuousClock.now
            gitPacked = try git.gcAggressive()
            gitSeconds = milliseconds(since: clock) / 1000
            gitDirectory = Self.bytes(in: git.path + "/.git")
        }

        // Retention: what the year costs once gc has applied a typical policy.
        let gcClock = ContinuousClock.now
        let report = try state.gc(policy: Self.gcPolicy, dryRun: false)
        let gcSeconds = milliseconds(since: gcClock) / 1000
        let head = try state.refs.get(Refs.personio)!
        let afterGc = try state.snapshots.read(head).records
        precondition(afterGc == company.records(), "the last snapshot reads differently after gc")
        precondition(state.fsck().isClean, "fsck finds faults after gc")

        let daily = zip(sizes.dropFirst(), sizes).map { $0 - $1 }
        let first = sizes[0]
        return Result(
            employees: employees, days: days, churn_percent: churnPercent,
            raw_json_bytes_per_snapshot: rawFirst, first_snapshot_bytes: first,
            first_snapshot_ratio: Double(rawFirst) / Double(first),
            day_bytes_min: daily.min() ?? 0, day_bytes_avg: daily.isEmpty ? 0 : daily.reduce(0, +) / daily.count,
            day_bytes_max: daily.max() ?? 0,
            day_bytes_share_of_first: daily.isEmpty ? 0 : Double(daily.reduce(0, +) / daily.count) / Double(first),
            day_bytes: daily,
            total_store_bytes: sizes.last!, total_raw_json_bytes: rawTotal,
            total_ratio: Double(rawTotal) / Double(sizes.last!),
            write_ms_avg: writeTimes.reduce(0, +) / Double(writeTimes.count), read_last_ms: readMs, diff_consecutive_ms: diffMs,
            records_last_day: last.records.count, git_packed_bytes: gitPacked, git_directory_bytes: gitDirectory, git_gc_s: gitSeconds,
            store_to_git_ratio: gitPacked.map { Double(sizes.last!) / Double($0) },
            gc_policy: Self.gcPolicy.description, gc_kept_snapshots: report.keptSnapshots[Refs.personio] ?? 0,
            gc_store_bytes: Self.bytes(in: path), gc_s: gcSeconds)
    }

    static func bytes(in path: String) -> Int {
        guard let walker = FileManager.default.enumerator(atPath: path) else { return 0 }
        var total = 0
        while let item = walker.nextObject() as? String {
            let attributes = try? FileManager.default.attributesOfItem(atPath: "\(path)/\(item)")
            if attributes?[.type] as? FileAttributeType == .typeRegular { total += (attributes?[.size] as? Int) ?? 0 }
        }
        return total
    }
}

func milliseconds(since start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
}
