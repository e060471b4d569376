import ArgumentParser
import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncStore

struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show why one person gets the actions of the plan, rule by rule.",
        discussion:
            "One step per rule, numbered by its section of docs/sync-rules.md (§1 scope … §7 leavers), filters as hrsync.yaml writes them, groups by path; someone filtered out ends at the filter, with what would include them. Works on the latest stored snapshots (run 'hrsync pull' first for fresh data): refused (exit 3) when they were pulled with another config, and says their age when they predate the last apply."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "An email or a Personio id.")
    var person: String

    @OptionGroup var asOf: AsOfOption

    func run() async throws {
        let context = try CommandContext.open(global)
        let checked = try context.checkedSnapshots()
        var engine = PlanEngine(config: context.config, configBytes: context.configBytes, state: context.state)
        if let today = TestHooks.today { engine.today = today }
        let preview = try asOf.day
        if let preview { engine.today = preview }
        let (input, plan) = try engine.compute(checked)
        guard let wanted = PersonQuery(person) else { throw ValidationError("PERSON must be a Personio id or an email") }
        // In id order: an email two employees share names the same one every time.
        guard let employee = input.employees.values.sorted(by: { $0.id < $1.id }).first(where: wanted.matches) else {
            throw CLIError.nothingToShow("no Personio employee '\(TerminalText.escape(person))' in the latest snapshot")
        }
        var explanation = ExplainView.model(for: employee, input, plan: plan)
        explanation.asOf = preview
        // JSON escapes what it quotes; the text view escapes vendor data for the terminal.
        context.console.out(
            global.json
                ? try JSONOutput.render(explanation)
                : ExplainView.text(explanation).map(TerminalText.escape).joined(separator: "\n"))
    }
}
