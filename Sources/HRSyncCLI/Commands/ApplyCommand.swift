import ArgumentParser
import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncStore

struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Execute a saved plan, or pull, plan, ask and execute.",
        discussion:
            "A plan that is stale, for another target or config, or held by the deletion or blanking guard is refused (exit 3). Failed actions are listed and exit 4; the rest are applied and logged. A refused or cancelled apply is logged too, with why."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A plan file written by 'hrsync plan -o'.", completion: .file(extensions: ["plan"]))
    var plan: String?

    @Flag(name: .customLong("auto-approve"), help: "Do not ask (for cron).")
    var autoApprove = false

    @Option(name: .customLong("allow-deletes"), help: ArgumentHelp("Allow up to N deletes past the deletion guard.", valueName: "n"))
    var allowDeletes: Int?

    @Option(
        name: .customLong("allow-blanking"),
        help: ArgumentHelp("Let the blanks of FIELD past the blanking guard (repeatable).", valueName: "field"))
    var allowBlanking: [String] = []

    @Flag(name: .customLong("release-hold"), help: "Lift a hold set by 'hrsync revert --hold', then apply.")
    var releaseHold = false

    @OptionGroup var person: PersonOption

    @OptionGroup var metricsFile: MetricsOption

    func run() async throws {
        let context = try CommandContext.open(global, outputs: [metricsFile.path])
        let (console, config, configBytes, state) = (context.console, context.config, context.configBytes, context.state)
        try Self.checkBlankingFields(allowBlanking, config.sync)
        let lock = try context.lock("apply")
        defer { lock.release() }
        if releaseHold, let lifted = try state.releaseHold() {
            console.info("released the hold of \(JSONOutput.timestamp.string(from: lifted.since)) (\(lifted.reason))")
        }
        let metrics = RunMetrics(command: "apply", metricsFile, config: config)
        try await metrics.around(state: state, lock: lock, console: console) {
            do {
                try await apply(config: config, configBytes: configBytes, state: state, console: console, metrics: metrics)
            } catch let refusal as GuardRefusal {
                // A held night is history too: `log`, `status` and monitoring see why nothing (or not all) ran.
                // Typed: `status` tells a night held by a hold (which `release` lifts) from the others.
                let outcome = refusal is HoldRefusal ? ["held_by_hold": 1] : nil
                try? state.log.append(Invocation.event(.apply, summary: "held: \(refusal.localizedDescription)", outcome: outcome))
                throw refusal
            } catch let cancelled as ApplyCancelled {
                // So is an apply nobody confirmed: an `apply` entry that wrote nothing, marked `cancelled`
                // (an older hrsync reads it as an apply; `status` does not count it as the night's).
                try? state.log.append(Invocation.event(.apply, summary: cancelled.logSummary, outcome: [ApplyCancelled.outcomeKey: 1]))
                throw cancelled
            }
        }
    }

    func apply(config: HRSyncConfig, configBytes: Data, state: StateDirectory, console: Console, metrics: RunMetrics) async throws {
        // A hold stops only the unattended form: a reviewed plan file (the revert itself) still applies.
        if plan == nil, let hold = try state.hold() { throw HoldRefusal(hold: hold) }
        let record = try await Clients.using(rateLimitScale: TestHooks.rateLimitScale, retryObserver: RetryAnnouncer(console)) { clients -> ApplyRecord? in
            metrics.clients = clients
            let (plan, planID) = try await choosePlan(config: config, configBytes: configBytes, state: state, clients: clients, console: console)
            metrics.people = plan.people
            guard !plan.isEmpty else {
                // Converged: an interrupted earlier plan has nothing left to resume.
                try ApplyEngine.closeSupersededJournals(state, plan: plan, planID: planID, apply: nil)
                // Cron mails any output: a quiet night under -q prints nothing at all.
                if !global.quiet { console.out("No changes. 360Learning is in step with Personio.") }
                return nil
            }
            guard try confirm(plan, id: planID, console: console) else { throw ApplyCancelled.declined(plan: planID) }
            let progress = console.progress("applying", linesWithoutTerminal: true)
            defer { progress.done() }
            // Unattended, a tripped guard holds only the deletes (the night's hires do not wait); by hand, everything.
            let onGuard = config.sync.onGuard ?? (autoApprove ? .holdGuarded : .holdAll)
            var engine = ApplyEngine(
                config: config, configBytes: configBytes, state: state, client: try clients.learning360(config), allowDeletes: allowDeletes,
                holdOnlyDeletes: onGuard == .holdGuarded, allowBlanking: Set(allowBlanking), hooks: TestHooks.apply)
            engine.planFile = self.plan
            let (record, id, holding): (ApplyRecord, ObjectID, ApplyEngine.Holding)
            do {
                (record, id, holding) = try await engine.runHolding(plan, planID: planID, progress: { done, total in progress.update(done, total) })
            } catch ApplyEngine.Refusal.blankingHeld(let verdicts, _) {
                // Held whole (hold_all): the metric and the hooks still say which fields, as when the rest applied.
                metrics.blankingHeld = verdicts
                throw ApplyEngine.Refusal.blankingHeld(verdicts, planFile: self.plan)
            }
            progress.done()
            metrics.blankingHeld = holding.blanking
            metrics.applied(record)
            console.out(ApplyView.text(record, id: id, console: console))
            return record
        }
        if config.state.autoGc {
            // state.gc: auto: retention after every apply, under the same lock.
            let report = try state.gc(policy: config.state.keep, dryRun: false, now: Invocation.now, hooks: TestHooks.retention)
            console.info(report.summary)
        }
        if let record, record.results.contains(where: { $0.status == .failed }) { throw ExitCode(ExitStatus.partialFailure) }
        let heldDeletes = record?.results.filter { $0.isHeld && $0.action.kind == .deleteUser }.count ?? 0
        if !metrics.blankingHeld.isEmpty { throw BlanksHeld(verdicts: metrics.blankingHeld, deletes: heldDeletes) }
        if heldDeletes > 0 { throw DeletesHeld(count: heldDeletes) }
    }

    /// `--allow-blanking` names a synced field: a profile field or a configured custom field (a usage error otherwise).
    static func checkBlankingFields(_ names: [String], _ sync: SyncSettings) throws {
        let known = BlankingGuard.fieldNames(sync)
        for name in names where !known.contains(name) {
            let close = Suggestion.closest(to: name, in: known)
            throw ValidationError(
                "--allow-blanking '\(TerminalText.escape(name))' is not a synced field"
                    + (close.map { "; did you mean '\(TerminalText.escape($0))'?" } ?? "")
                    + " (synced: \(known.map(TerminalText.escape).joined(separator: ", ")))")
        }
    }

    /// Edit distance, for the suggestion.

    /// The saved plan, or a fresh one (pull, plan, show).
    func choosePlan(config: HRSyncConfig, configBytes: Data, state: StateDirectory, clients: Clients, console: Console) async throws -> (Plan, ObjectID) {
        if let plan {
            guard !person.isTargeted else {
                throw ValidationError("a saved plan is applied whole: plan it with 'hrsync plan --person P -o FILE' instead of --person here")
            }
            let (saved, id) = try PlanFile.load(plan, state: state)
            try SpentPlan.check(id, state: state)
            return (saved, id)
        }
        if person.isTargeted {
            let outcome = try await TargetedRun.plan(
                person.distinct, config: config, configBytes: configBytes, state: state, clients: clients, console: console)
            show(outcome, console: console)
            return (outcome.plan, outcome.id)
        }
        try await PullRun(only: nil, force: false, json: global.json, summariesToStderr: true).run(
            config: config, state: state, clients: clients, console: console)
        var engine = PlanEngine(config: config, configBytes: configBytes, state: state)
        if let today = TestHooks.today { engine.today = today }
        let outcome = try engine.run()
        show(outcome, console: console)
        return (outcome.plan, outcome.id)
    }

    /// The plan before it runs. Under -q the apply's summary stands for the plan ('hrsync show' has it
    /// all): a first full run from cron mails a few lines, not thousands, and only warnings that are new
    /// since the last plan (a quiet night mails nothing).
    func show(_ outcome: PlanEngine.Outcome, console: Console) {
        let view = PlanView(outcome.plan, lms: outcome.lms, console: console, rendering: .init(outcome))
        guard global.quiet else { return console.out(view.text()) }
        let new = view.newWarnings()
        guard !new.isEmpty else { return }
        let lines = PlanView.groupedWarnings(new, all: false)
        let cap = 10
        console.out(
            "\(Plural.count(new.count, "new warning")) in plan \(outcome.id.short) ('hrsync show \(outcome.id.short)' lists every warning):\n"
                + lines.prefix(cap).map { "  ! \(TerminalText.escape($0))" }.joined(separator: "\n")
                + (lines.count > cap ? "\n  … \(lines.count - cap) more" : ""))
    }

    func confirm(_ plan: Plan, id: ObjectID, console: Console) throws -> Bool {
        if autoApprove || self.plan != nil { return true }
        guard isatty(STDIN_FILENO) == 1 else { throw ApplyCancelled.noTerminal(plan: id) }
        FileHandle.standardError.write(
            Data("Apply \(plan.actions.count == 1 ? "this action" : "these \(plan.actions.count) actions") to \(plan.target)? Only 'yes' applies: ".utf8))
        return readLine()?.trimmed.lowercased() == "yes"
    }
}

