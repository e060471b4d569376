import ArgumentParser

struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show why one person gets the actions of the plan, rule by rule.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "An email or a Personio id.")
    var person: String

    func run() async throws {
        throw CLIError.notBuiltYet(command: "explain")
    }
}
