import Foundation

/// `rewrites`: what became of objects that `gc` and `forget` removed, so ids in the log, in plans
/// and in the user's shell history keep meaning something. One line per old id:
///
///     <old id> <new id> <date>        rewritten (forget, or a snapshot whose chain gc shortened)
///     <old id> - <date>               collected by gc
///
/// Ids and dates only: no personal data (an id is a SHA-256 of content, not the content).
/// Written whole with `writeAtomically`, before any ref moves or any object is deleted, so an
/// interrupted gc or forget leaves every old id either present or accounted for here.
public struct RewriteMap: Sendable, Equatable {
    /// What became of one removed id, and when.
    public enum Fate: Sendable, Equatable {
        /// Written again as `to`: by forget, or a kept snapshot after one gc dropped.
        case rewritten(to: ObjectID, on: Date)
        /// Deleted by gc, nothing in its place.
        case collected(on: Date)
    }

    /// Each removed id's own fate, one step (`fate(of:)` follows rewrites of rewrites).
    public private(set) var entries: [ObjectID: Fate] = [:]

    /// A map of `entries`; empty, the map before any gc or forget.
    public init(entries: [ObjectID: Fate] = [:]) {
        self.entries = entries
    }

    /// Where `id` ended up after following rewrites (nil: never rewritten or collected).
    public func fate(of id: ObjectID) -> Fate? {
        var current = id, fate: Fate?
        for _ in 0..<64 {  // rewrites of rewrites; a loop (damage) stops here
            guard let next = entries[current] else { break }
            fate = next
            guard case .rewritten(let to, _) = next else { break }
            current = to
        }
        return fate
    }

    /// The id to read for `id`: itself, or what it was rewritten to (nil if collected).
    public func current(_ id: ObjectID) -> ObjectID? {
        switch fate(of: id) {
        case nil: id
        case .rewritten(let to, _)?: to
        case .collected?: nil
        }
    }

    /// Records what became of `old`, replacing an earlier fate; a rewrite to itself is no change.
    public mutating func record(_ old: ObjectID, _ fate: Fate) {
        if case .rewritten(let to, _) = fate, to == old { return }
        entries[old] = fate
    }

    /// The removed id starting with `prefix`, for REV resolution, and where it is now (nil:
    /// collected); nil when no removed id starts so, and more than one is ambiguous.
    public func removed(matching prefix: IDPrefix) throws -> (old: ObjectID, current: ObjectID?)? {
        try prefix.unique(entries.keys, id: \.hex).map { ($0, current($0)) }
    }

    // MARK: - The file

    static func path(in state: String) -> String { "\(state)/rewrites" }

    static var dateFormat: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter
    }

    static func load(_ path: String) throws -> RewriteMap {
        guard FileSystem.exists(path) else { return RewriteMap() }
        var map = RewriteMap()
        let dateFormat = Self.dateFormat
        for (index, line) in String(decoding: try FileSystem.read(path), as: UTF8.self).split(separator: "\n").enumerated() {
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count == 3, let old = ObjectID(hex: fields[0]), let date = dateFormat.date(from: fields[2]) else {
                throw StoreError.corruptObject(id: "rewrites", path: "\(path):\(index + 1)", reason: "a line must be '<old id> <new id or -> <date>'")
            }
            if fields[1] == "-" {
                map.entries[old] = .collected(on: date)
            } else if let new = ObjectID(hex: fields[1]) {
                map.entries[old] = .rewritten(to: new, on: date)
            } else {
                throw StoreError.corruptObject(id: "rewrites", path: "\(path):\(index + 1)", reason: "'\(fields[1])' is not an object id")
            }
        }
        return map
    }

    func encoded() -> Data {
        var text = ""
        let dateFormat = Self.dateFormat
        for (old, fate) in entries.sorted(by: { $0.key < $1.key }) {
            switch fate {
            case .rewritten(let to, let date): text += "\(old.hex) \(to.hex) \(dateFormat.string(from: date))\n"
            case .collected(let date): text += "\(old.hex) - \(dateFormat.string(from: date))\n"
            }
        }
        return Data(text.utf8)
    }
}

extension StateDirectory {
    /// `rewrites` in the state directory (Man/hrsync.1, FILES).
    public var rewritesPath: String { RewriteMap.path(in: path) }

    /// The map of removed ids (empty before the first gc or forget).
    public func rewrites() throws -> RewriteMap {
        try RewriteMap.load(rewritesPath)
    }

    func saveRewrites(_ map: RewriteMap) throws {
        try FileSystem.writeAtomically(map.encoded(), to: rewritesPath)
    }

    /// What to say about an id the log names that is no longer stored; nil when it is stored.
    public func removedNote(for id: ObjectID) -> String? {
        guard !objects.contains(id), let fate = try? rewrites().fate(of: id) else { return nil }
        let day = { (date: Date) in String(RewriteMap.dateFormat.string(from: date).prefix(10)) }
        switch fate {
        case .collected(let date): return "collected by gc on \(day(date))"
        case .rewritten(let to, let date): return "rewritten on \(day(date)) as \(to.short)"
        }
    }
}
