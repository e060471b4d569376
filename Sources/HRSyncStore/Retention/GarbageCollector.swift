import Foundation
import HRSyncCore

/// Where a test may stop gc or forget: `step` is called after each durable step (an object
/// written, the rewrite map saved, a ref moved, an object deleted), numbered from 1.
public struct RetentionHooks: Sendable {
    /// Throwing stops the run right there, as a kill would (in-process crash tests).
    public var step: @Sendable (Int) throws -> Void

    /// Hooks calling `step` after each durable step; the default does nothing (production).
    public init(step: @escaping @Sendable (Int) throws -> Void = { _ in }) {
        self.step = step
    }
}

/// What `gc` removed (or, in a dry run, would remove).
public struct GcReport: Sendable {
    /// Nothing was deleted or written: the report is what a run would do.
    public var dryRun: Bool
    /// Snapshots dropped from their side's history, and partial ones no kept plan read.
    public var removedSnapshots: [SnapshotInfo] = []
    /// Plans outside the policy that no kept apply or unfinished journal needs, sorted.
    public var removedPlans: [ObjectID] = []
    /// Kept snapshots written again because an earlier one in their chain went.
    public var rewritten: [ObjectID: ObjectID] = [:]
    /// Snapshots kept per side (`personio`, `360learning`).
    public var keptSnapshots: [String: Int] = [:]
    /// Object files deleted: everything nothing kept reaches.
    public var removedObjects = 0
    /// Bytes of the object files removed (a dry run counts what it would delete).
    public var removedBytes = 0
    /// Bytes of the objects written in their place (the rewritten chains' packs and manifests).
    public var writtenBytes = 0

    /// What the store shrinks by; negative when the rewritten chains weigh more than what went.
    public var freedBytes: Int { removedBytes - writtenBytes }
}

extension StateDirectory {
    /// Removes the snapshots and plans outside `policy`, then every object nothing kept reaches.
    /// Applies are selected by the policy too: a kept apply keeps its plan (what `revert` reads).
    /// Always kept: each side's latest snapshot, the plans an unfinished apply's journal names,
    /// the snapshots a kept plan (and its apply) read, and every apply record (ownership, what
    /// hrsync added and may remove later, is built from all of them).
    ///
    /// Crash-safe by order: new objects first, then the rewrite map and the refs (atomically),
    /// then deletions, children before what they point at; run again, it finishes.
    /// The caller holds the lock.
    public func gc(policy: KeepPolicy, dryRun: Bool, now: Date = Date(), hooks: RetentionHooks = .init()) throws -> GcReport {
        try collect(policy: policy, dryRun: dryRun, now: now, hooks: hooks, logged: true)
    }

