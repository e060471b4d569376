import ArgumentParser

struct ForgetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Erase one person from all stored snapshots (right to erasure).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "An email or a Personio id.")
    var person: String

    func run() async throws {
        throw CLIError.notBuiltYet(command: "forget")
    }
}
