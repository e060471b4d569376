import Foundation
import HRSyncCore
import Testing

@testable import HRSyncStore

/// gc with the README's policy over a cron-like history (a nightly plan and apply, then a check
/// `plan` later that day): every apply the policy keeps can still be reverted and shown.
@Suite struct GcKeptAppliesTests {
    static let day0 = ISO8601DateFormatter().date(from: "2026-01-01T02:00:00Z")!

    struct History { var applies: [(record: ObjectID, time: Date)] = [] }

    static func nights(in state: StateDirectory, days: Int) throws -> History {
        var history = History()
        var parents: [String: ObjectID] = [:]
        func event(_ kind: Event.Kind, _ time: Date, reads: [ObjectID] = [], writes: [ObjectID]) throws {
            try state.log.append(
                Event(kind: kind, time: time, user: "t", host: "h", command: "hrsync \(kind)", reads: reads, writes: writes, summary: "\(kind)"))
        }
        func plan(_ p: ObjectID, _ l: ObjectID, _ config: String) throws -> ObjectID {
            try state.objects.put(
                .plan,
                try CanonicalJSON.encode(
                    Plan(
                        personioSnapshot: p.hex, learning360Snapshot: l.hex, configHash: config, target: "t", actions: [],
                        warnings: [], conflicts: [], held: nil, syncedUsers: 0, summary: PlanSummary())))
        }
        for day in 0..<days {
            let night = day0.addingTimeInterval(Double(day) * 86_400)
            var ids: [ObjectID] = []
            for side in [Refs.personio, Refs.learning360] {
                let id = try state.snapshots.write(Snapshot(kind: side, takenAt: night, records: syntheticRecords(6, version: day)), parent: parents[side])
                try state.refs.set(side, to: id)
                try event(.pull, night, reads: parents[side].map { [$0] } ?? [], writes: [id])
                parents[side] = id
                ids.append(id)
            }
            let nightly = try plan(ids[0], ids[1], "nightly")
            try event(.plan, night, reads: ids, writes: [nightly])
            let record = try state.objects.put(.apply, try CanonicalJSON.encode(ApplyRecord(plan: nightly.hex, results: [])))
            try event(.apply, night.addingTimeInterval(300), reads: [nightly] + ids, writes: [record])
            history.applies.append((record, night.addingTimeInterval(300)))
            // Someone checks later that day: a newer plan, not applied.
            try event(.plan, night.addingTimeInterval(8 * 3600), reads: ids, writes: [try plan(ids[0], ids[1], "check")])
        }
        return history
    }

    /// What `revert` (RevertEngine.run) and `show --html` read for an apply: its record, its plan,
    /// and the 360Learning snapshot the plan read (each through the rewrite map).
    static func revertInputs(of apply: ObjectID, in state: StateDirectory) throws -> Snapshot {
        let map = try state.rewrites()
        let record = try CanonicalJSON.decode(ApplyRecord.self, from: state.objects.get(try #require(map.current(apply)), as: .apply))
        let planID = try #require(ObjectID(hex: record.plan).flatMap(map.current), "the plan of apply \(apply.short) was collected")
        let plan = try CanonicalJSON.decode(Plan.self, from: state.objects.get(planID, as: .plan))
        let before = try #require(ObjectID(hex: plan.learning360Snapshot).flatMap(map.current), "the snapshot the plan read was collected")
        return try state.snapshots.read(before)
    }

    @Test func everyKeptApplyKeepsItsPlanAndWhatThePlanRead() throws {
        let temp = try TemporaryState()
        let history = try Self.nights(in: temp.state, days: 200)
        let policy = try KeepPolicy.parse("daily=30,weekly=12,monthly=24")

        let report = try temp.state.gc(policy: policy, dryRun: false)
        #expect(!report.removedPlans.isEmpty && !report.removedSnapshots.isEmpty, "gc still collects: \(report.summary)")

        // revert HEAD: the newest apply.
        let head = try #require(history.applies.last)
        #expect(try Self.revertInputs(of: head.record, in: temp.state).records == syntheticRecords(6, version: 199))
        let kept = policy.select(history.applies.reversed().map { (id: $0.record, takenAt: $0.time) })
        #expect(kept.count >= 40, "the README policy keeps 41 of 200 nightly applies")
        for apply in history.applies where kept.contains(apply.record) {
            #expect(throws: Never.self, "apply of \(apply.time)") { _ = try Self.revertInputs(of: apply.record, in: temp.state) }
        }
        #expect(temp.state.fsck().isClean)
        // Nothing left to do.
        #expect(try temp.state.gc(policy: policy, dryRun: false).removedObjects == 0)
    }
}
