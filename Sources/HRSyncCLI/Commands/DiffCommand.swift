import ArgumentParser

struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show record-level differences between two snapshots.",
        discussion: """
            REV is personio or 360learning (latest snapshot of that side), with ~N (N snapshots earlier) \
            or @{DATE} (latest at or before DATE), or an id prefix of at least 7 hex digits. \
            Default: the last two Personio snapshots.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Up to two revisions, then optional people (email or Personio id).")
    var arguments: [String] = []

    @Flag(help: "Only counts per kind of change.")
    var stat = false

    @Flag(name: .customLong("name-only"), help: "Only the names of the changed people.")
    var nameOnly = false

    func validate() throws {
        if stat && nameOnly { throw ValidationError("--stat and --name-only exclude each other") }
    }

    func run() async throws {
        throw CLIError.notBuiltYet(command: "diff")
    }
}