/// An apply that nobody confirmed (exit 1): nothing was changed, and the log says so and why.
enum ApplyCancelled: Error, LocalizedError {
    /// The answer at the prompt was not 'yes'.
    case declined(plan: ObjectID)
    /// Without --auto-approve and with no terminal to ask on.
    case noTerminal(plan: ObjectID)

    /// The key of the log entry's `outcome` that marks it.
    static let outcomeKey = "cancelled"

    var errorDescription: String? {
        switch self {
        case .declined: "apply cancelled; nothing was changed"
        case .noTerminal: "not a terminal: review with 'hrsync plan', then run 'hrsync apply --auto-approve' (or apply a saved plan)"
        }
    }

    /// The log's line for it: what happened to which plan, and why.
    var logSummary: String {
        switch self {
        case .declined(let plan): "cancelled: not confirmed at the prompt (only 'yes' applies); plan \(plan.short) was not applied, nothing was changed"
        case .noTerminal(let plan):
            "cancelled: no terminal to confirm on and no --auto-approve; plan \(plan.short) was not applied, nothing was changed"
        }
    }
}

/// `on_guard: hold_guarded`: the rest applied, the blanks of the held fields (and held deletes) wait (exit 3).
struct BlanksHeld: Error, LocalizedError, GuardRefusal {
    let verdicts: [BlankingGuard.Verdict]
    let deletes: Int
    var errorDescription: String? {
        "blanks held by the blanking guard: \(verdicts.map(BlankingGuard.describe).joined(separator: "; "))"
            + (deletes > 0 ? "; \(Plural.count(deletes, "delete")) held by the deletion guard (sync.max_deletes)" : "")
            + "; everything else was applied. Run 'hrsync apply \(BlankingGuard.allowOptions(verdicts.map(\.field)))"
            + (deletes > 0 ? " --allow-deletes \(deletes)" : "") + "' if they are real"
    }
}

/// `on_guard: hold_guarded`: the rest applied, the deletes wait (exit 3).
struct DeletesHeld: Error, LocalizedError, GuardRefusal {
    let count: Int
    var errorDescription: String? {
        "\(Plural.count(count, "delete")) held by the deletion guard (sync.max_deletes); everything else was applied. Run 'hrsync apply --allow-deletes \(count)' if they are real"
    }
}
