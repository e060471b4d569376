import Foundation
import HRSyncCore

/// Where one record lives: the `ordinal`-th line of the manifest's `packs[pack]`.
struct RecordRef: Hashable, Sendable {
    var pack: ObjectID
    var ordinal: Int
}

/// The `snapshot` object. A full manifest lists every record; a delta lists only what changed
/// against `base` (its parent), so an unchanged day costs a few hundred bytes. Chains are cut
/// by writing a full manifest again (see `SnapshotStore.write`).
struct SnapshotManifest: Codable, Sendable {
    static let currentFormat = 2
    /// Far above any chain the store writes (SnapshotStore.maxChainDepth); a larger depth is damage.
    static let maximumDepth = 100_000

    struct Entry: Sendable, Equatable {
        var key: String
        var pack: Int
        var ordinal: Int
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
    /// Deltas: entries and removals since the last full manifest (absent in older manifests).
    var chain: Int?

    enum CodingKeys: String, CodingKey {
        case format, kind, parent, base, depth, count, meta, packs, entries, removed, chain, keys, runs
        case takenAt = "taken_at"
    }

    var isDelta: Bool { base != nil }

    init(
        format: Int, kind: String, takenAt: Date, parent: ObjectID?, base: ObjectID?, depth: Int, count: Int,
        meta: [String: String], packs: [ObjectID], entries: [Entry], removed: [String], chain: Int?
    ) {
        (self.format, self.kind, self.takenAt, self.parent, self.base, self.depth, self.count) = (format, kind, takenAt, parent, base, depth, count)
        (self.meta, self.packs, self.entries, self.removed, self.chain) = (meta, packs, entries, removed, chain)
    }