    func collect(policy: KeepPolicy, dryRun: Bool, now: Date, hooks: RetentionHooks, logged: Bool) throws -> GcReport {
        var report = GcReport(dryRun: dryRun)
        var counter = 0
        let step = {
            counter += 1; try hooks.step(counter)
        }
        var history = try history()
        // The log through the map as it was before this run (its own rewrites are recorded below).
        let entries = history.entries
        let sizeBefore = objectBytes()

        // Plans by the policy over their log dates; an unfinished apply's plan stays.
        let planEvents = entries.filter { $0.event.kind == .plan }.compactMap { entry -> (id: ObjectID, takenAt: Date, reads: [History.LoggedID])? in
            guard let id = entry.written, objects.contains(id) else { return nil }
            return (id, entry.event.time, entry.reads)
        }
        // Newest first: of two plans logged in the same second, the later entry is the newer.
        var keptPlans = policy.select(planEvents.reversed().map { (id: $0.id, takenAt: $0.takenAt) })
        // Applies are kept by the same rules over their own dates, or a later unapplied plan of the
        // same day/week/month would take the bucket and `revert HEAD` lose the plan it reads.
        keptPlans.formUnion(policy.select(appliedPlans(entries).reversed()))
        keptPlans.formUnion(journalPlans().compactMap(history.currentID(of:)).filter(objects.contains))
        report.removedPlans = Array(Set(planEvents.map(\.id)).subtracting(keptPlans)).sorted()

        // The snapshots kept plans and their applies read are pinned.
        var pinned = Set(planEvents.filter { keptPlans.contains($0.id) }.flatMap(\.reads).compactMap(\.current))
        for entry in entries where entry.event.kind == .apply {
            guard let plan = entry.appliedPlan, keptPlans.contains(plan) else { continue }
            pinned.formUnion(entry.reads.compactMap(\.current))
        }

        // A targeted run's partial snapshots are on no chain: kept while a kept plan read them,
        // collected with their plan otherwise.
        let partial = partialSnapshots(entries)
        let droppedPartial = partial.filter { !pinned.contains($0) }
        report.removedSnapshots += droppedPartial.compactMap { try? snapshots.info($0) }

        var heads: [String: HistoryRewrite] = [:]
        for side in [Refs.personio, Refs.learning360] {
            guard let head = try refs.get(side) else { continue }
            let history = try snapshots.history(from: head)
            // The head is the latest by the chain, whatever the clocks said.
            let kept = policy.select(history.map { (id: $0.id, takenAt: $0.takenAt) }).union(pinned).union([head])
            let rewrite = try rewriteHistory(from: head, keep: { kept.contains($0.id) }, write: !dryRun, step: step)
            report.removedSnapshots += rewrite.dropped
            report.rewritten.merge(rewrite.rewritten) { a, _ in a }
            report.keptSnapshots[side] = rewrite.kept.count
            heads[side] = rewrite
        }

        // The old ids stay meaningful: the map first, then the refs, then deletions.
        if !dryRun {
            for (old, new) in report.rewritten { history.record(old, .rewritten(to: new, on: now)) }
            for info in report.removedSnapshots { history.record(info.id, .collected(on: now)) }
            for id in droppedPartial { history.record(id, .collected(on: now)) }
            for plan in report.removedPlans { history.record(plan, .collected(on: now)) }
            try commit(history.rewrites, heads: heads, step: step)
        }
        report.writtenBytes = max(0, objectBytes() - sizeBefore)

        // Whatever any ref names stays too (refs other than the two sides are kept as they are).
        // The log's ids now resolve through this run's rewrites too.
        let named = refs.names().filter(Refs.isValidName).compactMap { try? refs.get($0) }
        let settled = history.entries
        let roots =
            heads.values.flatMap(\.kept) + Array(keptPlans) + named + partial.filter(pinned.contains)
            + settled.filter { $0.event.kind == .apply }.flatMap(\.writes).compactMap(\.current)
            + settled.filter { ![.pull, .plan, .apply].contains($0.event.kind) }.flatMap { $0.reads + $0.writes }.compactMap(\.current)
        // A dry run rewrites nothing, so a kept snapshot's old delta chain is not followed there.
        let reachable = try reach(from: roots, followingBases: !dryRun)
        let garbage = objects.allIDs().filter { !reachable.contains($0) }
        report.removedObjects = garbage.count
        report.removedBytes = garbage.reduce(0) { $0 + fileSize(objects.path(of: $1)) }
        if !dryRun {
            try delete(garbage, step: step)
            // A temp file of an interrupted write, or the scratch folder of a killed dry run
            // (`forget --dry-run`): nothing under the lock is writing them now.
            for temp in objects.tempFiles() { try? FileManager.default.removeItem(atPath: temp) }
        }
        if !dryRun && logged {
            try log.append(
                Event(
                    kind: .gc, time: now, user: Self.user, host: ProcessInfo.processInfo.hostName, command: "hrsync gc",
                    summary: report.summary))
        }
        return report
    }

    /// Crash-safe order for gc and forget: the rewrite map first (old ids stay meaningful), then
    /// each side's ref moves to its rewritten head; `step` after each durable write.
    func commit(_ map: RewriteMap, heads: [String: HistoryRewrite], step: () throws -> Void) throws {
        if map != (try rewrites()) {
            try saveRewrites(map)
            try step()
        }
        for (side, rewrite) in heads.sorted(by: { $0.key < $1.key }) {
            if let head = rewrite.head, try refs.get(side) != head {
                try refs.set(side, to: head)
                try step()
            }
        }
    }

