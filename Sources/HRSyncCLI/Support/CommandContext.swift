import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncStore

/// What a command that syncs works on, found once from the global options: the config as read
/// (the bytes hashed into a plan are the bytes parsed) and the opened state directory.
struct CommandContext {
    var console: Console
    var configPath: String
    var configBytes: Data
    var config: HRSyncConfig
    var state: StateDirectory

    /// The config loaded, `outputs` checked not to be hrsync's own files, the state directory opened.
    static func open(_ options: GlobalOptions, outputs: [String?] = []) throws -> CommandContext {
        let workspace = try Workspace.load(options)
        try workspace.checkOutputs(outputs)
        let file = try workspace.requiredFile()
        return CommandContext(
            console: Console(options), configPath: file.path, configBytes: file.bytes, config: file.config,
            state: try workspace.openState())
    }

    /// For every command that reads the latest snapshots without pulling: refused (exit 3) when they were
    /// pulled with another config; the notes (their age when they predate the last apply) printed.
    func checkedSnapshots() throws -> OfflineSnapshots.Checked {
        let checked = try OfflineSnapshots.check(config, state: state)
        for note in checked.notes { console.warn(note) }
        return checked
    }

    /// The state directory's write lock, for a command that writes.
    func lock(_ command: String) throws -> StoreLock {
        try LockedRun.acquire(state, command: command, console: console)
    }
}
