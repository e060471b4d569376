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
            for warning in permissionWarnings(configPath: configPath, config: config!) { Console(options).warn(warning) }
        } else if requireConfig || options.stateDirectory == nil {
            throw CLIError.configMissing(path: configPath)
        }
        let statePath = options.stateDirectory ?? resolve(config!.state.dir, relativeTo: configPath)
        return Workspace(configPath: configPath, config: config, statePath: statePath)
    }

    static func loadConfig(at path: String) throws -> HRSyncConfig {
        let data = try FileSystemReader.regularFile(path, limit: 1 << 20)
        guard let text = String(data: data, encoding: .utf8) else {
            throw CLIError.unreadable(path: path, reason: "not UTF-8 text")
        }
        return try ConfigLoader.load(yaml: text, file: path)
    }

    /// A config others can write redirects the sync (and its secrets); a secret file others can
    /// read is a leaked credential. Both are allowed (the admin may have reasons) but said aloud.
    static func permissionWarnings(configPath: String, config: HRSyncConfig) -> [String] {
        var warnings: [String] = []
        var info = stat()
        if stat(configPath, &info) == 0, info.st_mode & 0o022 != 0 {
            warnings.append("\(configPath) is writable by group or others (mode \(String(info.st_mode & 0o777, radix: 8))): whoever can edit it can point the sync elsewhere; chmod 600 \(configPath)")
        }
        let secrets = [config.personio.clientID, config.personio.clientSecret, config.learning360.clientID, config.learning360.clientSecret]
        for case .file(let path) in secrets {
            let resolved = path   // as SecretReader opens it
            if stat(resolved, &info) == 0, info.st_mode & 0o077 != 0 {
                warnings.append("the secret file \(resolved) is readable by group or others (mode \(String(info.st_mode & 0o777, radix: 8))); chmod 600 \(resolved)")
            }
        }
        return warnings
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

