import ArgumentParser
import Foundation
import HRSyncCore
import HRSyncStore

struct PullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Fetch both systems, store compressed snapshots, and print what changed.",
        discussion: "Refuses a Personio snapshot smaller than the previous one by more than sync.max_shrink (exit 3) unless --force.")

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
        if only == .learning360 { throw CLIError.notBuiltYet(command: "pull --only 360learning") }
        let state = try StateDirectory.open(at: workspace.statePath)
        let lock = try LockedRun.acquire(state, command: "pull", console: console)
        defer { lock.release() }
        let clients = Clients()
        let pull = PersonioPull(config: config, state: state, client: try clients.personio(config), force: force)
        let progress = console.progress("personio")
        let outcome: PersonioPull.Outcome
        do {
            outcome = try await pull.run(progress: progress.update)
            progress.done()
            await clients.shutdown()
        } catch {
            progress.done()
            await clients.shutdown()
            throw error
        }
        for warning in outcome.warnings { console.warn(TerminalText.escape(warning)) }
        for key in outcome.missingAttributes {
            console.warn("attribute '\(key)' is not in Personio's answer: the API credential cannot read it; hrsync leaves what it maps as it is")
        }
        if global.json {
            console.out(try DiffView.json(outcome.diff, from: outcome.previous?.hex, to: outcome.snapshot.hex))
        } else {
            let changes = outcome.previous == nil ? "first snapshot" : outcome.diff.summary
            console.out("personio: \(outcome.employees) employees, snapshot \(outcome.snapshot.short) (\(changes))")
            if outcome.previous != nil && !outcome.diff.changes.isEmpty {
                console.out(DiffView.text(outcome.diff, mode: .nameOnly, console: console, limit: 50))
            }
        }
        if only == nil { console.warn("the 360learning side of pull is not built yet; pulled personio only") }
    }
}
