import ArgumentParser
import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncStore

struct PullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Fetch both systems, store compressed snapshots, and print what changed.",
        discussion: """
            Personio first, then 360Learning (whose per-user reads cover the users that match a Personio employee). \
            Refuses a Personio snapshot smaller than the previous one by more than sync.max_shrink (exit 3) unless --force.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Fetch one side only (personio or 360learning).")
    var only: Pull.Side?

    @Flag(help: "Override the shrink guard.")
    var force = false

    @OptionGroup var metricsFile: MetricsOption

    func run() async throws {
        let context = try CommandContext.open(global, outputs: [metricsFile.path])
        let (console, config, state) = (context.console, context.config, context.state)
        let lock = try context.lock("pull")
        defer { lock.release() }
        let metrics = RunMetrics(command: "pull", metricsFile, config: config)
        try await metrics.around(state: state, lock: lock, console: console) {
            try await Clients.using(rateLimitScale: TestHooks.rateLimitScale, retryObserver: RetryAnnouncer(console)) { clients in
                metrics.clients = clients
                try await PullRun(only: only, force: force, json: global.json).run(config: config, state: state, clients: clients, console: console)
            }
        }
    }
}

extension Pull.Side: ExpressibleByArgument {}

/// `Pull` as the commands run it (`pull`, and `plan`/`apply`, which pull first): a progress line
/// per side on a terminal, then each side's summary.
struct PullRun {
    var only: Pull.Side?
    var force: Bool
    var json: Bool
    /// Summaries to stderr (when stdout carries something else, like a plan).
    var summariesToStderr = false

    func run(config: HRSyncConfig, state: StateDirectory, clients: Clients, console: Console) async throws {
        try clients.checkCredentials(config, personio: only != .learning360, learning360: only != .personio)
        let pull = Pull(
            config: config, state: state, personio: try clients.personio(config), learning360: try clients.learning360(config),
            only: only, force: force)
        let view = PullProgressView(run: self, console: console)
        defer { view.stop() }
        let outcome = try await pull.run(view)
        if outcome.noPersonioSnapshot {
            console.warn("no Personio snapshot yet: no 360Learning user is read in detail (run 'hrsync pull' first)")
        }
    }

    func report(_ outcome: PersonioPull.Outcome, console: Console) {
        for warning in outcome.warnings { console.warn(warning) }
        for key in outcome.missingAttributes {
            console.warn("attribute '\(key)' is not in Personio's answer: the API credential cannot read it; hrsync leaves what it maps as it is")
        }
        if summariesToStderr {
            console.info(
                "personio: \(outcome.employees) employees, snapshot \(outcome.snapshot.short) (\(outcome.previous == nil ? "first snapshot" : outcome.diff.summary))"
            )
            return
        }
        if json {
            console.out((try? DiffView.json(outcome.diff, from: outcome.previous?.hex, to: outcome.snapshot.hex)) ?? "{}")
            return
        }
        let changes = outcome.previous == nil ? "first snapshot" : outcome.diff.changes.isEmpty ? "no change" : outcome.diff.summary
        console.out("personio: \(outcome.employees) employees, snapshot \(outcome.snapshot.short) (\(changes))")
        if outcome.previous != nil && !outcome.diff.changes.isEmpty {
            console.out(DiffView.text(outcome.diff, mode: .nameOnly, console: console, limit: 50))
        }
    }

    func report(_ outcome: Learning360Pull.Outcome, console: Console) {
        for warning in outcome.warnings { console.warn(warning) }
        let line =
            "360learning: \(Plural.count(outcome.users, "user")) (\(outcome.detailed) read in detail), \(Plural.count(outcome.groups, "group")),"
            + " snapshot \(outcome.snapshot.short) (\(Learning360Pull.describe(outcome.changes)))"
        if json || summariesToStderr { console.info(line) } else { console.out(line) }
    }
}

/// The terminal's view of a running pull.
final class PullProgressView: PullObserver, @unchecked Sendable {
    let run: PullRun
    let console: Console
    private var line: ProgressLine?

    init(run: PullRun, console: Console) {
        self.run = run
        self.console = console
    }

    func started(_ side: Pull.Side) {
        line = console.progress(side == .personio ? "personio" : "360learning users")
    }

    func progress(_ side: Pull.Side, _ done: Int, _ total: Int?) { line?.update(done, total) }

    func finished(personio: PersonioPull.Outcome) {
        stop()
        run.report(personio, console: console)
    }

    func finished(learning360: Learning360Pull.Outcome) {
        stop()
        run.report(learning360, console: console)
    }

    func stop() {
        line?.done()
        line = nil
    }
}
