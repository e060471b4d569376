import ArgumentParser
import HRSyncStore

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one log entry or object in full.",
        discussion: "ID is a log entry id (prefix, 7+ hex digits); REV is a snapshot revision as in 'hrsync diff'.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A log entry id, an object id prefix, or a REV.")
    var target: String

    func run() async throws {
        let state = try Workspace.load(global, requireConfig: false).openState()
        let console = Console(global)
        let model = try ShowModel.load(target, from: state)
        console.out(global.json ? try model.json() : model.text(console: console))
    }
}
