import Foundation

/// Stores snapshots so that a daily pull costs about what changed that day:
/// - records that differ from the parent snapshot go into one new `pack` object (compressed
///   together, which zlib does far better than record by record);
/// - a changed record is stored as a byte delta against its previous version (a new one against
///   its neighbour by key) when that is shorter than the record (see `PackReader`, `RecordDelta`);
/// - the manifest is a delta against the parent (changed keys and removed keys only); a full
///   manifest is written again once the deltas since the last one add up to as many entries as
///   it would hold, after `maxChainDepth` deltas, or when much changed, so reads stay short.
/// A full read resolves the chain to (pack, line) references and inflates each pack once.
public struct SnapshotStore: Sendable {
    /// At most this many deltas in a row (days without changes add depth but no entries).
    var maxChainDepth = 400
    /// Small snapshots may keep this many delta entries before a full manifest is due.
    static let minimumChainEntries = 1000
    /// Above this share of changed records a full manifest is cheaper than a delta.
    static let fullManifestShare = 0.25

    /// Where the manifests and packs are stored.
    public let objects: ObjectStore

    /// Snapshots kept in `objects`.
    public init(objects: ObjectStore) {
        self.objects = objects
    }

    /// Stores `snapshot` after `parent` (its side's previous one; nil starts a chain) and returns its id: the same records
    /// on the same parent give the same id. Throws `wrongObjectType` for a parent of the other side, `badRevision` for a record of more than one line.
    public func write(_ snapshot: Snapshot, parent: ObjectID?) throws -> ObjectID {
        let reader = PackReader(objects: objects)
        var parentRefs: [String: RecordRef] = [:]
        var parentRecords: [String: Data] = [:]
        var parentDepth = 0, parentChain = 0
        if let parent {
            let manifest = try manifest(parent)
            guard manifest.kind == snapshot.kind else {
                throw StoreError.wrongObjectType(id: parent.hex, expected: "\(snapshot.kind) snapshot", found: "\(manifest.kind) snapshot")
            }
            parentDepth = manifest.depth
            parentChain = manifest.isDelta ? manifest.chain ?? manifest.entries.count + manifest.removed.count : 0
            parentRefs = try references(parent)
            parentRecords = try reader.records(for: parentRefs)
        }
        let keys = snapshot.records.keys.sorted()
        let changed = keys.filter { parentRecords[$0] != snapshot.records[$0] }
        let removed = parentRefs.keys.filter { snapshot.records[$0] == nil }.sorted()
        let newRefs = try writePack(changed.map { ($0, snapshot.records[$0]!) }, parentRefs: parentRefs, reader: reader)

        // A delta while the chain since the last full manifest stays shorter than a full manifest
        // would be: reads then walk at most about twice the entries of one full manifest.
        let chain = parentChain + changed.count + removed.count
        let asDelta =
            parent != nil && parentDepth < maxChainDepth
            && Double(changed.count + removed.count) <= Double(max(keys.count, 1)) * Self.fullManifestShare
            && chain <= max(keys.count, Self.minimumChainEntries)
        var manifest = SnapshotManifest(
            format: SnapshotManifest.currentFormat, kind: snapshot.kind, takenAt: snapshot.takenAt,
            parent: parent, base: asDelta ? parent : nil, depth: asDelta ? parentDepth + 1 : 0,
            count: keys.count, meta: snapshot.meta, packs: [], entries: [], removed: asDelta ? removed : [],
            chain: asDelta ? chain : nil)
        var packIndex: [ObjectID: Int] = [:]
        for key in asDelta ? changed : keys {
            let ref = newRefs[key] ?? parentRefs[key]!
            let index =
                packIndex[ref.pack]
                ?? {
                    manifest.packs.append(ref.pack)
                    packIndex[ref.pack] = manifest.packs.count - 1
                    return manifest.packs.count - 1
                }()
            manifest.entries.append(.init(key: key, pack: index, ordinal: ref.ordinal))
        }
        return try objects.put(.snapshot, try manifest.encoded())
    }

    /// The whole snapshot: its delta chain resolved and every record read, each pack inflated once.
    public func read(_ id: ObjectID) throws -> Snapshot {
        // The header alone: `references` reads the entries (a damaged manifest fails there, as before).
        let manifest = try manifest(id, header: true)
        var snapshot = Snapshot(
            kind: manifest.kind, takenAt: manifest.takenAt, meta: manifest.meta,
            records: try records(for: try references(id)))
        snapshot.id = id
        snapshot.parent = manifest.parent
        return snapshot
    }

