import Foundation

func kb(_ b: Int) -> String { String(format: "%.1f KiB", Double(b) / 1024) }
func f(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }

/// Each scenario's figures for a terminal; `--json` prints the results themselves instead.
enum Views {
    static func limits(_ scale: Double) -> String { scale == 1 ? "the real limits" : "limits ×\(f(scale, 0))" }

    static func pull(_ r: PullBenchmark.Result, scale: Double) {
        print(
            "pull-10k: hrsync pull of \(r.employees) employees onto a synced platform (\(r.users) users, \(r.users_read_in_detail) read in detail), \(limits(scale)), \(r.latency_ms) ms latency"
        )
        for (name, side) in [("Personio", r.personio), ("360Learning", r.learning360)] {
            print("  \(name): \(side.requests.values.reduce(0, +)) requests, wall \(f(side.wall_s)) s, floor \(f(side.floor_s)) s, ratio \(f(side.ratio))")
            for (endpoint, count) in side.requests.sorted(by: { $0.key < $1.key }) { print("    \(endpoint): \(count)") }
        }
        print("  rejected by the rate limit: \(r.rejected_by_rate_limit)")
        print("  both: wall \(f(r.wall_s)) s, floor \(f(r.floor_s)) s, ratio \(f(r.ratio))")
        print(
            "  hrsync: \(f(r.hrsync_cpu_s, 1)) s CPU, peak RSS \(f(r.hrsync_peak_rss_mb, 0)) MB (the sandbox, a child process: \(f(r.sandbox_cpu_s, 1)) s CPU, \(f(r.sandbox_peak_rss_mb, 0)) MB)"
        )
    }

    static func discover(_ r: DiscoverBenchmark.Result) {
        print("discover-10k: hrsync discover's reads of \(r.employees) employees on a synced platform, \(f(r.wall_s)) s")
        for (endpoint, count) in r.requests.sorted(by: { $0.key < $1.key }) { print("    \(endpoint): \(count)") }
        print("  reads \(r.reads), bound \(r.bound) (employee, group, field and admin pages + 2)")
    }

    static func initial(_ r: InitialSyncBenchmark.Result, scale: Double) {
        print("initial-2k: first apply for \(r.employees) employees on an empty platform, \(limits(scale)) (10 writes/s)")
        print(
            "  plan actions \(r.plan_actions), writes \(r.writes) (\(r.bulk_rows) rows in \(r.bulk_operations) bulk operations), rejected by the rate limit: \(r.rejected_by_rate_limit)"
        )
        print("  apply wall \(f(r.apply_wall_s)) s, floor \(f(r.floor_s)) s, ratio \(f(r.ratio)); the next plan has \(r.second_plan_actions) actions")
    }

    static func targeted(_ r: TargetedBenchmark.Result) {
        print("person-2k: apply --person for one new hire on a synced \(r.employees)-employee company (targeted pull, plan, apply)")
        print(
            "  requests: Personio \(r.personio_requests), 360Learning \(r.learning360_reads) reads + \(r.learning360_writes) writes; rejected by the rate limit: \(r.rejected_by_rate_limit)"
        )
        print("  plan actions \(r.plan_actions) (\(r.actions_for_others) for anyone else); wall \(f(r.wall_s)) s")
    }

    static func nightly(_ r: NightlyBenchmark.Result, scale: Double) {
        print("nightly-10k: one night on a synced \(r.employees)-employee company after a day at 0.5 % churn (pull, plan, apply), \(limits(scale))")
        print(
            "  requests: Personio \(r.personio_requests), 360Learning \(r.learning360_reads) reads + \(r.learning360_writes) writes; rejected by the rate limit: \(r.rejected_by_rate_limit)"
        )
        print(
            "  plan actions \(r.plan_actions) (\(r.bulk_rows) rows in \(r.bulk_operations) bulk operations); writes over that minimum: \(r.writes_over_minimum); the next plan has \(r.next_plan_actions) actions"
        )
        print("  wall \(f(r.wall_s)) s, floor \(f(r.floor_s)) s, ratio \(f(r.ratio))")
    }

    static func commands(_ r: CommandsBenchmark.Result) {
        print("commands-100k: the hrsync binary end to end on one pull of a synced platform (median of \(CommandsBenchmark.runs) runs)")
        for setup in r.setups {
            print(
                "  \(setup.employees) employees: pull \(f(setup.pull_s)) s unthrottled, the sandbox's 360Learning answered \(setup.learning360_reads) reads "
                    + "(\(f(setup.learning360_reads_per_s, 0))/s); store \(kb(setup.store_bytes))")
            for row in r.rows where row.employees == setup.employees {
                print("    \(row.command.padding(toLength: 34, withPad: " ", startingAt: 0)) \(f(row.wall_ms, 0)) ms, peak RSS \(f(row.peak_rss_mb, 0)) MB")
            }
        }
    }

    static func plan(_ r: PlanBenchmark.Result) {
        print("plan-100k: the planner alone on \(r.employees) employees in sync but for 0.5 % churn")
        print("  \(r.actions) actions in \(f(r.plan_ms, 0)) ms; peak RSS \(f(r.peak_rss_mb, 0)) MB (building the input and planning)")
    }

    static func store(_ r: StoreBenchmark.Result, perDay: Bool) {
        print(
            "store-year: \(r.days) daily snapshots of \(r.employees) employees at \(r.churn_percent) % churn a day (\(r.records_last_day) records on the last day)"
        )
        print("  raw JSON per snapshot      \(kb(r.raw_json_bytes_per_snapshot)) on the first day")
        print("  first snapshot in store    \(kb(r.first_snapshot_bytes))  (\(f(r.first_snapshot_ratio, 1))x smaller than raw)")
        print("  added per further day      min \(kb(r.day_bytes_min)), avg \(kb(r.day_bytes_avg)), max \(kb(r.day_bytes_max))")
        if perDay { print("  per day (bytes): \(r.day_bytes.map(String.init).joined(separator: " "))") }
        print("  store after \(r.days) days      \(kb(r.total_store_bytes)) for \(kb(r.total_raw_json_bytes)) of raw JSON (\(f(r.total_ratio, 0))x)")
        if let packed = r.git_packed_bytes, let ratio = r.store_to_git_ratio {
            print(
                "  git peer                   \(kb(packed)) packed after git gc --aggressive (\(f(r.git_gc_s ?? 0, 1)) s; .git \(kb(r.git_directory_bytes ?? 0))); hrsync / git \(f(ratio))"
            )
        }
        print(
            "  write a snapshot \(f(r.write_ms_avg, 1)) ms avg; read the last back \(f(r.read_last_ms, 1)) ms; diff two consecutive \(f(r.diff_consecutive_ms, 1)) ms"
        )
        print(
            "  gc keep \(r.gc_policy)   \(r.gc_kept_snapshots) snapshots kept, store \(kb(r.gc_store_bytes)) (from \(kb(r.total_store_bytes))), \(f(r.gc_s, 1)) s"
        )
    }
}
