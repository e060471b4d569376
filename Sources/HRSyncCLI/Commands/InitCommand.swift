import ArgumentParser
import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncStore

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented hrsync.yaml and create the state directory.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Overwrite an existing config file.")
    var force = false

    func run() async throws {
        let console = Console(global)
        let path = global.config
        if FileManager.default.fileExists(atPath: path) && !force {
            // An existing config is kept; init then only makes sure the state directory exists.
            console.info("keeping existing \(path)")
        } else {
            try PrivateFile.write(Data(ConfigTemplate.text.utf8), to: path)
            console.info("wrote \(path): set learning360.admin_email, sync.groups and sync.custom_fields, then run 'hrsync plan'")
        }
        let workspace = try Workspace.load(global)
        let state = try StateDirectory.create(at: workspace.statePath)
        let lock = try LockedRun.acquire(state, command: "init", console: console)
        defer { lock.release() }
        try state.log.append(Invocation.event(.initialize, summary: "state directory ready at \(workspace.statePath)"))
        console.info("state directory ready at \(workspace.statePath)")
    }
}
