import Foundation

/// Every figure the issue sets a target for, measured against it: the table the program ends with.
struct TargetTable {
    struct Row: Encodable {
        var scenario: String
        var figure: String
        var measured: String
        var target: String
        var met: Bool
        /// Times, ratios and 429s: only meaningful at full size and the real limits (at ×10 limits,
        /// requests 2 ms apart are within a loaded machine's scheduling jitter), so `--quick`
        /// reports them without checking them.
        var timing: Bool
    }

    private(set) var rows: [Row] = []

    /// Every target met; with `quick`, every target that does not depend on timing.
    func allMet(quick: Bool) -> Bool { rows.allSatisfy { $0.met || (quick && $0.timing) } }

    mutating func add(_ scenario: String, _ figure: String, _ measured: String, _ target: String, _ met: Bool, timing: Bool = false) {
        rows.append(Row(scenario: scenario, figure: figure, measured: measured, target: target, met: met, timing: timing))
    }

    static let maxRatio = 1.2

    mutating func pull(_ r: PullBenchmark.Result) {
        add("pull-10k", "wall / rate-limit floor", "\(f(r.wall_s)) s / \(f(r.floor_s)) s = \(f(r.ratio))", "≤ 1.2", r.ratio <= Self.maxRatio, timing: true)
        add("pull-10k", "requests rejected (429)", "\(r.rejected_by_rate_limit)", "0", r.rejected_by_rate_limit == 0, timing: true)
        add("pull-10k", "hrsync's peak RSS", "\(f(r.hrsync_peak_rss_mb, 0)) MB (\(f(r.hrsync_cpu_s, 1)) s CPU)", "≤ 600 MB", r.hrsync_peak_rss_mb <= 600)
    }

    mutating func initial(_ r: InitialSyncBenchmark.Result) {
        add(
            "initial-2k", "wall / rate-limit floor", "\(f(r.apply_wall_s)) s / \(f(r.floor_s)) s = \(f(r.ratio))", "≤ 1.2", r.ratio <= Self.maxRatio,
            timing: true)
        add(
            "initial-2k", "writes vs plan actions", "\(r.writes) / \(r.plan_actions) (\(r.bulk_rows) rows in \(r.bulk_operations) bulk operations)",
            "one per action, one per bulk operation", r.writes == r.plan_actions - r.bulk_rows + r.bulk_operations)
        add("initial-2k", "next plan", "\(r.second_plan_actions) actions", "empty", r.second_plan_actions == 0)
    }

    mutating func nightly(_ r: NightlyBenchmark.Result) {
        add("nightly-10k", "wall / rate-limit floor", "\(f(r.wall_s)) s / \(f(r.floor_s)) s = \(f(r.ratio))", "≤ 1.2", r.ratio <= Self.maxRatio, timing: true)
        add(
            "nightly-10k", "writes vs plan actions",
            "\(r.learning360_writes) / \(r.plan_actions) (\(r.bulk_rows) rows in \(r.bulk_operations) bulk operations)",
            "one per action, one per bulk operation", r.writes_over_minimum == 0)
        add("nightly-10k", "requests rejected (429)", "\(r.rejected_by_rate_limit)", "0", r.rejected_by_rate_limit == 0, timing: true)
        add("nightly-10k", "next plan", "\(r.next_plan_actions) actions", "empty", r.next_plan_actions == 0)
    }

    mutating func discover(_ r: DiscoverBenchmark.Result) {
        add(
            "discover-10k", "reads of discover",
            "\(r.reads) (\(r.employee_pages) employee pages, \(r.group_pages) group, \(r.field_pages) field, \(r.admin_reads) admin)",
            "≤ pages + 2 = \(r.bound)", r.reads <= r.bound)
    }

    mutating func targeted(_ r: TargetedBenchmark.Result) {
        add("person-2k", "apply --person wall time", "\(f(r.wall_s)) s", "< 5 s", r.wall_s < 5, timing: true)
        add(
            "person-2k", "writes vs the person's actions", "\(r.learning360_writes) / \(r.plan_actions) (\(r.actions_for_others) for others)",
            "equal, 0 for others",
            r.learning360_writes == r.plan_actions && r.actions_for_others == 0 && r.plan_actions > 0)
    }

    mutating func plan(_ r: PlanBenchmark.Result) {
        add("plan-100k", "plan time (\(r.employees) employees)", "\(f(r.plan_ms, 0)) ms", "≤ 500 ms", r.plan_ms <= 500, timing: true)
        add("plan-100k", "peak RSS", "\(f(r.peak_rss_mb, 0)) MB", "< 500 MB", r.peak_rss_mb < 500, timing: true)
    }

    /// Goals at the largest size (100,000 employees at full size), and growth at most linear from the smallest.
    mutating func commands(_ r: CommandsBenchmark.Result) {
        let limits = ["plan --offline": 2000.0, "show PLAN": 1000, "status": 200, "fsck": 5000, "diff --stat personio~1 personio": 1000]
        guard let largest = r.rows.map(\.employees).max(), let smallest = r.rows.map(\.employees).min() else { return }
        for row in r.rows where row.employees == largest {
            let limit = limits[row.command] ?? .infinity
            add("commands-100k", "\(row.command) (\(row.employees))", "\(f(row.wall_ms, 0)) ms", "≤ \(f(limit, 0)) ms", row.wall_ms <= limit, timing: true)
            add("commands-100k", "\(row.command) peak RSS", "\(f(row.peak_rss_mb, 0)) MB", "≤ 400 MB", row.peak_rss_mb <= 400, timing: true)
            guard largest > smallest, let small = r.rows.first(where: { $0.employees == smallest && $0.command == row.command }) else { continue }
            // Linear: time per employee at the largest size no more than at the smallest (plus 50 ms of start-up).
            let allowed = (small.wall_ms + 50) * Double(largest) / Double(smallest)
            add(
                "commands-100k", "\(row.command) growth \(smallest)→\(largest)", "×\(f(row.wall_ms / max(small.wall_ms, 1)))",
                "≤ ×\(f(allowed / max(small.wall_ms, 1))) (×\(f(Double(largest) / Double(smallest), 0)) with 50 ms of start-up)", row.wall_ms <= allowed,
                timing: true)
        }
    }

    mutating func store(_ r: StoreBenchmark.Result) {
        guard let packed = r.git_packed_bytes, let ratio = r.store_to_git_ratio else { return }
        add("store-year", "hrsync bytes / git packed bytes", "\(kb(r.total_store_bytes)) / \(kb(packed)) = \(f(ratio))", "≤ 1.00", ratio <= 1)
    }

    func print(quick: Bool) {
        let header = Row(scenario: "scenario", figure: "figure", measured: "measured", target: "target", met: true, timing: false)
        let all = [header] + rows
        let widths = [all.map(\.scenario.count).max()!, all.map(\.figure.count).max()!, all.map(\.measured.count).max()!, all.map(\.target.count).max()!]
        func line(_ row: Row, _ mark: String) -> String {
            zip([row.scenario, row.figure, row.measured, row.target], widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(
                separator: "  ") + "  " + mark
        }
        Swift.print(line(header, "met"))
        for row in rows { Swift.print(line(row, row.met ? "yes" : quick && row.timing ? "no (quick)" : "NO")) }
        if quick { Swift.print("(--quick: smaller sizes, limits ×10; times and ratios are only targets for the full run)") }
    }
}
