import Foundation

/// An object naming another: an edge of the object graph. `gc` keeps what its roots reach over
/// these and deletes an object only after what names it; `fsck` reports each that is missing.
/// Plans and apply records name no object here: what they read is in the log (`History`).
struct ObjectReference: Sendable, Equatable {
    enum Role: Sendable, Equatable {
        /// A snapshot's previous one on its side's chain (history only: gc does not keep it for this).
        case parent
        /// The snapshot whose manifest a delta manifest is written against.
        case base
        /// A pack holding a snapshot's records.
        case pack
        /// A pack whose lines a pack's deltas are written against.
        case deltaBase
    }

    var role: Role
    var id: ObjectID
}

extension SnapshotManifest {
    /// Parent, base, then packs (the order fsck reports missing ones in).
    var references: [ObjectReference] {
        [parent.map { ObjectReference(role: .parent, id: $0) }, base.map { ObjectReference(role: .base, id: $0) }].compactMap { $0 }
            + packs.map { ObjectReference(role: .pack, id: $0) }
    }
}

extension StateDirectory {
    /// What the stored object `id` names (read once; `packs` caches the packs it parses).
    func references(of id: ObjectID, packs: PackReader) throws -> [ObjectReference] {
        let (kind, payload) = try objects.get(id)
        return try references(of: id, kind: kind, payload: payload, packs: packs)
    }

    /// What `id` names, from its payload read already: a snapshot its parent, base and packs, a
    /// pack the packs its deltas use; nothing for other kinds.
    func references(of id: ObjectID, kind: ObjectKind, payload: Data, packs: PackReader) throws -> [ObjectReference] {
        switch kind {
        case .snapshot: try snapshots.manifest(id, payload: payload).references
        case .pack: try packs.pack(id, payload: payload).bases.map { ObjectReference(role: .deltaBase, id: $0) }
        default: []
        }
    }
}