    /// Each logged apply's plan (current id, still stored) and the apply's date, oldest first:
    /// what `revert` and `show` read for that apply start from its plan.
    func appliedPlans(_ entries: [History.Entry]) -> [(id: ObjectID, takenAt: Date)] {
        entries.compactMap { entry in
            guard let plan = entry.appliedPlan, objects.contains(plan) else { return nil }
            return (plan, entry.event.time)
        }
    }

    /// The meta key that marks a targeted run's partial snapshot.
    public static let partialMeta = "partial"

    /// Partial snapshots the log's pulls wrote (current ids): a targeted run's, on no side's chain.
    func partialSnapshots(_ entries: [History.Entry]) -> [ObjectID] {
        var found: [ObjectID] = []
        for entry in entries where entry.event.kind == .pull {
            for written in entry.writes {
                guard let id = written.current, objects.contains(id), !found.contains(id),
                    (try? snapshots.info(id))?.meta[Self.partialMeta] != nil
                else { continue }
                found.append(id)
            }
        }
        return found
    }

    /// Objects reachable from `roots`: snapshots (with their base chain), their packs and the
    /// packs those deltas are written against; plans and apply records themselves.
    func reach(from roots: [ObjectID], followingBases: Bool = true) throws -> Set<ObjectID> {
        var seen: Set<ObjectID> = []
        var queue = roots.filter(objects.contains)
        let reader = PackReader(objects: objects)
        while let id = queue.popLast() {
            guard seen.insert(id).inserted else { continue }
            // A parent is history, not content: a dropped snapshot goes though its child stays.
            for reference in try references(of: id, packs: reader) where reference.role != .parent && (followingBases || reference.role != .base) {
                queue.append(reference.id)
            }
        }
        return seen
    }

    /// Deletes unreachable objects so that what remains stays consistent at every step (fsck
    /// passes after a kill): an object goes only once no remaining garbage names it (a snapshot
    /// after its children, a pack after the snapshots listing it and the packs whose deltas use it).
    /// Times cannot order this: two pulls in the same second have equal dates.
    private func delete(_ garbage: [ObjectID], step: () throws -> Void) throws {
        let reader = PackReader(objects: objects)
        var names: [ObjectID: [ObjectID]] = [:]
        for id in garbage {
            names[id] = ((try? references(of: id, packs: reader)) ?? []).map(\.id)
        }
        var order: [ObjectID] = []
        while !names.isEmpty {
            let named = Set(names.values.flatMap { $0 })
            let free = names.keys.filter { !named.contains($0) }.sorted()
            let batch = free.isEmpty ? names.keys.sorted() : free  // a cycle is damage: delete anyway
            order += batch
            for id in batch { names[id] = nil }
        }
        for id in order {
            let path = objects.path(of: id)
            guard unlink(path) == 0 || errno == ENOENT else { throw StoreError.io(path: path, operation: "delete", errno: errno) }
            try step()
        }
        for folder in Set(order.map { PathText.folder(of: objects.path(of: $0)) }) {
            try FileSystem.syncDirectory(folder)
            rmdir(folder)  // only when empty
        }
    }

    func objectBytes() -> Int {
        objects.allIDs().reduce(0) { $0 + fileSize(objects.path(of: $1)) }
    }

    func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    static var user: String { ProcessInfo.processInfo.userName }
}

extension GcReport {
    /// One line for the log and the command's last line.
    public var summary: String {
        let verb = dryRun ? "would remove" : "removed"
        let sides = keptSnapshots.sorted { $0.key > $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        return
            "gc: \(verb) \(Plural.count(removedSnapshots.count, "snapshot")), \(Plural.count(removedPlans.count, "plan")), \(Plural.count(removedObjects, "object")) "
            + "(\(ByteCount.text(removedBytes))\(dryRun ? "" : ", \(ByteCount.text(writtenBytes)) written again")); kept \(sides.isEmpty ? "no snapshots" : sides)"
    }
}

/// `1.2 MiB` for people; exact bytes are in `--json`.
public enum ByteCount {
    /// `bytes` in B, KiB, MiB or GiB, one decimal above plain bytes.
    public static func text(_ bytes: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB"]
        var value = Double(bytes), unit = 0
        while abs(value) >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }
}
