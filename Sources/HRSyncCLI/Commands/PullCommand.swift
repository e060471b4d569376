import ArgumentParser

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
        throw CLIError.notBuiltYet(command: "pull")
    }
}
