import ArgumentParser

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Pull (unless --offline), compute the changes 360Learning needs, and print them.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .short, help: ArgumentHelp("Also save the plan to this file.", valueName: "file"))
    var output: String?

    @Flag(help: "Plan from the latest stored snapshots without pulling.")
    var offline = false

    @Flag(name: .customLong("detailed-exitcode"), help: "Exit 0 when there are no changes, 2 when there are.")
    var detailedExitcode = false

    func run() async throws {
        throw CLIError.notBuiltYet(command: "plan")
    }
}
