import Foundation
import HRSyncCore
import HRSyncStore

/// `hrsync status`, like `git status`: where the config points, how old each side's snapshot is,
/// the last plan and apply, a hold or an unfinished apply, and what the next `apply` does first.
/// Unhealthy (exit 1): the last apply was held or failed, a hold is set, an apply is unfinished,
/// or the state directory is damaged where status looks (cheaply: files, not contents).
struct StatusReport: Encodable {
    struct Side: Encodable {
        var snapshot: String
        var takenAt: Date
        var ageSeconds: Int
        var records: Int
        // One key style in --json: snake_case, as the rest of the document.
        enum CodingKeys: String, CodingKey { case snapshot, takenAt = "taken_at", ageSeconds = "age_seconds", records }
    }
    struct Entry: Encodable { var id: String; var time: Date; var summary: String }

    var config: String
    var target: String
    var stateDirectory: String
    var personio: Side?
    var learning360: Side?
    var lastPlan: Entry?
    var lastPlanApplied: Bool?
    var lastApply: Entry?
    /// The last apply was held by a hold that `release` has lifted since.
    var lastApplyHoldReleased = false
    var hold: Hold?
    var unfinished: [String]
    /// The run holding the lock now (an apply in progress), if any.
    var running: LockHolder? = nil
    var problems: [String]
    var next: String
    var healthy: Bool { problems.isEmpty }

    static func load(configPath: String, config: HRSyncConfig, state: StateDirectory, now: Date = Date()) -> StatusReport {
        var problems: [String] = []
        // Each part is read on its own: a damaged one is a problem in the report, never a silent
        // exit (monitoring reads `--json`), and the rest is still shown.
        func attempt<T>(_ read: () throws -> T?) -> T? {
            do { return try read() } catch { problems.append(error.localizedDescription); return nil }
        }
        func side(_ ref: String) -> Side? {
            guard let id = attempt({ try state.refs.get(ref) }) else { return nil }
            if let problem = state.objects.presenceProblem(id) { problems.append("refs/\(ref): \(problem); run 'hrsync fsck'"); return nil }
            guard let info = attempt({ try state.snapshots.info(id) }) else { return nil }
            return Side(snapshot: id.hex, takenAt: info.takenAt, ageSeconds: Int(now.timeIntervalSince(info.takenAt)), records: info.count)
        }
        let personio = side(Refs.personio), learning360 = side(Refs.learning360)
        for name in state.refs.names().sorted() where Refs.isValidName(name) && ![Refs.personio, Refs.learning360].contains(name) {
            if let id = attempt({ try state.refs.get(name) }), let problem = state.objects.presenceProblem(id) {
                problems.append("refs/\(name): \(problem); run 'hrsync fsck'")
            }
        }
        let events = attempt { try state.log.events() } ?? []
        let history = History(events: events, rewrites: attempt { try state.rewrites() } ?? RewriteMap())
        let plan = events.last { $0.kind == .plan && $0.writes.count == 1 }
        // An apply nobody confirmed changed nothing: the last apply is the one before it.
        let apply = events.last { $0.kind == .apply && $0.outcome?[ApplyCancelled.outcomeKey] == nil }
        let appliedPlan = plan.map { plan in events.contains { $0.kind == .apply && $0.reads.first == plan.writes[0] } }
        // What the last plan and apply read and wrote must still be there (gc keeps them; a
        // collected id is in the rewrite map), checked cheaply: the files, not their content.
        for event in [plan, apply].compactMap({ $0 }) {
            let entry = history.entry(for: event)
            for id in (entry.reads + entry.writes).compactMap(\.current) {
                if let problem = state.objects.presenceProblem(id) {
                    problems.append("the last \(event.kind.rawValue) refers to a damaged store: \(problem); run 'hrsync fsck'")
                }
            }
        }
        let hold = attempt { try state.hold() }
        let running = state.runningHolder()
        // The journal of an apply that is running now is not unfinished: it is being written.
        let unfinished = running == nil ? Journal.unfinished(in: state) : []
        // A night held by a hold that `release` has lifted since is history, not a problem.
        let heldByLiftedHold = hold == nil && apply?.outcome?["held_by_hold"] != nil
        if let apply, apply.writes.isEmpty, !heldByLiftedHold { problems.append("the last apply was \(apply.summary)") }
        if let apply, Self.failedActions(of: history.entry(for: apply), in: state) > 0 {
            problems.append("the last apply had failed actions: \(apply.summary)")
        }
        if let hold {
            problems.append(
                "unattended applies are held since \(JSONOutput.timestamp.string(from: hold.since)) by \(hold.by) (\(hold.reason)); 'hrsync release' lifts it")
        }
        for (planID, done) in unfinished {
            problems.append(
                "an apply of plan \(planID.prefix(12)) is unfinished (\(Plural.count(done, "action")) recorded): apply that plan's file again to resume it, or let the next 'hrsync apply' of a newer plan finish without failures (that closes it)"
            )
        }
        let next =
            running.map { "wait: '\($0.command)' is running (pid \($0.pid), since \($0.started)) and holds the lock" }
            ?? (hold != nil
                ? "refuse (exit 3) unless given a plan file: a hold is set"
                : !unfinished.isEmpty
                    ? "resume only if given the unfinished plan's file; without one: pull, plan, apply"
                    : "pull both sides, plan, and apply (with --auto-approve) what the plan says")
        var report = StatusReport(
            config: configPath, target: config.learning360.baseURL, stateDirectory: state.path,
            personio: personio, learning360: learning360,
            lastPlan: plan.map { Entry(id: $0.writes[0].hex, time: $0.time, summary: $0.summary) }, lastPlanApplied: appliedPlan,
            lastApply: apply.map { Entry(id: EventView.displayID($0), time: $0.time, summary: $0.summary) },
            hold: hold, unfinished: unfinished.map(\.plan), running: running, problems: problems, next: next)
        report.lastApplyHoldReleased = heldByLiftedHold
        return report
    }

