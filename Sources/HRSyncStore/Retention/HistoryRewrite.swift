import Foundation

/// Rewriting one side's snapshot history, shared by `gc` (drop snapshots) and `forget` (drop a
/// person from every snapshot). Snapshots are content-addressed and each names its parent, so
/// changing or dropping one changes the id of every later one: the chain is written again from
/// the first change on, with the same dates, meta and (transformed) records. Snapshots before the
/// first change keep their ids, and so does everything when nothing changes. Writing the same
/// snapshot on the same parent gives the same id, so a rewrite cut short and run again reuses
/// what the first run wrote.
struct HistoryRewrite {
    var head: ObjectID?
    var rewritten: [ObjectID: ObjectID] = [:]
    var dropped: [SnapshotInfo] = []
    /// Every snapshot of the new history, newest first.
    var kept: [ObjectID] = []

    var changed: Bool { !rewritten.isEmpty || !dropped.isEmpty }
}

extension StateDirectory {
    /// - keep: which snapshots stay (the others are dropped from the history);
    /// - transform: edits a snapshot's records in place and says whether it changed anything;
    /// - write: false for a dry run (nothing is written; `rewritten` maps each id to itself).
    func rewriteHistory(
        from head: ObjectID, keep: (SnapshotInfo) -> Bool, transform: ((inout [String: Data]) throws -> Bool)? = nil,
        write: Bool, step: () throws -> Void
    ) throws -> HistoryRewrite {
        var result = HistoryRewrite()
        var parent: ObjectID?
        var diverged = false
        for info in try snapshots.history(from: head).reversed() {
            guard keep(info) else {
                result.dropped.append(info)
                diverged = true
                continue
            }
            // Read once: the transform needs the records, and so does the rewrite.
            var snapshot: Snapshot?
            if let transform {
                var read = try snapshots.read(info.id)
                if try transform(&read.records) { diverged = true }
                snapshot = read
            }
            guard diverged else {
                parent = info.id
                result.kept.insert(info.id, at: 0)
                continue
            }
            guard write else {
                result.rewritten[info.id] = info.id
                parent = info.id
                result.kept.insert(info.id, at: 0)
                continue
            }
            let id = try snapshots.write(try snapshot ?? snapshots.read(info.id), parent: parent)
            try step()
            result.rewritten[info.id] = id
            result.kept.insert(id, at: 0)
            parent = id
        }
        result.head = parent
        return result
    }
}
