import Foundation

/// A word of a suggested command, written so that a POSIX shell reads it back as one word: a field
/// name such as "Cost center" in "run 'hrsync apply --allow-blanking …'" is pasted as is.
public enum ShellWord {
    /// `word` as it is when it is plain (`A-Z a-z 0-9 _ . -`), else in single quotes with an embedded
    /// single quote written `'\''` (the POSIX way); an empty word is `''`.
    public static func quote(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy { Self.plain.contains($0) }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static let plain = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-".unicodeScalars)
}
