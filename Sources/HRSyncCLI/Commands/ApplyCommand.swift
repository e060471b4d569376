import ArgumentParser

struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Execute a saved plan, or pull, plan, ask and execute.",
        discussion: "A plan that is stale, for another target, or held by the deletion guard is refused (exit 3).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A plan file written by 'hrsync plan -o'.")
    var plan: String?

    @Flag(name: .customLong("auto-approve"), help: "Do not ask (for cron).")
    var autoApprove = false

    @Option(name: .customLong("allow-deletes"), help: ArgumentHelp("Allow up to N deletes past the deletion guard.", valueName: "n"))
    var allowDeletes: Int?

    func run() async throws {
        throw CLIError.notBuiltYet(command: "apply")
    }
}