    /// The snapshot with only the records whose key passes `wanted`: the chain is resolved whole, but
    /// only those records are read (a view that needs group names does not decode 100,000 roles).
    public func read(_ id: ObjectID, keys wanted: (String) -> Bool) throws -> Snapshot {
        let manifest = try manifest(id, header: true)
        var snapshot = Snapshot(
            kind: manifest.kind, takenAt: manifest.takenAt, meta: manifest.meta,
            records: try records(for: try withoutActuallyEscaping(wanted) { try references(id, wanted: $0) }))
        snapshot.id = id
        snapshot.parent = manifest.parent
        return snapshot
    }

    /// What `id` is without its records: one manifest read.
    public func info(_ id: ObjectID) throws -> SnapshotInfo {
        let m = try manifest(id, header: true)
        return SnapshotInfo(
            id: id, kind: m.kind, takenAt: m.takenAt, parent: m.parent, count: m.count,
            meta: m.meta, isDelta: m.isDelta, packs: m.packs)
    }

    /// `id`, its parent, its grandparent… (newest first), at most `limit`.
    public func history(from id: ObjectID, limit: Int = .max) throws -> [SnapshotInfo] {
        var result: [SnapshotInfo] = []
        var next: ObjectID? = id
        while let current = next, result.count < limit {
            let info = try info(current)
            result.append(info)
            next = info.parent
        }
        return result
    }

    /// Which keys differ between two snapshots; records are only inflated where references differ.
    public func changes(from old: ObjectID, to new: ObjectID) throws -> SnapshotChanges {
        let a = try references(old), b = try references(new)
        var result = SnapshotChanges()
        result.added = b.keys.filter { a[$0] == nil }.sorted()
        result.removed = a.keys.filter { b[$0] == nil }.sorted()
        let candidates = Set(b.keys.filter { key in a[key].map { $0 != b[key] } ?? false })
        if !candidates.isEmpty {
            let reader = PackReader(objects: objects)  // one reader: shared bases are inflated once
            let before = try reader.records(for: a.filter { candidates.contains($0.key) })
            let after = try reader.records(for: b.filter { candidates.contains($0.key) })
            result.changed = candidates.filter { before[$0] != after[$0] }.sorted()
        }
        return result
    }

    /// Whether `newer` holds the same records as `older`: a delta on `older` that changed nothing is
    /// one manifest read (what an unchanged day writes); otherwise the references, inflating only where they differ.
    public func sameRecords(_ older: ObjectID, _ newer: ObjectID) throws -> Bool {
        let manifest = try manifest(newer)
        if manifest.base == older { return manifest.entries.isEmpty && manifest.removed.isEmpty }
        return try changes(from: older, to: newer).isEmpty
    }

    /// The newest change in `head`'s chain: how many snapshots back (`back`, at least 1) is the newest
    /// one whose records differ from `head`'s, and its info. The ones in between hold `head`'s data.
    /// Nil when the chain has fewer than two snapshots or every one holds the same records.
    public func lastChange(from head: ObjectID) throws -> (back: Int, older: SnapshotInfo)? {
        var newer = try info(head)
        var back = 0
        while let parent = newer.parent {
            back += 1
            let older = try info(parent)
            if !(try sameRecords(parent, newer.id)) { return (back, older) }
            newer = older
        }
        return nil
    }

    // MARK: - Internals

    func manifest(_ id: ObjectID, header: Bool = false) throws -> SnapshotManifest {
        try manifest(id, payload: try objects.get(id, as: .snapshot), header: header)
    }

    /// With `header`, the entries are left empty (see `SnapshotManifest.decodeHeader`).
    func manifest(_ id: ObjectID, payload: Data, header: Bool = false) throws -> SnapshotManifest {
        do {
            return try header ? SnapshotManifest.decodeHeader(payload) : SnapshotManifest.decode(payload)
        } catch {
            var detail = ""
            if case DecodingError.dataCorrupted(let context) = error { detail = " (\(context.debugDescription))" }
            throw StoreError.corruptObject(id: id.hex, path: objects.path(of: id), reason: "unreadable snapshot manifest" + detail)
        }
    }

