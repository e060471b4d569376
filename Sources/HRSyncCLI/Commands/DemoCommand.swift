import ArgumentParser

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole flow against the bundled sandbox in a temporary directory.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Employees in the synthetic company.")
    var employees = 50

    func run() async throws {
        throw CLIError.notBuiltYet(command: "demo")
    }
}
