import HRSyncEngine
import ArgumentParser
import Foundation
import HRSyncCore
import HRSyncStore

struct PullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Fetch both systems, store compressed snapshots, and print what changed.",
        discussion: """
            Personio first, then 360Learning (whose per-user reads cover the users that match a Personio employee). \
            Refuses a Personio snapshot smaller than the previous one by more than sync.max_shrink (exit 3) unless --force.
            """)

    enum Side: String, ExpressibleByArgument, CaseIterable {
        case personio
        case learning360 = "360learning"
    }

    @OptionGroup var global: GlobalOptions

    @Option(help: "Fetch one side only (personio or 360learning).")
    var only: Side?

    @Flag(help: "Override the shrink guard.")
    var force = false

    func run() async throws {
        let console = Console(global)
        let workspace = try Workspace.load(global)
        let config = workspace.config!
        let state = try StateDirectory.open(at: workspace.statePath)
        let lock = try LockedRun.acquire(state, command: "pull", console: console)
        defer { lock.release() }
        try await Clients.using { clients in
            try await PullRun(only: only, force: force, json: global.json).run(config: config, state: state, clients: clients, console: console)
        }
    }
}

/// Both sides of a pull, for `pull` and for `plan`/`apply` (which pull first).
struct PullRun {
    var only: PullCommand.Side?
    var force: Bool
    var json: Bool
    /// Summaries to stderr (when stdout carries something else, like a plan).
    var summariesToStderr = false

    func run(config: HRSyncConfig, state: StateDirectory, clients: Clients, console: Console) async throws {
        var employees: [Int: Employee] = [:]
        if only != .learning360 {
            let progress = console.progress("personio")
            defer { progress.done() }
            let outcome = try await PersonioPull(config: config, state: state, client: try clients.personio(config), force: force)
                .run(progress: progress.update)
            progress.done()
            report(outcome, console: console)
            employees = outcome.current
        } else if let latest = try state.refs.get(Refs.personio) {
            employees = try PersonioSnapshotRecords.decode(try state.snapshots.read(latest).records)
        } else {
            console.warn("no Personio snapshot yet: no 360Learning user is read in detail (run 'hrsync pull' first)")
        }
        guard only != .personio else { return }
        let progress = console.progress("360learning users")
        defer { progress.done() }
        let outcome = try await Learning360Pull(config: config, state: state, client: try clients.learning360(config), employees: employees)
            .run(progress: progress.update)
        progress.done()
        for warning in outcome.warnings { console.warn(TerminalText.escape(warning)) }
        let changes = outcome.changes.map { "\($0.added.count) added, \($0.changed.count) changed, \($0.removed.count) removed records" } ?? "first snapshot"
        let line = "360learning: \(outcome.users) users (\(outcome.detailed) read in detail), \(outcome.groups) groups, snapshot \(outcome.snapshot.short) (\(changes))"
        if json || summariesToStderr { console.info(line) } else { console.out(line) }
    }

    func report(_ outcome: PersonioPull.Outcome, console: Console) {
        for warning in outcome.warnings { console.warn(TerminalText.escape(warning)) }
        for key in outcome.missingAttributes {
            console.warn("attribute '\(key)' is not in Personio's answer: the API credential cannot read it; hrsync leaves what it maps as it is")
        }
        if summariesToStderr {
            console.info("personio: \(outcome.employees) employees, snapshot \(outcome.snapshot.short) (\(outcome.previous == nil ? "first snapshot" : outcome.diff.summary))")
            return
        }
        if json {
            console.out((try? DiffView.json(outcome.diff, from: outcome.previous?.hex, to: outcome.snapshot.hex)) ?? "{}")
            return
        }
        let changes = outcome.previous == nil ? "first snapshot" : outcome.diff.summary
        console.out("personio: \(outcome.employees) employees, snapshot \(outcome.snapshot.short) (\(changes))")
        if outcome.previous != nil && !outcome.diff.changes.isEmpty {
            console.out(DiffView.text(outcome.diff, mode: .nameOnly, console: console, limit: 50))
        }
    }
}
