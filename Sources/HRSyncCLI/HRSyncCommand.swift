import ArgumentParser
import Foundation
import HRSyncCore
import HRSyncEngine

/// `hrsync`: keeps 360Learning in step with Personio, git-style snapshots plus terraform-style plans.
public struct HRSyncCommand: AsyncParsableCommand {
    /// What `hrsync --version` prints.
    public static let version = "0.1.0"

    /// The command tree of hrsync(1): name, help text, version and the subcommands in the order `--help` lists them.
    public static let configuration = CommandConfiguration(
        commandName: "hrsync",
        abstract: "Keep 360Learning in step with Personio: pull, diff, plan, apply, log.",
        discussion: """
            hrsync stores zlib-compressed snapshots of both systems in a state directory (pull), \
            compares them (diff), computes a reviewable change plan (plan), executes it (apply) and \
            keeps a history of every run (log, show). See 'man hrsync' (scripts/install.sh installs it; \
            in a clone: man ./Man/hrsync.1), and the sync rules and README (installed in share/doc/hrsync; \
            in a clone: docs/sync-rules.md and README.md).
            """,
        version: version,
        subcommands: [
            InitCommand.self, PullCommand.self, DiffCommand.self, PlanCommand.self, ApplyCommand.self,
            StatusCommand.self, DiscoverCommand.self, CheckCommand.self, LogCommand.self, ShowCommand.self, ExplainCommand.self,
            UpcomingCommand.self, RevertCommand.self, ReleaseCommand.self, FsckCommand.self, GcCommand.self, ForgetCommand.self
        ])

    /// For ArgumentParser; `runAndExit` and `run` are the entry points.
    public init() {}

    /// The global options that take a value (`GlobalOptions`), as they may come before the command.
    static let globalOptionsWithValue = ["-c", "--config", "--state"]
    /// The global flags (`GlobalOptions`), as they may come before the command.
    static let globalFlags = ["--json", "--no-color", "-q", "--quiet", "-v", "--verbose"]

    /// `hrsync -c FILE log` means `hrsync log -c FILE`: global options may come before the command.
    static func hoistingGlobalOptions(_ arguments: [String]) -> [String] {
        let withValue = Set(globalOptionsWithValue)
        let flags = Set(globalFlags)
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if withValue.contains(argument), index + 1 < arguments.count {
                leading += [argument, arguments[index + 1]]
                index += 2
            } else if flags.contains(argument) || withValue.contains(where: { argument.hasPrefix("\($0)=") }) {
                leading.append(argument)
                index += 1
            } else {
                break
            }
        }
        guard !leading.isEmpty, index < arguments.count else { return arguments }
        return [arguments[index]] + leading + arguments[(index + 1)...]
    }

    /// Runs the command line and exits with the exit status of hrsync(1) (Man/hrsync.1, EXIT STATUS); errors become one line on stderr.
    public static func runAndExit(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) async -> Never {
        MallocArenas.limit()
        // A bare `hrsync` is a usage error (like git): the help goes to stderr, exit 64.
        if arguments.isEmpty {
            Console.err(helpMessage())
            Foundation.exit(ExitStatus.usage)
        }
        // The demo moved out of the production binary (it would link the emulators): say where.
        if arguments.first == "demo" {
            Console.err("hrsync: 'demo' is now 'hrsync-sandbox demo' (in a clone: swift run hrsync-sandbox demo)")
            Foundation.exit(ExitStatus.usage)
        }
        // bash's script as ArgumentParser writes it, taught the global options before the command.
        if arguments == ["--generate-completion-script", "bash"] || arguments == ["--generate-completion-script=bash"] {
            print(BashCompletion.script())
            Foundation.exit(ExitStatus.success)
        }
        if let unknown = unknownCommand(in: hoistingGlobalOptions(arguments)) {
            Console.err("hrsync: error: \(unknown)")
            Foundation.exit(ExitStatus.usage)
        }
        do {
            try await execute(arguments)
            Foundation.exit(ExitStatus.success)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            guard let code = ExitStatus.code(for: error) else {
                // A usage error in hrsync's one error style; --help and --version as ArgumentParser prints them.
                guard exitCode(for: error).rawValue != 0 else { self.exit(withError: error) }
                Console.err(usageError(fullMessage(for: error)))
                Foundation.exit(exitCode(for: error).rawValue)
            }
            Console.err("hrsync: error: \(TerminalText.escape(error.localizedDescription))")
            Foundation.exit(code)
        }
    }

    /// Runs one hrsync command line in this process and returns its exit status, as `hrsync` would
    /// exit: for `hrsync-sandbox demo`, which shows the real commands without spawning a binary.
    public static func run(_ arguments: [String]) async -> Int32 {
        do {
            try await execute(arguments)
            return ExitStatus.success
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch {
            guard let code = ExitStatus.code(for: error) else {
                Console.err(fullMessage(for: error))
                return exitCode(for: error).rawValue
            }
            Console.err("hrsync: error: \(TerminalText.escape(error.localizedDescription))")
            return code
        }
    }

    /// "unknown command 'plna'; did you mean 'plan'?" when the first word is no command, else nil.
    static func unknownCommand(in arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        guard !names.contains(first) else { return nil }
        let near = Suggestion.closest(to: first, in: names)
        return "unknown command '\(TerminalText.escape(first))'" + (near.map { "; did you mean '\($0)'?" } ?? "") + " (see 'hrsync --help')"
    }

    /// ArgumentParser's "Error: …" first line as `hrsync: error: …`; the usage lines after it stay.
    static func usageError(_ message: String) -> String {
        let text = message.hasPrefix("Error: ") ? String(message.dropFirst("Error: ".count)) : message
        return "hrsync: error: " + text
    }

    static func execute(_ arguments: [String]) async throws {
        Invocation.fixedNow = TestHooks.now
        var command = try parseAsRoot(PersonOption.collapsingRepeats(hoistingGlobalOptions(arguments)))
        if var asyncCommand = command as? AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    }
}
