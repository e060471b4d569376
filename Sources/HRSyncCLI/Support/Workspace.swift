import Foundation
import HRSyncCore
import HRSyncStore

/// The config file and state directory a command works on, found from the global options.
struct Workspace {
    var configPath: String
    var config: HRSyncConfig?
    var statePath: String

    /// `requireConfig: false` lets store-only commands (log, show, fsck) run on `--state DIR` alone.
    static func load(_ options: GlobalOptions, requireConfig: Bool = true) throws -> Workspace {
        let configPath = options.config
        var config: HRSyncConfig?
        if FileManager.default.fileExists(atPath: configPath) {
            config = try loadConfig(at: configPath)
        } else if requireConfig || options.stateDirectory == nil {
            throw CLIError.configMissing(path: configPath)
        }
        let statePath = options.stateDirectory ?? resolve(config!.state.dir, relativeTo: configPath)
        return Workspace(configPath: configPath, config: config, statePath: statePath)
    }

    static func loadConfig(at path: String) throws -> HRSyncConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError.unreadable(path: path, reason: "permission denied or not a file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CLIError.unreadable(path: path, reason: "not UTF-8 text")
        }
        return try ConfigLoader.load(yaml: text, file: path)
    }

    /// A path in the config is relative to the config file's folder, not to the working directory.
    static func resolve(_ path: String, relativeTo configPath: String) -> String {
        if path.hasPrefix("/") { return path }
        let folder = (configPath as NSString).deletingLastPathComponent
        return folder.isEmpty ? path : "\(folder)/\(path)"
    }

    func openState() throws -> StateDirectory {
        try StateDirectory.open(at: statePath)
    }
}

