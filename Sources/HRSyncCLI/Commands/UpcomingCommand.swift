import ArgumentParser
import Foundation
import HRSyncCore
import HRSyncEngine

struct UpcomingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upcoming",
        abstract: "List, per day, the dated events the rules will act on: pre-start creations, deactivations, deletions.",
        discussion: """
            From the latest stored snapshots (run 'hrsync pull' first for fresh data): refused (exit 3) when they \
            were pulled with another config, and says their age when they predate the last apply. Days are calendar days \
            in sync.timezone. To see the whole plan on one of those days: 'hrsync plan --as-of DATE'.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("How many days ahead to look, today included (1 to 366).", valueName: "n"))
    var days = 30

    func validate() throws {
        guard (1...366).contains(days) else { throw ValidationError("--days must be from 1 to 366, got \(days)") }
    }

    func run() async throws {
        let context = try CommandContext.open(global)
        let checked = try context.checkedSnapshots()
        var engine = PlanEngine(config: context.config, configBytes: context.configBytes, state: context.state)
        if let today = TestHooks.today { engine.today = today }
        let events = try engine.upcoming(days: days - 1, checked)
        let view = UpcomingView(events: events, today: engine.today, days: days, zone: context.config.sync.timezone)
        context.console.out(global.json ? try JSONOutput.render(view) : view.text(context.console))
    }
}
