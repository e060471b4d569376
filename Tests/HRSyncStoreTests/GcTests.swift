import Foundation
import HRSyncCore
import HRSyncTestSupport
import Testing

@testable import HRSyncStore

/// `gc` over a year of daily pulls (2026-01-01 … 2026-12-31): it keeps exactly the snapshots the
/// policy selects, each still reading as it did, and a run stopped at any step leaves a store fsck
/// passes and that a second run finishes.
@Suite struct GcTests {
    static let day0 = ISO8601DateFormatter().date(from: "2026-01-01T06:00:00Z")!

    /// A year of daily Personio snapshots of 12 people, one record edited a day, each logged as a pull.
    static func year(in temp: TemporaryState, days: Int = 365) throws -> [(id: ObjectID, takenAt: Date, records: [String: Data])] {
        var result: [(id: ObjectID, takenAt: Date, records: [String: Data])] = []
        var records = syntheticRecords(12)
        var parent: ObjectID?
        for day in 0..<days {
            let key = String(1000 + day % 12)
            records[key] = Data(#"{"id":\#(key),"position":"Role on day \#(day)","status":"active"}"#.utf8)
            let takenAt = day0.addingTimeInterval(Double(day) * 86_400)
            let id = try temp.state.snapshots.write(Snapshot(kind: "personio", takenAt: takenAt, records: records), parent: parent)
            try temp.state.refs.set(Refs.personio, to: id)
            try temp.state.log.append(Event(kind: .pull, time: takenAt, user: "t", host: "h", command: "hrsync pull", writes: [id], summary: "pull \(day)"))
            result.append((id, takenAt, records))
            parent = id
        }
        return result
    }

    @Test(arguments: [
        KeepPolicy(withinDays: 90),
        KeepPolicy(daily: 30),
        KeepPolicy(weekly: 12),
        KeepPolicy(monthly: 24),
        KeepPolicy(withinDays: 90, monthly: 12),
        KeepPolicy(withinDays: 30, daily: 40, weekly: 8, monthly: 6)
    ])
    func keepsExactlyWhatThePolicySays(policy: KeepPolicy) throws {
        let temp = try TemporaryState()
        let year = try Self.year(in: temp)
        let expected = policy.select(year.map { (id: $0.id, takenAt: $0.takenAt) })
        let before = directorySize(temp.path)

        let report = try temp.state.gc(policy: policy, dryRun: false)

        let history = try temp.state.snapshots.history(from: try #require(try temp.state.refs.get(Refs.personio)))
        let wanted = year.filter { expected.contains($0.id) }
        #expect(history.map(\.takenAt) == wanted.map(\.takenAt).reversed(), "\(policy)")
        #expect(report.removedSnapshots.count == 365 - expected.count)
        for (info, original) in zip(history, wanted.reversed()) {
            #expect(try temp.state.snapshots.read(info.id).records == original.records, "\(policy): \(info.takenAt)")
            // The old id (from the log, a shell history) still names it.
            #expect(try Revision.resolve(String(original.id.hex.prefix(12)), in: temp.state) == info.id)
        }
        let fsck = temp.state.fsck()
        #expect(fsck.isClean, "\(fsck.faults)")
        #expect(directorySize(temp.path) < before)
        // The dropped records' bytes are gone: every record line left in any pack belongs to a kept snapshot.
        #expect(try Self.storedRecords(temp.state) == Set(wanted.flatMap { $0.records.values }), "\(policy)")
        // A dropped snapshot's id says what became of it.
        if let gone = year.first(where: { !expected.contains($0.id) }) {
            #expect(temp.state.removedNote(for: gone.id)?.hasPrefix("collected by gc on ") == true)
            #expect(throws: StoreError.self) { try Revision.resolve(gone.id.hex, in: temp.state) }
        }
        // Nothing left to do: a second run removes nothing and keeps the ids.
        let again = try temp.state.gc(policy: policy, dryRun: false)
        #expect(again.removedObjects == 0 && again.rewritten.isEmpty)
    }

    /// Every record line of every pack in the store, resolved (deltas applied).
    static func storedRecords(_ state: StateDirectory) throws -> Set<Data> {
        let reader = PackReader(objects: state.objects)
        var records: Set<Data> = []
        for id in state.objects.allIDs() where try state.objects.get(id).kind == .pack {
            let pack = try reader.pack(id)
            for ordinal in pack.lines.indices where !(ordinal == 0 && !pack.bases.isEmpty) && !pack.lines[ordinal].isEmpty {
                records.insert(try reader.record(RecordRef(pack: id, ordinal: ordinal)))
            }
        }
        return records
    }

    /// A killed `forget --dry-run` leaves its scratch folder of objects under objects/, and a
    /// killed write a temp file: fsck notes both as harmless, and gc removes both.
    @Test func gcRemovesAKilledDryRunsScratchFolderAndTempFiles() throws {
        let temp = try TemporaryState()
        _ = try Self.year(in: temp, days: 3)
        let objects = temp.state.objects
        let scratch = "\(objects.directory)/\(FileSystem.tempPrefix)dry-run-0123456789ab"
        try FileManager.default.createDirectory(atPath: "\(scratch)/ab", withIntermediateDirectories: true)
        try Data("a rewritten object".utf8).write(to: URL(fileURLWithPath: "\(scratch)/ab/cdef"))
        let kept = try #require(objects.allIDs().first)
        let tempFile = "\(PathText.folder(of: objects.path(of: kept)))/\(FileSystem.tempPrefix)0123"
        try Data("torn".utf8).write(to: URL(fileURLWithPath: tempFile))
        #expect(Set(objects.tempFiles()) == [scratch, tempFile])
        #expect(temp.state.fsck().notes.contains { $0.contains("2 leftover temp files") }, "\(temp.state.fsck().notes)")

        _ = try temp.state.gc(policy: KeepPolicy(withinDays: 1_000_000), dryRun: false)
        #expect(!FileManager.default.fileExists(atPath: scratch) && !FileManager.default.fileExists(atPath: tempFile))
        #expect(objects.tempFiles().isEmpty)
        let fsck = temp.state.fsck()
        #expect(fsck.isClean && fsck.notes.isEmpty, "\(fsck.faults) \(fsck.notes)")
    }

    @Test func dryRunChangesNothingAndCountsTheBytes() throws {
        let temp = try TemporaryState()
        _ = try Self.year(in: temp, days: 60)
        let files = try FileManager.default.subpathsOfDirectory(atPath: temp.path).sorted()
        let head = try temp.state.refs.get(Refs.personio)
        let report = try temp.state.gc(policy: KeepPolicy(daily: 7), dryRun: true)
        #expect(report.removedSnapshots.count == 53)
        #expect(report.removedBytes > 0 && report.removedObjects > 0)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: temp.path).sorted() == files)
        #expect(try temp.state.refs.get(Refs.personio) == head)
    }

    @Test func keptPlansKeepTheSnapshotsTheyRead() throws {
        let temp = try TemporaryState()
        let year = try Self.year(in: temp, days: 40)
        func plan(_ snapshot: ObjectID) throws -> ObjectID {
            try temp.state.objects.put(
                .plan,
                try CanonicalJSON.encode(
                    Plan(
                        personioSnapshot: snapshot.hex, learning360Snapshot: snapshot.hex, configHash: "c", target: "t", actions: [],
                        warnings: [], conflicts: [], held: nil, syncedUsers: 0, summary: PlanSummary())))
        }
        let oldPlan = try plan(year[4].id), plan = try plan(year[10].id)
        try temp.state.log.append(
            Event(kind: .plan, time: year[5].takenAt, user: "t", host: "h", command: "hrsync plan", reads: [year[4].id], writes: [oldPlan], summary: "plan"))
        try temp.state.log.append(
            Event(kind: .plan, time: year[10].takenAt, user: "t", host: "h", command: "hrsync plan", reads: [year[10].id], writes: [plan], summary: "plan"))

        let report = try temp.state.gc(policy: KeepPolicy(daily: 1), dryRun: false)

        #expect(report.removedPlans == [oldPlan])
        #expect(temp.state.objects.contains(plan) && !temp.state.objects.contains(oldPlan))
        let kept = try temp.state.snapshots.history(from: try #require(try temp.state.refs.get(Refs.personio))).map(\.takenAt)
        #expect(kept == [year[39], year[10]].map(\.takenAt), "the newest plan is kept, and the snapshot it read")
        #expect(temp.state.fsck().isClean)
    }

    /// A run stopped after any durable step (as kill -9 would) leaves a store fsck passes with
    /// every kept revision readable; the next run finishes the job.
    @Test func aRunStoppedAtAnyStepIsFinishedByTheNext() throws {
        var random = SeededRandom.forTest()
        let policy = KeepPolicy(withinDays: 5, weekly: 3)
        struct Stop: Error {}
        let probe = try TemporaryState()
        _ = try Self.year(in: probe, days: 40)
        let steps = Counter()
        _ = try probe.state.gc(policy: policy, dryRun: false, hooks: RetentionHooks { steps.value = max(steps.value, $0) })
        #expect(steps.value > 10, "the run has steps to stop at")
        for _ in 0..<4 {
            let temp = try TemporaryState()
            let year = try Self.year(in: temp, days: 40)
            let stopAt = Int.random(in: 1...steps.value, using: &random)
            #expect(throws: Stop.self) {
                try temp.state.gc(policy: policy, dryRun: false, hooks: RetentionHooks { if $0 == stopAt { throw Stop() } })
            }
            let fsck = temp.state.fsck()
            #expect(fsck.isClean, "stopped at step \(stopAt): \(fsck.faults) \(random.replay)")
            let head = try #require(try temp.state.refs.get(Refs.personio))
            #expect(try temp.state.snapshots.read(head).records == year.last!.records, "\(random.replay)")

            _ = try temp.state.gc(policy: policy, dryRun: false)
            let kept = try temp.state.snapshots.history(from: try #require(try temp.state.refs.get(Refs.personio))).map(\.takenAt)
            let expected = year.filter { policy.select(year.map { (id: $0.id, takenAt: $0.takenAt) }).contains($0.id) }.map(\.takenAt).reversed()
            #expect(kept == Array(expected), "stopped at step \(stopAt), \(random.replay)")
            #expect(temp.state.fsck().isClean, "\(random.replay)")
            #expect(directorySize(temp.path + "/objects") == directorySize(probe.path + "/objects"), "the same store as an uninterrupted run, \(random.replay)")
        }
    }
}

final class Counter: @unchecked Sendable {
    var value = 0
}

extension GcTests {
    /// Two pulls a second apart, each planned and applied: `daily: 1` keeps only the newer.
    @Test func sameDayKeepsTheNewestPullOnly() throws {
        let temp = try TemporaryState()
        // The same second: the later log entry is the newer plan, the later snapshot the head.
        let t0 = Self.day0
        var heads: [ObjectID] = []
        var parent: ObjectID?
        for (i, time) in [t0, t0].enumerated() {
            let id = try temp.state.snapshots.write(
                Snapshot(kind: "personio", takenAt: time, records: ["1": Data(#"{"id":1,"v":\#(i)}"#.utf8)]), parent: parent)
            try temp.state.refs.set(Refs.personio, to: id)
            try temp.state.log.append(
                Event(kind: .pull, time: time, user: "t", host: "h", command: "pull", reads: parent.map { [$0] } ?? [], writes: [id], summary: "pull"))
            let plan = try temp.state.objects.put(
                .plan,
                try CanonicalJSON.encode(
                    Plan(
                        personioSnapshot: id.hex, learning360Snapshot: id.hex, configHash: "c\(i)", target: "t", actions: [],
                        warnings: [], conflicts: [], held: nil, syncedUsers: 0, summary: PlanSummary())))
            try temp.state.log.append(Event(kind: .plan, time: time, user: "t", host: "h", command: "plan", reads: [id], writes: [plan], summary: "plan"))
            let apply = try temp.state.objects.put(.apply, try CanonicalJSON.encode(ApplyRecord(plan: plan.hex, results: [])))
            try temp.state.log.append(
                Event(kind: .apply, time: time, user: "t", host: "h", command: "apply", reads: [plan, id], writes: [apply], summary: "apply"))
            heads.append(id)
            parent = id
        }
        let report = try temp.state.gc(policy: KeepPolicy(daily: 1), dryRun: false)
        #expect(report.removedSnapshots.map(\.id) == [heads[0]], "\(report.summary)")
        #expect(report.keptSnapshots[Refs.personio] == 1)
    }
}
