import ArgumentParser
import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncStore

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Pull (unless --offline), compute the changes 360Learning needs, and print them.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .short, help: ArgumentHelp("Also save the plan to this file.", valueName: "file"), completion: .file(extensions: ["plan"]))
    var output: String?

    @OptionGroup var html: HTMLOption

    @OptionGroup var metricsFile: MetricsOption

    @Flag(
        help:
            "Plan from the latest stored snapshots without pulling (refused when they were pulled with another config; says their age when they predate the last apply)."
    )
    var offline = false

    @OptionGroup var person: PersonOption

    @OptionGroup var asOf: AsOfOption

    @Flag(name: .customLong("detailed-exitcode"), help: "Exit 0 when there are no changes, 2 when there are.")
    var detailedExitcode = false

    func validate() throws {
        guard asOf.text != nil else { return }
        // A preview is read-only: nothing stored, no lock, no run to report to monitoring.
        guard output == nil else { throw ValidationError("--as-of shows a preview that cannot be applied; it cannot be saved with -o") }
        guard !person.isTargeted else { throw ValidationError("--as-of plans from the latest snapshots; it cannot be combined with --person") }
        guard metricsFile.path == nil else {
            throw ValidationError("--as-of shows a preview, not a run: it writes no --metrics-file (its numbers are not today's plan)")
        }
    }

    func run() async throws {
        if let day = try asOf.day { return try preview(asOf: day) }
        let context = try CommandContext.open(global, outputs: [output, html.path, metricsFile.path])
        let (console, config, configBytes, state) = (context.console, context.config, context.configBytes, context.state)
        let lock = try context.lock("plan")
        defer { lock.release() }
        let metrics = RunMetrics(command: "plan", metricsFile, config: config)
        try await metrics.around(state: state, lock: lock, console: console) {
            if person.isTargeted {
                guard !offline else { throw ValidationError("--person pulls only those people; it cannot be combined with --offline") }
                let outcome = try await Clients.using(rateLimitScale: TestHooks.rateLimitScale, retryObserver: RetryAnnouncer(console)) { clients in
                    metrics.clients = clients
                    return try await TargetedRun.plan(
                        person.distinct, config: config, configBytes: configBytes, state: state, clients: clients, console: console)
                }
                return try show(outcome, console: console, metrics: metrics)
            }
            var engine = PlanEngine(config: config, configBytes: configBytes, state: state)
            if let today = TestHooks.today { engine.today = today }
            if offline {
                // The latest snapshots, as they are: refused when pulled for another config, their age when stale.
                let outcome = try engine.runOffline { checked in for note in checked.notes { console.warn(note) } }
                return try show(outcome, console: console, metrics: metrics)
            }
            // Pull output goes to stderr here: stdout carries the plan.
            try await Clients.using(rateLimitScale: TestHooks.rateLimitScale, retryObserver: RetryAnnouncer(console)) { clients in
                metrics.clients = clients
                try await PullRun(only: nil, force: false, json: global.json, summariesToStderr: true)
                    .run(config: config, state: state, clients: clients, console: console)
            }
            try show(try engine.run(), console: console, metrics: metrics)
        }
    }

    /// `--as-of DAY`: from the latest snapshots (checked like --offline), never stored, so never
    /// appliable; read-only, so it takes no lock (like `upcoming` and `explain`).
    func preview(asOf day: String) throws {
        let context = try CommandContext.open(global, outputs: [html.path])
        let engine = PlanEngine(config: context.config, configBytes: context.configBytes, state: context.state)
        try show(try engine.preview(asOf: day, try context.checkedSnapshots()), console: context.console, metrics: nil)
    }

    func show(_ outcome: PlanEngine.Outcome, console: Console, metrics: RunMetrics?) throws {
        KeptUntilExit.keep(outcome)
        if let output {
            // The stored object's exact bytes: `apply` runs a plan file only when they match.
            try PrivateFile.write(outcome.bytes, to: output)
            console.info("plan \(outcome.id.short) saved to \(output)")
        }
        try html.write(
            HTMLReport(plan: outcome.plan, planID: outcome.id.hex, lms: outcome.lms, when: Date(), earlierWarnings: outcome.earlierWarnings), console: console)
        console.out(
            global.json
                ? try PlanView.json(outcome.plan, id: outcome.id.hex)
                : PlanView.text(outcome.plan, lms: outcome.lms, console: console, rendering: .init(outcome)))
        metrics?.planned(outcome.plan)
        if detailedExitcode && !outcome.plan.isEmpty { throw ExitCode(ExitStatus.changesPresent) }
    }
}
