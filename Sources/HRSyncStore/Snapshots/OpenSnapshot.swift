import Foundation

/// A snapshot opened for reading: its delta chain resolved to record references and, when
/// preloaded, every pack they name inflated once, so that several threads may read parts of it at
/// once (`plan` decodes the 360Learning roles on one core and the rest on the other). Records go
/// to a body one by one, without a dictionary of them all (466,000 keys at 100,000 employees).
public final class OpenSnapshot: @unchecked Sendable {
    private enum Index {
        /// A full manifest in the form `write` gives it (ASCII keys, increasing): its entries, as
        /// columns (`EntryColumns`), are the records; `packs` are the manifest's.
        case columns(EntryColumns, packs: [ObjectID])
        /// Another full manifest whose keys increase: its entries are the records.
        case entries(SnapshotManifest)
        /// Anything else: key → reference, resolved as `read` resolves it.
        case references([String: RecordRef])
    }

    private let index: Index
    private let reader: PackReader

    init(_ store: SnapshotStore, id: ObjectID, preload: Bool) throws {
        reader = PackReader(objects: store.objects)
        let payload = try store.objects.get(id, as: .snapshot)
        let header = try store.manifest(id, payload: payload, header: true)
        if header.base == nil, let columns = EntryColumns.scan(payload) {
            if let stray = columns.packs.firstIndex(where: { Int($0) >= header.packs.count }) {
                throw StoreError.corruptObject(id: id.hex, path: store.objects.path(of: id), reason: "entry \(columns.key(stray)) names no pack")
            }
            index = .columns(columns, packs: header.packs)
            if preload { try reader.preload(Set(Set(columns.packs).map { header.packs[Int($0)] })) }
            return
        }
        let head = try store.manifest(id, payload: payload)
        if head.base == nil, Self.keysIncrease(head.entries) {
            if let stray = head.entries.first(where: { !head.packs.indices.contains($0.pack) }) {
                throw StoreError.corruptObject(id: id.hex, path: store.objects.path(of: id), reason: "entry \(stray.key) names no pack")
            }
            index = .entries(head)
            // The packs the entries use, as `references` would name them (not every listed one).
            if preload { try reader.preload(Set(head.entries.map { head.packs[$0.pack] })) }
        } else {
            let references = try store.references(id)
            index = .references(references)
            if preload { try reader.preload(Set(references.values.map(\.pack))) }
        }
    }

    /// Each key after the one before it, as `write` orders them: no key twice, so the entries
    /// read as `references` would resolve them.
    static func keysIncrease(_ entries: [SnapshotManifest.Entry]) -> Bool {
        zip(entries, entries.dropFirst()).allSatisfy { $0.key < $1.key }
    }

    /// Keys by their first bytes: those that start with `prefix`, or (`starting: false`) those that do not.
    public struct KeyPrefix: Sendable {
        let prefix: [UInt8]
        let starting: Bool

        /// Keys that start (or, `starting: false`, do not start) with `prefix`'s bytes.
        public init(_ prefix: String, starting: Bool = true) {
            (self.prefix, self.starting) = (Array(prefix.utf8), starting)
        }

        func passes(_ key: String) -> Bool { key.utf8.starts(with: prefix) == starting }
    }

    /// How many records have a key `selected` passes, told by the keys' bytes (no `String` is made
    /// for a manifest read as columns, nor any record read).
    public func count(_ selected: KeyPrefix) -> Int {
        guard case .columns(let columns, _) = index else { return count(where: selected.passes) }
        return (0..<columns.count).reduce(0) { $0 + (columns.key($1, startsWith: selected.prefix) == selected.starting ? 1 : 0) }
    }

    /// Each record whose key `selected` passes, as `forEach(where:)` hands them, the keys told by their bytes.
    public func forEach(_ selected: KeyPrefix, _ body: (String, Data) throws -> Void) throws {
        guard case .columns(let columns, let packs) = index else { return try forEach(where: selected.passes, body) }
        let refs = (0..<columns.count).lazy.filter { columns.key($0, startsWith: selected.prefix) == selected.starting }.map {
            (key: columns.key($0), value: columns.reference($0, in: packs))
        }
        try reader.forEach(refs, body)
    }

    /// How many records have a key `wanted` passes (no record is read).
    public func count(where wanted: (String) -> Bool) -> Int {
        switch index {
        case .columns(let columns, _): (0..<columns.count).reduce(0) { $0 + (wanted(columns.key($1)) ? 1 : 0) }
        case .entries(let manifest): manifest.entries.reduce(0) { $0 + (wanted($1.key) ? 1 : 0) }
        case .references(let references): references.keys.reduce(0) { $0 + (wanted($1) ? 1 : 0) }
        }
    }

    /// Each record whose key `wanted` passes, handed to `body` with its key, in no set order.
    public func forEach(where wanted: (String) -> Bool = { _ in true }, _ body: (String, Data) throws -> Void) throws {
        try withoutActuallyEscaping(wanted) { wanted in
            switch index {
            case .columns(let columns, let packs):
                let refs = (0..<columns.count).lazy.map { (n: $0, key: columns.key($0)) }.filter { wanted($0.key) }.map {
                    (key: $0.key, value: columns.reference($0.n, in: packs))
                }
                try reader.forEach(refs, body)
            case .entries(let manifest):
                let refs = manifest.entries.lazy.filter { wanted($0.key) }.map {
                    (key: $0.key, value: RecordRef(pack: manifest.packs[$0.pack], ordinal: $0.ordinal))
                }
                try reader.forEach(refs, body)
            case .references(let references):
                try reader.forEach(references.lazy.filter { wanted($0.key) }, body)
            }
        }
    }
}

extension SnapshotStore {
    /// `id` opened for reading; `preload` inflates every pack it needs now, so that threads may
    /// share it (`OpenSnapshot`). Throws as `read` does for a damaged chain or pack.
    public func open(_ id: ObjectID, preload: Bool = false) throws -> OpenSnapshot {
        try OpenSnapshot(self, id: id, preload: preload)
    }
}
