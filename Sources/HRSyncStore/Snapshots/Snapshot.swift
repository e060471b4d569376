import Foundation

/// A snapshot as callers see it: a kind (`personio`, `360learning`), metadata, and records by key.
/// Each record is canonical JSON (one line, stable key order), so equal data is equal bytes.
public struct Snapshot: Sendable {
    /// Set when read from the store; nil on one about to be written.
    public var id: ObjectID?
    /// `personio` or `360learning`: which side, and so which records and ref.
    public var kind: String
    /// When it was pulled; `@{DATE}` and gc's keep rules go by it.
    public var takenAt: Date
    /// Its side's previous snapshot, set when read (`write` takes the parent as an argument).
    public var parent: ObjectID?
    /// Facts about the pull: `base_url`, counts, warnings, `partial` on a targeted run's.
    public var meta: [String: String]
    /// Canonical JSON records by key (a Personio id, a 360Learning record key), one line each.
    public var records: [String: Data]

    /// A snapshot to write; `id` and `parent` stay nil until it is read back.
    public init(kind: String, takenAt: Date, meta: [String: String] = [:], records: [String: Data]) {
        self.kind = kind
        self.takenAt = takenAt
        self.meta = meta
        self.records = records
    }
}

/// What a snapshot is without its records: for `log`, `show`, fsck and REV resolution.
public struct SnapshotInfo: Sendable, Equatable {
    /// The snapshot's object id.
    public var id: ObjectID
    /// `personio` or `360learning`.
    public var kind: String
    /// When it was pulled.
    public var takenAt: Date
    /// Its side's previous snapshot; nil for the first, and for a targeted run's partial one.
    public var parent: ObjectID?
    /// How many records it holds.
    public var count: Int
    /// The pull's facts, as in `Snapshot.meta`.
    public var meta: [String: String]
    /// Its manifest lists only the changes against its parent (`show` says so).
    public var isDelta: Bool
    /// The packs its own manifest names: all of them for a full one, those of its changes for a delta.
    public var packs: [ObjectID]
}

/// Record-level differences between two snapshots, by key.
public struct SnapshotChanges: Sendable, Equatable {
    /// Keys only the newer snapshot has, sorted.
    public var added: [String] = []
    /// Keys of both whose records differ, sorted.
    public var changed: [String] = []
    /// Keys only the older snapshot has, sorted.
    public var removed: [String] = []

    /// The two snapshots hold the same records.
    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }
}
