import ArgumentParser
import Foundation
import HRSyncCore
import HRSyncEngine

#if canImport(Glibc)
    import Glibc
#endif

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Preflight for a written config, read-only: one line per item; exit 0 when all pass, 1 otherwise.",
        discussion: """
            Checks that the config parses, the state directory exists with mode 700, each credential gets a token \
            and the reads answer (the write scopes are listed as needed, not verified), every synced group exists, \
            the hierarchy attributes and custom-field keys are readable on at least one employee, admin_email is an \
            active admin or owner, the base URLs are https (or loopback), the clock agrees with the vendors' within \
            5 minutes, and counts what the first apply would do. Writes nothing to either system and stores nothing.
            """)

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let console = Console(global)
        var items: [CheckItem] = []
        let file: ConfigFile
        do {
            guard FileManager.default.fileExists(atPath: global.config) else { throw CLIError.configMissing(path: global.config) }
            file = try ConfigFile.read(global.config)
            items.append(CheckItem("config", .pass, "\(global.config) parses"))
        } catch {
            items.append(CheckItem("config", .fail, error.localizedDescription))
            return try finish(items, console)
        }
        let config = file.config
        let statePath = global.stateDirectory ?? Workspace.resolve(config.state.dir, relativeTo: global.config)
        var info = stat()
        let exists = stat(statePath, &info) == 0
        items.append(
            PreflightRules.stateDirectory(
                path: statePath, isDirectory: exists && info.st_mode & S_IFMT == S_IFDIR, mode: exists ? UInt16(info.st_mode & 0o7777) : nil))
        let checked = try? await Clients.using(rateLimitScale: TestHooks.rateLimitScale) { clients -> [CheckItem] in
            do {
                return await Preflight(config: config, personio: try clients.personio(config), learning360: try clients.learning360(config)).run()
            } catch {
                return [CheckItem("clients", .fail, error.localizedDescription)]
            }
        }
        items += checked ?? [CheckItem("clients", .fail, "the connections could not be set up")]
        try finish(items, console)
    }

    func finish(_ items: [CheckItem], _ console: Console) throws {
        console.out(global.json ? try JSONOutput.snakeCase(CheckView.Document(items: items)) : CheckView.text(items, console: console))
        if items.contains(where: { $0.status == .fail }) { throw ExitCode(ExitStatus.error) }
    }
}
