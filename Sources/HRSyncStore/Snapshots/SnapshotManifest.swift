import Foundation

/// Where one record lives: the `ordinal`-th line of the manifest's `packs[pack]`.
struct RecordRef: Equatable, Sendable {
    var pack: ObjectID
    var ordinal: Int
}

/// The `snapshot` object. A full manifest lists every record; a delta lists only what changed
/// against `base` (its parent), so an unchanged day costs a few hundred bytes. Chains are cut
/// after `SnapshotStore.maxChainDepth` deltas by writing a full manifest again.
struct SnapshotManifest: Codable, Sendable {
    static let currentFormat = 1

    struct Entry: Codable, Sendable, Equatable {
        var key: String
        var pack: Int
        var ordinal: Int

        init(key: String, pack: Int, ordinal: Int) {
            self.key = key
            self.pack = pack
            self.ordinal = ordinal
        }

        // [key, pack, ordinal]: a compact triple, since full manifests hold one per record.
        init(from decoder: Decoder) throws {
            var c = try decoder.unkeyedContainer()
            key = try c.decode(String.self)
            pack = try c.decode(Int.self)
            ordinal = try c.decode(Int.self)
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.unkeyedContainer()
            try c.encode(key)
            try c.encode(pack)
            try c.encode(ordinal)
        }
    }

    var format: Int
    var kind: String
    var takenAt: Date
    /// The previous snapshot of the same kind (history, `~N`), whether or not this is a delta.
    var parent: ObjectID?
    /// Set when this manifest is a delta against `parent`.
    var base: ObjectID?
    var depth: Int
    var count: Int
    var meta: [String: String]
    var packs: [ObjectID]
    /// Full: every record. Delta: records added or changed since `base`.
    var entries: [Entry]
    var removed: [String]

    enum CodingKeys: String, CodingKey {
        case format, kind, parent, base, depth, count, meta, packs, entries, removed
        case takenAt = "taken_at"
    }

    var isDelta: Bool { base != nil }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    static func decode(_ data: Data) throws -> SnapshotManifest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(SnapshotManifest.self, from: data)
    }
}
