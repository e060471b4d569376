import ArgumentParser

struct GcCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Remove snapshots and plans older than state.keep (the log keeps their ids).")

    @OptionGroup var global: GlobalOptions

    @Flag(name: .customLong("dry-run"), help: "Only say what would be removed.")
    var dryRun = false

    func run() async throws {
        throw CLIError.notBuiltYet(command: "gc")
    }
}
