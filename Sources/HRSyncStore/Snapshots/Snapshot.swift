import Foundation

/// A snapshot as callers see it: a kind (`personio`, `360learning`), metadata, and records by key.
/// Each record is canonical JSON (one line, stable key order), so equal data is equal bytes.
public struct Snapshot: Sendable {
    public var id: ObjectID?
    public var kind: String
    public var takenAt: Date
    public var parent: ObjectID?
    public var meta: [String: String]
    public var records: [String: Data]

    public init(kind: String, takenAt: Date, meta: [String: String] = [:], records: [String: Data]) {
        self.kind = kind
        self.takenAt = takenAt
        self.meta = meta
        self.records = records
    }
}

/// What a snapshot is without its records: for `log`, `show`, fsck and REV resolution.
public struct SnapshotInfo: Sendable, Equatable {
    public var id: ObjectID
    public var kind: String
    public var takenAt: Date
    public var parent: ObjectID?
    public var count: Int
    public var meta: [String: String]
    public var isDelta: Bool
    public var packs: [ObjectID]
}

/// Record-level differences between two snapshots, by key.
public struct SnapshotChanges: Sendable, Equatable {
    public var added: [String] = []
    public var changed: [String] = []
    public var removed: [String] = []

    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }
}
