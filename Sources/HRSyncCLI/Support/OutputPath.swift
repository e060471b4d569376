import Foundation
import HRSyncCore

#if canImport(Glibc)
    import Glibc
#endif

/// The files a command writes for the user (`plan -o`, `revert -o`, `--html`, `--metrics-file`)
/// must not be hrsync's own: `-o .hrsync/log` erased the history, `-o hrsync.yaml` the config.
/// Compared as real paths, so `./x/../.hrsync/log` and a symlink into the state directory count.
extension Workspace {
    func checkOutputs(_ paths: String?...) throws {
        try checkOutputs(paths)
    }

    func checkOutputs(_ paths: [String?]) throws {
        let config = Self.realPath(configPath)
        let state = Self.realPath(statePath)
        for case let path? in paths {
            guard let target = Self.realPath(path) else { continue }
            if target == config { throw CLIError.ownFile(path: path, what: "the config file \(configPath)") }
            if let state, target == state || target.hasPrefix(state + "/") {
                throw CLIError.ownFile(path: path, what: "inside the state directory \(statePath)")
            }
        }
    }

    /// The file as the kernel would reach it: the whole path resolved when it exists (symlinks
    /// included), else its folder resolved plus its name; nil when the folder does not exist either.
    static func realPath(_ path: String) -> String? {
        if let full = resolve(path) { return full }
        let name = (path as NSString).lastPathComponent
        let folder = PathText.folder(of: path)
        return resolve(folder.isEmpty ? "." : folder).map { ($0 == "/" ? "" : $0) + "/" + name }
    }

    private static func resolve(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
