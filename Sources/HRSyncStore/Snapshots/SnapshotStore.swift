import Foundation

/// Stores snapshots so that a daily pull costs about what changed that day:
/// - records that differ from the parent snapshot go into one new `pack` object (compressed
///   together, which zlib does far better than record by record);
/// - the manifest is a delta against the parent (changed keys and removed keys only), with a full
///   manifest every `maxChainDepth` pulls or when much changed, so reads walk a short chain.
/// A full read resolves the chain to (pack, line) references and inflates each pack once.
public struct SnapshotStore: Sendable {
    public static let maxChainDepth = 30
    /// Above this share of changed records a full manifest is cheaper than a delta.
    static let fullManifestShare = 0.25

    public let objects: ObjectStore

    public init(objects: ObjectStore) {
        self.objects = objects
    }

    public func write(_ snapshot: Snapshot, parent: ObjectID?) throws -> ObjectID {
        var parentRefs: [String: RecordRef] = [:]
        var parentRecords: [String: Data] = [:]
        var parentDepth = 0
        if let parent {
            let manifest = try manifest(parent)
            guard manifest.kind == snapshot.kind else {
                throw StoreError.wrongObjectType(id: parent.hex, expected: "\(snapshot.kind) snapshot", found: "\(manifest.kind) snapshot")
            }
            parentDepth = manifest.depth
            parentRefs = try references(parent)
            parentRecords = try records(for: parentRefs)
        }
        let keys = snapshot.records.keys.sorted()
        let changed = keys.filter { parentRecords[$0] != snapshot.records[$0] }
        let removed = parentRefs.keys.filter { snapshot.records[$0] == nil }.sorted()

        var newRefs: [String: RecordRef] = [:]
        if !changed.isEmpty {
            var payload = Data()
            for key in changed {
                let record = snapshot.records[key]!
                guard !record.contains(0x0A) else { throw StoreError.badRevision(key, reason: "a snapshot record must be one line of JSON") }
                payload.append(record)
                payload.append(0x0A)
            }
            let pack = try objects.put(.pack, payload)
            for (ordinal, key) in changed.enumerated() { newRefs[key] = RecordRef(pack: pack, ordinal: ordinal) }
        }

        let asDelta = parent != nil && parentDepth < Self.maxChainDepth
            && Double(changed.count + removed.count) <= Double(max(keys.count, 1)) * Self.fullManifestShare
        var manifest = SnapshotManifest(
            format: SnapshotManifest.currentFormat, kind: snapshot.kind, takenAt: snapshot.takenAt,
            parent: parent, base: asDelta ? parent : nil, depth: asDelta ? parentDepth + 1 : 0,
            count: keys.count, meta: snapshot.meta, packs: [], entries: [], removed: asDelta ? removed : [])
        var packIndex: [ObjectID: Int] = [:]
        for key in asDelta ? changed : keys {
            let ref = newRefs[key] ?? parentRefs[key]!
            let index = packIndex[ref.pack] ?? {
                manifest.packs.append(ref.pack)
                packIndex[ref.pack] = manifest.packs.count - 1
                return manifest.packs.count - 1
            }()
            manifest.entries.append(.init(key: key, pack: index, ordinal: ref.ordinal))
        }
        return try objects.put(.snapshot, try manifest.encoded())
    }

    public func read(_ id: ObjectID) throws -> Snapshot {
        let manifest = try manifest(id)
        var snapshot = Snapshot(kind: manifest.kind, takenAt: manifest.takenAt, meta: manifest.meta,
                                records: try records(for: try references(id)))
        snapshot.id = id
        snapshot.parent = manifest.parent
        return snapshot
    }

    public func info(_ id: ObjectID) throws -> SnapshotInfo {
        let m = try manifest(id)
        return SnapshotInfo(id: id, kind: m.kind, takenAt: m.takenAt, parent: m.parent, count: m.count,
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
            let before = try records(for: a.filter { candidates.contains($0.key) })
            let after = try records(for: b.filter { candidates.contains($0.key) })
            result.changed = candidates.filter { before[$0] != after[$0] }.sorted()
        }
        return result
    }

    // MARK: - Internals

    func manifest(_ id: ObjectID) throws -> SnapshotManifest {
        let payload = try objects.get(id, as: .snapshot)
        do {
            return try SnapshotManifest.decode(payload)
        } catch {
            throw StoreError.corruptObject(id: id.hex, path: objects.path(of: id), reason: "unreadable snapshot manifest")
        }
    }

    /// Key → (pack, line) for the whole snapshot, resolving the delta chain back to a full manifest.
    func references(_ id: ObjectID) throws -> [String: RecordRef] {
        var chain: [SnapshotManifest] = []
        var next: ObjectID? = id
        while let current = next {
            let m = try manifest(current)
            chain.append(m)
            next = m.base
            guard chain.count <= Self.maxChainDepth + 1 else {
                throw StoreError.corruptObject(id: id.hex, path: objects.path(of: id), reason: "delta chain too long")
            }
        }
        var refs: [String: RecordRef] = [:]
        for m in chain.reversed() {
            for key in m.removed { refs[key] = nil }
            for entry in m.entries {
                guard m.packs.indices.contains(entry.pack) else {
                    throw StoreError.corruptObject(id: id.hex, path: objects.path(of: id), reason: "entry \(entry.key) names no pack")
                }
                refs[entry.key] = RecordRef(pack: m.packs[entry.pack], ordinal: entry.ordinal)
            }
        }
        return refs
    }

    /// Inflates each referenced pack once and picks the lines.
    func records(for refs: [String: RecordRef]) throws -> [String: Data] {
        var byPack: [ObjectID: [(String, Int)]] = [:]
        for (key, ref) in refs { byPack[ref.pack, default: []].append((key, ref.ordinal)) }
        var records: [String: Data] = [:]
        records.reserveCapacity(refs.count)
        for (pack, wanted) in byPack {
            let lines = try objects.get(pack, as: .pack).split(separator: 0x0A, omittingEmptySubsequences: false)
            for (key, ordinal) in wanted {
                guard ordinal < lines.count else {
                    throw StoreError.corruptObject(id: pack.hex, path: objects.path(of: pack), reason: "pack has no line \(ordinal)")
                }
                records[key] = Data(lines[ordinal])
            }
        }
        return records
    }
}
