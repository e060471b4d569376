/// An id as people type it: at least 7 hex digits of one, any case. The one rule, and the one
/// "exactly one match, or say which" check, for objects, log entries, removed ids and applies.
public struct IDPrefix: Sendable, Equatable {
    /// The prefix, lowercased.
    public let text: String

    /// Nil when `given` is shorter than 7 characters or not all hex digits.
    public init?(_ given: String) {
        guard given.count >= 7, given.allSatisfy(\.isHexDigit) else { return nil }
        text = given.lowercased()
    }

    /// Whether `id` (lowercase hex, as hrsync writes ids) starts with the prefix.
    public func matches(_ id: String) -> Bool { id.hasPrefix(text) }

    /// The one candidate whose id starts with the prefix, nil for none; more than one is ambiguous.
    public func unique<T>(_ candidates: some Sequence<T>, id: (T) -> String) throws -> T? {
        try unique(candidates, ids: { [id($0)] })
    }

    /// The same for candidates known by more than one id (an apply: its record's and its log entry's).
    public func unique<T>(_ candidates: some Sequence<T>, ids: (T) -> [String]) throws -> T? {
        let found = candidates.filter { ids($0).contains(where: matches) }
        guard found.count <= 1 else { throw StoreError.ambiguousObject(prefix: text, candidates: found.map { ids($0)[0] }.sorted()) }
        return found.first
    }
}