    /// Key → (pack, line) for the whole snapshot (or the keys `wanted` passes), resolving the delta
    /// chain back to a full manifest. The full one, read as `EntryColumns` when it takes them, makes
    /// no `String` per key before `wanted` is asked (466,000 keys for `show` at 100,000 employees).
    func references(_ id: ObjectID, wanted: ((String) -> Bool)? = nil) throws -> [String: RecordRef] {
        var chain: [(manifest: SnapshotManifest, columns: EntryColumns?)] = []
        var next: ObjectID? = id
        while let current = next {
            let payload = try objects.get(current, as: .snapshot)
            let header = try manifest(current, payload: payload, header: true)
            if header.base == nil, let columns = EntryColumns.scan(payload) {
                chain.append((header, columns))
            } else {
                chain.append((try manifest(current, payload: payload), nil))
            }
            next = header.base
            guard chain.count <= chain[0].manifest.depth + 1 else {  // a cycle or a broken chain
                throw StoreError.corruptObject(id: id.hex, path: objects.path(of: id), reason: "delta chain too long")
            }
        }
        var refs: [String: RecordRef] = [:]
        // Growing a 466,000-key dictionary step by step was a third of `show`; `count` is read from
        // disk, so never more than the entries there are.
        if wanted == nil {
            refs.reserveCapacity(min(chain[0].manifest.count, chain.reduce(0) { $0 + ($1.columns?.count ?? $1.manifest.entries.count) }))
        }
        func add(_ key: String, pack: Int, ordinal: Int, in m: SnapshotManifest) throws {
            guard wanted?(key) ?? true else { return }
            guard m.packs.indices.contains(pack) else {
                throw StoreError.corruptObject(id: id.hex, path: objects.path(of: id), reason: "entry \(key) names no pack")
            }
            refs[key] = RecordRef(pack: m.packs[pack], ordinal: ordinal)
        }
        for (m, columns) in chain.reversed() {
            for key in m.removed { refs[key] = nil }
            if let columns {
                for n in 0..<columns.count { try add(columns.key(n), pack: Int(columns.packs[n]), ordinal: Int(columns.ordinals[n]), in: m) }
            } else {
                for entry in m.entries { try add(entry.key, pack: entry.pack, ordinal: entry.ordinal, in: m) }
            }
        }
        return refs
    }

    func records(for refs: [String: RecordRef]) throws -> [String: Data] {
        try PackReader(objects: objects).records(for: refs)
    }

    /// Writes the changed records as one pack, each as a delta against its previous version (or,
    /// for a new key, its neighbour's) when that is shorter than the record, and returns where each
    /// record now lives.
    private func writePack(_ changed: [(key: String, record: Data)], parentRefs: [String: RecordRef], reader: PackReader) throws -> [String: RecordRef] {
        guard !changed.isEmpty else { return [:] }
        let parentKeys = parentRefs.keys.sorted()
        var bases: [ObjectID] = [], baseIndex: [ObjectID: Int] = [:]
        var lines: [Data] = []
        lines.reserveCapacity(changed.count)
        for (key, record) in changed {
            guard !record.contains(0x0A), record.first != PackReader.marker else {
                throw StoreError.badRevision(key, reason: "a snapshot record must be one line of JSON")
            }
            var line = record
            if let previous = parentRefs[key] ?? Self.neighbour(of: key, in: parentKeys).flatMap({ parentRefs[$0] }) {
                let base = try reader.wholeRef(previous)
                let delta = RecordDelta.encode(from: try reader.record(base), to: record)
                if delta.count < record.count {
                    let index =
                        baseIndex[base.pack]
                        ?? {
                            bases.append(base.pack)
                            baseIndex[base.pack] = bases.count - 1
                            return bases.count - 1
                        }()
                    line = Data("~\(index).\(base.ordinal) ".utf8) + delta
                }
            }
            lines.append(line)
        }
        // The lines as parts, each followed by its newline: one buffer of the whole pack would hold a
        // second copy of every record (80 MB for a first pull at 100,000 users).
        var parts = bases.isEmpty ? [] : [Data(("~" + bases.map(reader.headerName).joined(separator: " ") + "\n").utf8)]
        parts.reserveCapacity(parts.count + 2 * lines.count)
        let newline = Data([0x0A])
        for line in lines {
            parts.append(line)
            parts.append(newline)
        }
        let pack = try objects.put(.pack, parts: parts)
        let first = bases.isEmpty ? 0 : 1
        var refs: [String: RecordRef] = [:]
        refs.reserveCapacity(changed.count)
        for (ordinal, item) in changed.enumerated() { refs[item.key] = RecordRef(pack: pack, ordinal: first + ordinal) }
        return refs
    }

    /// The key just before `key` in sorted `keys` (or the first): a new record's likeliest look-alike.
    static func neighbour(of key: String, in keys: [String]) -> String? {
        var low = 0, high = keys.count
        while low < high {
            let mid = (low + high) / 2
            if keys[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low > 0 ? keys[low - 1] : keys.first
    }
}
