import Foundation
import HRSyncCore

/// REV forms of hrsync(1) (Man/hrsync.1, under diff; README "Commands"): `personio`, `360learning`, with `~N` (N snapshots earlier) and/or
/// `@{DATE}` (latest at or before DATE, git order: `personio@{DATE}~N`; a bare date means the end of that day, UTC), an
/// object id prefix of at least 7 hex digits, or `HEAD` / `HEAD~N` (the newest apply, N applies earlier).
public enum Revision {
    /// The object `text` names: a REV, a stored object's id prefix, or a removed id (what it was rewritten to). Throws
    /// `badRevision`, `unknownObject`, `ambiguousObject`, or `removed` for an id gc or forget removed with no stored successor.
    public static func resolve(_ text: String, in state: StateDirectory) throws -> ObjectID {
        if let back = headOffset(text) {
            guard let logged = try newestApply(back: back, in: state) else {
                throw StoreError.badRevision(text, reason: "the log has fewer than \(back + 1) applies")
            }
            guard let id = try state.history().currentID(of: logged) else { throw StoreError.removed(text, note: state.removedNote(for: logged) ?? "removed") }
            return id
        }
        let pattern = #"^(personio|360learning)(?:@\{([^}]+)\})?(?:~(\d*))?$"#
        let regex = try! NSRegularExpression(pattern: pattern)
        let range = NSRange(text.startIndex..., in: text)
        guard let match = regex.firstMatch(in: text, range: range) else {
            if let id = try state.objects.resolve(prefix: text) { return id }
            return try resolveRemoved(text, in: state)
        }
        func group(_ i: Int) -> String? {
            Range(match.range(at: i), in: text).map { String(text[$0]) }
        }
        let name = group(1)!
        guard let head = try state.refs.get(name) else {
            throw StoreError.badRevision(text, reason: "no \(name) snapshot yet (run 'hrsync pull')")
        }
        var history = try state.snapshots.history(from: head)
        if let dateText = group(2) {
            guard let date = parseDate(dateText) else {
                throw StoreError.badRevision(text, reason: "'\(dateText)' is not a date like 2026-11-20 or 2026-11-20T06:00:00Z")
            }
            history = history.filter { $0.takenAt <= date }
            guard !history.isEmpty else { throw StoreError.badRevision(text, reason: "no \(name) snapshot at or before \(dateText)") }
        }
        let back = group(3).map { $0.isEmpty ? 1 : Int($0) ?? .max } ?? 0
        guard back < history.count else {
            throw StoreError.badRevision(text, reason: "only \(Plural.count(history.count, "\(name) snapshot")) back from there")
        }
        return history[back].id
    }

    /// N for `HEAD` (0) and `HEAD~N` (`HEAD~` is 1): the newest apply and those before it, as
    /// `revert` and `show` take them; nil for any other text.
    public static func headOffset(_ text: String) -> Int? {
        guard text.hasPrefix("HEAD") else { return nil }
        let rest = text.dropFirst(4)
        if rest.isEmpty { return 0 }
        guard rest.first == "~" else { return nil }
        let digits = rest.dropFirst()
        if digits.isEmpty { return 1 }
        guard digits.count <= 9, digits.allSatisfy(\.isASCII), let back = Int(digits), back >= 0 else { return nil }
        return back
    }

    /// The record id (as logged) of the apply `back` applies before the newest; nil when the log has fewer.
    public static func newestApply(back: Int, in state: StateDirectory) throws -> ObjectID? {
        let applies = try state.log.events().filter { $0.kind == .apply && $0.writes.count == 1 }
        guard back < applies.count else { return nil }
        return applies[applies.count - 1 - back].writes[0]
    }

    /// An id gc or forget removed: what it was rewritten to, or why it is gone.
    static func resolveRemoved(_ text: String, in state: StateDirectory) throws -> ObjectID {
        guard let prefix = IDPrefix(text) else { throw StoreError.unknownObject(text) }
        guard let (old, current) = try state.rewrites().removed(matching: prefix) else { throw StoreError.unknownObject(text) }
        if let id = current, state.objects.contains(id) { return id }
        throw StoreError.removed(text, note: state.removedNote(for: old) ?? "removed")
    }

    static func parseDate(_ text: String) -> Date? {
        if let instant = ISO8601DateFormatter().date(from: text) { return instant }
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX")
        day.timeZone = TimeZone(identifier: "UTC")
        day.dateFormat = "yyyy-MM-dd"
        return day.date(from: text).map { $0.addingTimeInterval(86_400 - 0.001) }
    }
}
