import Foundation

/// What shell completion offers where a revision goes: the cheap names (no state directory is
/// read while the user types; ids come from `hrsync log`).
enum Completions {
    /// The newest applies, as `revert` and `show` take them.
    static let applies = ["HEAD", "HEAD~1", "HEAD~2", "HEAD~3"]
    /// Snapshot revisions, as `diff` takes them.
    static let snapshots = ["personio", "personio~1", "personio~2", "360learning", "360learning~1", "360learning~2"]

    /// `show`: the revisions, and the saved plan files (`*.plan`) where the word being completed points.
    static func showable(prefix: String) -> [String] {
        let words = (applies + snapshots).filter { $0.hasPrefix(prefix) }
        let slash = prefix.lastIndex(of: "/")
        let folder = slash.map { String(prefix[...$0]) } ?? ""
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        let plans = names.filter { $0.hasSuffix(".plan") && !$0.hasPrefix(".") }.map { folder + $0 }.filter { $0.hasPrefix(prefix) }.sorted()
        return words + plans
    }
}
