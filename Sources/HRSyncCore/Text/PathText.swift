/// File paths as text, without Foundation's `NSString.deletingLastPathComponent`, which traps on a
/// one-character path on Linux (`-o -`, `-c a` crashed hrsync with a stack trace).
public enum PathText {
    /// The folder part of `path`: everything before its last `/` ("" when it has none, "/" for a
    /// file at the root). Trailing slashes are dropped first, as `deletingLastPathComponent` does.
    public static func folder(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        let folder = trimmed[..<slash]
        return folder.isEmpty ? "/" : String(folder)
    }
}
