import Foundation

/// The key of one 360Learning snapshot record: `user:<id>`, `map:<personio id>`, `field:<id>`,
/// `group:<id>`, `role:<group>/<user>`, `admin`, `read:managers`. The one place that spells and
/// parses them: the snapshot codec writes and reads records through it, and forget and gc read
/// snapshots only through that codec.
public enum LMSRecordKey: Hashable, Sendable {
    /// A 360Learning user, by user id.
    case user(String)
    /// An external-id mapping, by Personio id (as text: the vendor's mapping key).
    case mapping(String)
    /// A custom-field definition, by field id.
    case field(String)
    /// A group, by group id.
    case group(String)
    /// The roles of one user in one group.
    case role(RoleKey)
    /// The connector admin as looked up at pull time.
    case admin
    /// Which users' manager lists the pull read.
    case managersRead

    /// The key as stored.
    public var text: String {
        switch self {
        case .user(let id): "user:\(id)"
        case .mapping(let id): "map:\(id)"
        case .field(let id): "field:\(id)"
        case .group(let id): "group:\(id)"
        case .role(let key): "role:\(key.group)/\(key.user)"
        case .admin: "admin"
        case .managersRead: "read:managers"
        }
    }

    /// The first bytes of a role, user and mapping key (what `isRole`, `isUser` and `isMapping` check).
    public static let rolePrefix = "role:", userPrefix = "user:", mappingPrefix = "map:"

    /// Whether `text` spells a role key, as `init` reads it: by its bytes (`role:` first), so a
    /// combining mark after the colon does not hide it.
    public static func isRole(_ text: String) -> Bool {
        startsWith(text, rolePrefix) { _ in true }
    }

    /// Whether `text` spells a user key (`user:` first), by its bytes.
    public static func isUser(_ text: String) -> Bool {
        startsWith(text, userPrefix) { _ in true }
    }

    /// Whether `text` spells a mapping key (`map:` first), by its bytes.
    public static func isMapping(_ text: String) -> Bool {
        startsWith(text, mappingPrefix) { _ in true }
    }

    /// Whether `text` is a role key `init` reads (`role:`, then a slash), told by its bytes alone:
    /// a snapshot's role records name their group and user themselves, so decoding one needs its
    /// key checked, not parsed into two strings (266,000 roles at 100,000 employees).
    public static func isWellFormedRole(_ text: String) -> Bool {
        startsWith(text, rolePrefix) { rest in rest.contains(UInt8(ascii: "/")) }
    }

    /// Whether `text`'s bytes start with `prefix`'s and `rest` holds for the bytes after, read in
    /// place (a `Sequence` walk of `String.UTF8View` was a byte at a time, on every key of a snapshot).
    private static func startsWith(_ text: String, _ prefix: String, _ rest: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        var text = text, prefix = prefix
        return text.withUTF8 { bytes in
            prefix.withUTF8 { head in
                guard bytes.count >= head.count, let start = bytes.baseAddress, let headStart = head.baseAddress,
                    memcmp(start, headStart, head.count) == 0
                else { return false }
                return rest(UnsafeBufferPointer(rebasing: bytes[head.count...]))
            }
        }
    }

    /// Parses a stored key; nil for anything hrsync does not write (a damaged or foreign record).
    public init?(_ text: String) {
        // Split on the separators' bytes, not Characters: a value that starts with a combining
        // mark fuses with the colon into one Character and would hide it (found by Fuzz/manifest).
        if text == "admin" { self = .admin; return }
        let bytes = text.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let rest = String(decoding: bytes[bytes.index(after: colon)...], as: UTF8.self)
        switch String(decoding: bytes[..<colon], as: UTF8.self) {
        case "user": self = .user(rest)
        case "map": self = .mapping(rest)
        case "field": self = .field(rest)
        case "group": self = .group(rest)
        case "read" where rest == "managers": self = .managersRead
        case "role":
            let tail = bytes[bytes.index(after: colon)...]
            guard let slash = tail.firstIndex(of: UInt8(ascii: "/")) else { return nil }
            self = .role(
                RoleKey(
                    group: String(decoding: tail[..<slash], as: UTF8.self),
                    user: String(decoding: tail[tail.index(after: slash)...], as: UTF8.self)))
        default: return nil
        }
    }
}
