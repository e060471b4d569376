import ArgumentParser
import Foundation
import HRSyncSandbox

/// `hrsync-sandbox`: the emulated Personio and 360Learning on 127.0.0.1, and what HR does in
/// Personio (hire, edit, move, terminate) for a person trying hrsync by hand.
@main
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hrsync-sandbox",
        abstract: "Serve emulated Personio and 360Learning APIs on 127.0.0.1 and change the emulated company, for trying hrsync without credentials.",
        discussion: """
            'serve' (the default) runs the sandbox and saves it to the state file (default sandbox.json, the name the README uses), \
            so a restarted sandbox keeps its people, platform and ports. The other commands talk to a running \
            sandbox found through that file: 'config' prints an hrsync.yaml for it; 'hire', 'edit', 'move' and \
            'terminate' change the company as HR would in Personio. 'serve --from-state DIR' serves instead a replica \
            of an hrsync state directory's latest snapshots (emails rewritten unless --keep-emails), and \
            'config --config PRODUCTION.yaml' prints a config for it with production's sync section.
            """,
        subcommands: [
            ServeCommand.self, ConfigCommand.self, ListCommand.self, HireCommand.self, EditCommand.self,
            MoveCommand.self, TerminateCommand.self, DemoCommand.self
        ],
        defaultSubcommand: ServeCommand.self)
}

/// Where a running sandbox is: its state file.
struct StateFileOption: ParsableArguments {
    @Option(name: .customLong("state"), help: ArgumentHelp("The sandbox's state file (default: sandbox.json).", valueName: "file"))
    var given: String?

    /// The state file: as given, or the default.
    var path: String { given ?? Self.defaultPath }

    /// `--state`'s default: the name the README uses.
    static let defaultPath = "sandbox.json"

    func read() throws -> SandboxState {
        // A sandbox started in the background a moment ago writes its file as soon as it listens.
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: path) { usleep(100_000) }
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("no sandbox state at \(path): start one with 'hrsync-sandbox serve --state \(path)'")
        }
        do { return try SandboxState.read(path) } catch {
            throw ValidationError("\(path) is not a sandbox state file (\(error.localizedDescription))")
        }
    }
}
