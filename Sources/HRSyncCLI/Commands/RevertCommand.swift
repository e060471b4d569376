import ArgumentParser

struct RevertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revert",
        abstract: "Write a plan that undoes an apply.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The id (prefix) of an apply in 'hrsync log'.")
    var applyID: String

    @Option(name: .short, help: ArgumentHelp("Save the plan to this file.", valueName: "file"))
    var output: String?

    func run() async throws {
        throw CLIError.notBuiltYet(command: "revert")
    }
}