    // Entries are written as two columns, since a full manifest holds one per record: `keys`, each
    // as "<characters shared with the previous key>:<the rest>", and `runs` of [pack, first line,
    // count] (records written together sit on consecutive lines). Format 1 wrote [key, pack, line].
    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(Int.self, forKey: .format)
        // A newer hrsync's manifest may mean something else by the same fields: refused, not guessed at.
        guard (1...Self.currentFormat).contains(format) else {
            throw DecodingError.dataCorruptedError(forKey: .format, in: c, debugDescription: "unknown manifest format \(format)")
        }
        kind = try c.decode(String.self, forKey: .kind)
        takenAt = try c.decode(Date.self, forKey: .takenAt)
        base = try c.decodeIfPresent(ObjectID.self, forKey: .base)
        parent = try c.decodeIfPresent(ObjectID.self, forKey: .parent) ?? base
        depth = try c.decode(Int.self, forKey: .depth)
        count = try c.decode(Int.self, forKey: .count)
        // Read from disk, so untrusted: every number that later indexes or sizes something is range-checked here.
        guard (0...Self.maximumDepth).contains(depth), count >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: .depth, in: c, debugDescription: "depth or count out of range")
        }
        meta = try c.decode([String: String].self, forKey: .meta)
        packs = try c.decode([ObjectID].self, forKey: .packs)
        removed = try c.decode([String].self, forKey: .removed)
        chain = try c.decodeIfPresent(Int.self, forKey: .chain)
        if decoder.userInfo[Self.headerOnly] as? Bool == true {  // `info`: the entries are most of a full manifest
            entries = []
        } else if let triples = try c.decodeIfPresent([[EntryField]].self, forKey: .entries) {
            entries = try triples.map { t in
                guard t.count == 3, case .text(let key) = t[0], case .number(let pack) = t[1], case .number(let ordinal) = t[2],
                    pack >= 0, ordinal >= 0
                else {
                    throw DecodingError.dataCorruptedError(forKey: .entries, in: c, debugDescription: "bad entry")
                }
                return Entry(key: key, pack: pack, ordinal: ordinal)
            }
        } else {
            entries = try Self.entries(keys: try c.decode([String].self, forKey: .keys), runs: try c.decode([[Int]].self, forKey: .runs))
        }
    }

    /// The entries of the two columns (see above), checked: a run may not claim more lines than
    /// there are keys left, nor overflow, and the runs cover the keys exactly.
    static func entries(keys coded: [String], runs: [[Int]]) throws -> [Entry] {
        let keys = try expandKeys(coded)
        var entries: [Entry] = []
        entries.reserveCapacity(keys.count)
        for run in runs {
            guard run.count == 3, run[0] >= 0, run[1] >= 0, run[2] >= 0, run[2] <= keys.count - entries.count, run[1] <= Int.max - run[2] else {
                throw DecodingError.dataCorrupted(.init(codingPath: [CodingKeys.runs], debugDescription: "bad run"))
            }
            for line in 0..<run[2] { entries.append(Entry(key: keys[entries.count], pack: run[0], ordinal: run[1] + line)) }
        }
        guard entries.count == keys.count else {
            throw DecodingError.dataCorrupted(.init(codingPath: [CodingKeys.runs], debugDescription: "runs do not cover the keys"))
        }
        return entries
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(kind, forKey: .kind)
        try c.encode(takenAt, forKey: .takenAt)
        if parent != base { try c.encodeIfPresent(parent, forKey: .parent) }  // a delta's parent is its base
        try c.encodeIfPresent(base, forKey: .base)
        try c.encode(depth, forKey: .depth)
        try c.encode(count, forKey: .count)
        try c.encode(meta, forKey: .meta)
        try c.encode(packs, forKey: .packs)
        try c.encode(removed, forKey: .removed)
        try c.encodeIfPresent(chain, forKey: .chain)
        var previous = "", keys: [String] = []
        var runs: [[Int]] = []
        for entry in entries {
            let bytes = Array(entry.key.utf8)
            var shared = zip(previous.utf8, bytes).prefix { $0 == $1 }.count
            while shared > 0, shared < bytes.count, bytes[shared] & 0xC0 == 0x80 { shared -= 1 }  // whole characters only
            keys.append("\(shared):" + String(decoding: bytes[shared...], as: UTF8.self))
            previous = entry.key
            if let last = runs.last, last[0] == entry.pack, last[1] + last[2] == entry.ordinal {
                runs[runs.count - 1][2] += 1
            } else {
                runs.append([entry.pack, entry.ordinal, 1])
            }
        }
        try c.encode(keys, forKey: .keys)
        try c.encode(runs, forKey: .runs)
    }

    static func expandKeys(_ coded: [String]) throws -> [String] {
        var previous: [UInt8] = []
        var keys: [String] = []
        keys.reserveCapacity(coded.count)
        for var item in coded {
            // The colon is looked for among bytes, not Characters: a rest that starts with a
            // combining mark (U+0301, U+061A…) fuses with the colon into one Character.
            try item.withUTF8 { bytes in
                guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), let shared = sharedCount(bytes[..<colon]),
                    shared >= 0, shared <= previous.count
                else {
                    throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "bad key \(String(decoding: bytes, as: UTF8.self))"))
                }
                previous.removeSubrange(shared...)
                previous.append(contentsOf: bytes[(colon + 1)...])
            }
            keys.append(String(decoding: previous, as: UTF8.self))
        }
        return keys
    }

    /// The number before a key's colon: plain digits directly (what hrsync writes), anything else as `Int(_:)` reads it.
    private static func sharedCount(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return Int(String(decoding: digits, as: UTF8.self))
        }
        return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    /// A format-1 entry field: the key (text) or a pack / line number.
    enum EntryField: Decodable {
        case text(String), number(Int)
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let n = try? c.decode(Int.self) { self = .number(n) } else { self = .text(try c.decode(String.self)) }
        }
    }

    func encoded() throws -> Data {
        try CanonicalJSON.encode(self)
    }

    /// The manifest in `data`: the header by `JSONDecoder` (the members but the entry columns, see
    /// `ManifestHeader`), then the two entry columns by `RecordScanner`, which checks them strictly
    /// (JSONDecoder's Codable cost per key was most of reading a 466,000-record manifest); anything
    /// the scanner does not take is read by `JSONDecoder` whole. `info` reads the header alone, so
    /// it does not judge the columns: `open`, `read` and fsck do.
    static func decode(_ data: Data) throws -> SnapshotManifest {
        var manifest = try decodeHeader(data)
        guard manifest.format >= 2, let (keys, runs) = scanColumns(data) else {
            return try CanonicalJSON.decode(SnapshotManifest.self, from: data)
        }
        manifest.entries = try entries(keys: keys, runs: runs)
        return manifest
    }

    /// `keys` and `runs`, or nil when either is missing or not in the form written, or `entries` is present.
    static func scanColumns(_ data: Data) -> ([String], [[Int]])? {
        RecordScanner.read(data) { s in
            var keys: [String]?, runs: [[Int]]?
            try s.object { s, key in
                switch key {
                case CodingKeys.keys.stringValue where keys == nil: keys = try s.strings()
                case CodingKeys.runs.stringValue where runs == nil: runs = try s.array { try $0.array { try $0.int() } }
                case CodingKeys.keys.stringValue, CodingKeys.runs.stringValue: throw RecordScanner.Bail()  // repeated
                case CodingKeys.entries.stringValue: throw RecordScanner.Bail()
                default: try s.skipValue()
                }
            }
            guard let keys, let runs else { throw RecordScanner.Bail() }
            return (keys, runs)
        }
    }

    static let headerOnly = CodingUserInfoKey(rawValue: "hrsync.manifest.headerOnly")!

    /// Everything but the entries (left empty): what `SnapshotStore.info` needs, without building a
    /// String per record (a 100,000-record manifest's keys were most of `hrsync status`).
    static func decodeHeader(_ data: Data) throws -> SnapshotManifest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        decoder.userInfo[headerOnly] = true
        return try decoder.decode(SnapshotManifest.self, from: ManifestHeader.withoutColumns(data) ?? data)
    }
}