    /// A state directory that cannot be opened (FORMAT missing, damaged or another version).
    static func unopenable(configPath: String, config: HRSyncConfig, statePath: String, problem: String) -> StatusReport {
        StatusReport(
            config: configPath, target: config.learning360.baseURL, stateDirectory: statePath, unfinished: [],
            problems: [problem], next: "fail: the state directory cannot be read")
    }

    func text() -> String {
        func side(_ name: String, _ side: Side?, _ noun: String) -> String {
            guard let side else { return "\(name) no snapshot yet (run 'hrsync pull')" }
            return
                "\(name) snapshot \(side.snapshot.prefix(12)), \(Age.ago(seconds: side.ageSeconds)) (\(JSONOutput.timestamp.string(from: side.takenAt))), \(Plural.count(side.records, noun))"
        }
        var lines = [
            "config       \(config) → \(target) (state \(stateDirectory))",
            side("personio    ", personio, "employee"), side("360learning ", learning360, "record")
        ]
        lines.append(
            "last plan    "
                + (lastPlan.map {
                    "\($0.id.prefix(12)) \(JSONOutput.timestamp.string(from: $0.time)): \($0.summary)\(lastPlanApplied == true ? " (applied)" : " (not applied)")"
                } ?? "none"))
        lines.append(
            "last apply   "
                + (lastApply.map {
                    lastApplyHoldReleased
                        ? "\($0.id.prefix(12)) \(JSONOutput.timestamp.string(from: $0.time)): held by a hold, released since"
                        : "\($0.id.prefix(12)) \(JSONOutput.timestamp.string(from: $0.time)): \($0.summary)"
                } ?? "none"))
        if let running { lines.append("running      '\(running.command)' (pid \(running.pid) on \(running.host), since \(running.started)), holding the lock") }
        lines.append("hold         " + (hold.map { "since \(JSONOutput.timestamp.string(from: $0.since)) by \($0.by) (\($0.reason))" } ?? "none"))
        lines.append("next apply   would \(next)")
        // Each line escaped on its own: the problems are lines of their own, not an escaped "\n".
        lines.append(healthy ? "healthy" : "NOT healthy:")
        lines += problems.map { "  ! \($0)" }
        return lines.map(TerminalText.escape).joined(separator: "\n")
    }

    enum CodingKeys: String, CodingKey {
        case config, target, stateDirectory = "state_directory", personio, learning360, lastPlan = "last_plan", lastPlanApplied = "last_plan_applied"
        case lastApply = "last_apply", hold, unfinished, running, problems, next, healthy
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(config, forKey: .config)
        try c.encode(target, forKey: .target)
        try c.encode(stateDirectory, forKey: .stateDirectory)
        try c.encodeIfPresent(personio, forKey: .personio)
        try c.encodeIfPresent(learning360, forKey: .learning360)
        try c.encodeIfPresent(lastPlan, forKey: .lastPlan)
        try c.encodeIfPresent(lastPlanApplied, forKey: .lastPlanApplied)
        try c.encodeIfPresent(lastApply, forKey: .lastApply)
        try c.encodeIfPresent(hold, forKey: .hold)
        try c.encode(unfinished, forKey: .unfinished)
        try c.encodeIfPresent(running, forKey: .running)
        try c.encode(problems, forKey: .problems)
        try c.encode(next, forKey: .next)
        try c.encode(healthy, forKey: .healthy)
    }

    /// The failed actions of an apply: the log entry's typed counts, or (an entry logged before
    /// they existed) its apply record's.
    static func failedActions(of apply: History.Entry, in state: StateDirectory) -> Int {
        if let outcome = apply.event.outcome { return outcome[ApplyRecord.Status.failed.rawValue] ?? 0 }
        guard let id = apply.writes.first?.readable,
            let payload = try? state.objects.get(id, as: .apply), let record = try? CanonicalJSON.decode(ApplyRecord.self, from: payload)
        else { return 0 }
        return record.outcome[.failed] ?? 0
    }
}
