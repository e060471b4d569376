import Foundation

/// Where a replica's own files may go: never inside the state directory it copies, which hrsync
/// owns (a state file at `in/refs/personio` would overwrite production's ref).
public enum ReplicaPlace {
    /// A replica's file placed inside its source state directory.
    public struct InsideSource: Error, LocalizedError, Equatable {
        /// The file as given.
        public var file: String
        /// The source state directory as given.
        public var source: String

        /// What is wrong and what to do instead.
        public var errorDescription: String? {
            "--state \(file) is inside the state directory the replica copies (\(source)): writing there would damage it; give --state a file in a directory of its own"
        }
    }

    /// Throws `InsideSource` when `file` (existing or not) resolves, symlinks followed, to a path under
    /// (or equal to) `source`.
    public static func check(_ file: String, outside source: String) throws {
        let directory = resolved(source), target = resolved(file)
        if target == directory || target.hasPrefix(directory == "/" ? "/" : directory + "/") {
            throw InsideSource(file: file, source: source)
        }
    }

    /// The absolute path with every symlink of its longest existing prefix resolved (realpath), the
    /// parts not created yet appended with `.` and `..` taken as they would be on creation.
    static func resolved(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var existing = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var missing: [String] = []
        while true {
            let candidate = "/" + existing.joined(separator: "/")
            if let real = realpath(candidate, nil) {
                defer { free(real) }
                var parts = String(cString: real).split(separator: "/").map(String.init)
                for part in missing {
                    switch part {
                    case ".": continue
                    case "..": _ = parts.popLast()
                    default: parts.append(part)
                    }
                }
                return "/" + parts.joined(separator: "/")
            }
            guard let last = existing.popLast() else { return absolute }
            missing.insert(last, at: 0)
        }
    }
}
