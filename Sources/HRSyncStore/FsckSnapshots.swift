import Foundation

extension StateDirectory {
    /// Every snapshot checked as `snapshots.read` would decode it, in one pass over the store
    /// (reading each one whole walked its chain again: quadratic in the chain's length):
    /// - its links (parent, base, packs) exist and each entry names one of its packs;
    /// - its delta chain reaches a full manifest within its declared depth (a chain's length is
    ///   its base's plus one, memoised);
    /// - every record a manifest names is resolved once (line, delta, base), pack by pack.
    func checkSnapshots(_ manifests: [ObjectID: SnapshotManifest], _ present: Set<ObjectID>, _ report: inout FsckReport) {
        var faulted: Set<ObjectID> = []
        func fault(_ id: ObjectID, _ reason: String) {
            guard faulted.insert(id).inserted else { return }  // one fault per snapshot, as one failed read
            report.faults.append(.init(path: objects.path(of: id), message: "snapshot \(id.hex) does not decode: \(reason)"))
        }
        // Who names each record, by pack: (ordinal, owner) pairs, packs and owners by index. Keyed
        // by `RecordRef` this hashed a 64-digit pack id per record, 600,000 of them at 100,000 employees.
        var packs: [ObjectID] = [], packIndex: [ObjectID: Int] = [:], owners: [ObjectID] = []
        var named: [[(ordinal: Int, owner: Int)]] = []
        for (id, m) in manifests.sorted(by: { $0.key < $1.key }) {
            let missing = m.references.map(\.id).filter { !present.contains($0) }
            for link in missing {
                report.faults.append(.init(path: objects.path(of: id), message: "snapshot \(id.short) refers to missing object \(link.hex)"))
            }
            guard missing.isEmpty else { faulted.insert(id); continue }
            if let bad = m.entries.first(where: { !m.packs.indices.contains($0.pack) }) {
                fault(id, "entry \(bad.key) names no pack")
                continue
            }
            let owner = owners.count
            owners.append(id)
            let local = m.packs.map { pack in
                if let known = packIndex[pack] { return known }
                packIndex[pack] = packs.count
                packs.append(pack)
                named.append([])
                return packs.count - 1
            }
            for entry in m.entries { named[local[entry.pack]].append((entry.ordinal, owner)) }
        }

        for (id, length) in chainLengths(manifests).sorted(by: { $0.key < $1.key }) {
            guard let length else { fault(id, "its delta chain does not reach a full manifest (a base is missing, unreadable or loops)"); continue }
            if length > manifests[id]!.depth { fault(id, "delta chain too long") }
        }

        for pack in packs.indices.sorted(by: { packs[$0] < packs[$1] }) {
            let reader = PackReader(objects: objects)  // this pack and its bases, then let go
            // Each record once, in line order; its owners in the order above.
            let refs = named[pack].sorted { ($0.ordinal, $0.owner) < ($1.ordinal, $1.owner) }
            var start = 0
            while start < refs.count {
                let ordinal = refs[start].ordinal
                var end = start + 1
                while end < refs.count, refs[end].ordinal == ordinal { end += 1 }
                do { _ = try reader.record(RecordRef(pack: packs[pack], ordinal: ordinal)) } catch {
                    for named in refs[start..<end] { fault(owners[named.owner], error.localizedDescription) }
                }
                start = end
            }
        }
    }

    /// Each snapshot's number of deltas down to a full manifest (nil: the chain is broken), each
    /// manifest visited once: a walk stops at the first snapshot whose length is known.
    func chainLengths(_ manifests: [ObjectID: SnapshotManifest]) -> [ObjectID: Int?] {
        var lengths: [ObjectID: Int?] = [:]
        for start in manifests.keys.sorted() where lengths[start] == nil {
            var path: [ObjectID] = [], onPath: Set<ObjectID> = []
            var below: Int??  // the length under the walk's last snapshot (-1 under a full manifest)
            var next = start
            while below == nil {
                if let known = lengths[next] { below = .some(known); break }
                guard onPath.insert(next).inserted, let m = manifests[next] else { below = .some(nil); break }
                path.append(next)
                if let base = m.base { next = base } else { below = .some(-1) }
            }
            for (offset, id) in path.reversed().enumerated() {
                lengths[id] = below!.map { $0 + offset + 1 }
            }
        }
        return lengths
    }
}
