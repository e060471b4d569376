import Foundation
import HRSyncCore
import HRSyncStore

/// A config file read once: the exact bytes (hashed into each plan's `config_hash`) and what they parse to.
struct ConfigFile {
    var path: String
    var bytes: Data
    var config: HRSyncConfig

    static func read(_ path: String, purpose: ConfigLoader.Purpose = .sync) throws -> ConfigFile {
        let bytes = try FileSystemReader.regularFile(path, limit: 1 << 20)
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw CLIError.unreadable(path: path, reason: "not UTF-8 text")
        }
        return ConfigFile(path: path, bytes: bytes, config: try ConfigLoader.load(yaml: text, file: path, purpose: purpose))
    }
}

/// The config file and state directory a command works on, found from the global options.
struct Workspace {
    var configPath: String
    var file: ConfigFile?
    var statePath: String

    var config: HRSyncConfig? { file?.config }

    /// `requireConfig: false` lets store-only commands (log, show, fsck) run on `--state DIR` alone.
    static func load(_ options: GlobalOptions, requireConfig: Bool = true) throws -> Workspace {
        let configPath = options.config
        var file: ConfigFile?
        if FileManager.default.fileExists(atPath: configPath) {
            let read = try ConfigFile.read(configPath)
            for warning in permissionWarnings(configPath: configPath, config: read.config) { Console(options).alert(warning) }
            file = read
        } else if requireConfig {
            throw CLIError.configMissing(path: configPath)
        }
        guard let statePath = options.stateDirectory ?? file.map({ resolve($0.config.state.dir, relativeTo: configPath) }) else {
            throw CLIError.configMissing(path: configPath)
        }
        return Workspace(configPath: configPath, file: file, statePath: statePath)
    }

    /// The config, for the commands that cannot run without one.
    func requiredFile() throws -> ConfigFile {
        guard let file else { throw CLIError.configMissing(path: configPath) }
        return file
    }

    /// A config others can write redirects the sync (and its secrets); a secret file others can
    /// read is a leaked credential. Both are allowed (the admin may have reasons) but said aloud.
    static func permissionWarnings(configPath: String, config: HRSyncConfig) -> [String] {
        var warnings: [String] = []
        var info = stat()
        if stat(configPath, &info) == 0, info.st_mode & 0o022 != 0 {
            warnings.append(
                "\(configPath) is writable by group or others (mode \(String(info.st_mode & 0o777, radix: 8))): whoever can edit it can point the sync elsewhere; chmod 600 \(configPath)"
            )
        }
        let secrets = [config.personio.clientID, config.personio.clientSecret, config.learning360.clientID, config.learning360.clientSecret]
        for case .file(let path) in secrets {
            let resolved = path  // as SecretReader opens it
            if stat(resolved, &info) == 0, info.st_mode & 0o077 != 0 {
                warnings.append(
                    "the secret file \(resolved) is readable by group or others (mode \(String(info.st_mode & 0o777, radix: 8))); chmod 600 \(resolved)")
            }
        }
        return warnings
    }

    /// A path in the config is relative to the config file's folder, not to the working directory.
    static func resolve(_ path: String, relativeTo configPath: String) -> String {
        if path.hasPrefix("/") { return path }
        let folder = PathText.folder(of: configPath)
        return folder.isEmpty ? path : "\(folder)/\(path)"
    }

    func openState() throws -> StateDirectory {
        try StateDirectory.open(at: statePath)
    }
}
