import Foundation
import HRSyncCore
import Testing

@testable import HRSyncStore

/// `history()`: the log's ids followed through gc's and forget's rewrites to what is stored now.
@Suite struct HistoryTests {
    /// Ten days of pulls, a plan and its apply (`ForgetTests.history`), then a gc that keeps the
    /// last three days (their chain is written again) and a forget that rewrites everything left.
    @Test func idsFollowGcAndForgetAndACollectedOneIsNil() throws {
        let temp = try TemporaryState()
        let (personio, planID) = try ForgetTests.history(in: temp)
        let state = temp.state

        _ = try state.gc(policy: KeepPolicy(daily: 3), dryRun: false)
        let afterGc = try state.history()
        let gcHead = try #require(try state.refs.get(Refs.personio))
        #expect(gcHead != personio[9], "dropping the first days wrote the kept chain again")
        #expect(afterGc.entries(.pull).last?.written == gcHead)

        _ = try state.forget("1004", dryRun: false)
        let history = try state.history()
        let head = try #require(try state.refs.get(Refs.personio))
        let lmsHead = try #require(try state.refs.get(Refs.learning360))
        #expect(head != gcHead, "forget rewrote the chain gc had written")

        let pulls = history.entries(.pull)
        #expect(pulls.count == 10)
        // A collected snapshot: no current id, and read as logged (the read then says it is gone).
        let first = try #require(pulls.first?.writes.first)
        #expect(first.logged == personio[0] && first.current == nil && first.readable == personio[0])
        #expect(history.currentID(of: personio[0]) == nil)
        // A rewrite of a rewrite is followed to what is stored.
        #expect(pulls.last?.written == head && history.currentID(of: personio[9]) == head)
        #expect(history.lastEntry(writing: head)?.event.id == pulls.last?.event.id)

        // The plan and its apply: at their rewritten ids, the plan naming the rewritten snapshots.
        let plan = try #require(history.entries(.plan).first)
        let planNow = try #require(plan.written)
        #expect(planNow != planID && history.currentID(of: planID) == planNow)
        #expect(plan.reads.map(\.current) == [head, lmsHead])
        #expect(plan.appliedPlan == nil, "a plan entry applies no plan")
        let stored = try CanonicalJSON.decode(Plan.self, from: state.objects.get(planNow, as: .plan))
        #expect(stored.personioSnapshot == head.hex && stored.learning360Snapshot == lmsHead.hex)
        #expect(history.lastEntry(writing: planNow)?.event.kind == .plan)
        let apply = try #require(history.entries(.apply).first)
        #expect(apply.appliedPlan == planNow)
        let record = try #require(apply.written)
        #expect(record != apply.event.writes[0] && state.objects.contains(record))

        // An id the map never saw is itself; an entry built from parts resolves the same way.
        let unknown = ObjectID.sha256(of: Data("never stored".utf8))
        #expect(history.currentID(of: unknown) == unknown)
        let parts = History(events: history.events, rewrites: try state.rewrites())
        #expect(parts.entry(for: apply.event).written == record)
    }
}

/// The journal's lines: written and read back by type; a torn line and a foreign one are told apart.
@Suite struct JournalLineTests {
    @Test func linesRoundTripAndOthersAreNotTakenForThem() throws {
        let temp = try TemporaryState()
        let plan = ObjectID.sha256(of: Data("plan".utf8))
        let journal = try Journal(state: temp.state, plan: plan)
        let action = JournalLine.action(
            .init(
                index: 3,
                result: ApplyRecord.Result(
                    action: PlanAction(.removeRole(group: "g1"), person: nil, user: .existing("u1"), reason: "left"), status: .done, userID: "u1")))
        let bulk = JournalLine.bulk(.init(bulk: "add_role", operation: "0123456789abcdef01234567"))
        try journal.append(bulk)
        try journal.append(action)
        try journal.append(Data(#"{"bulk":"add_role","operation":"x","name":"Quirin"}"#.utf8))  // more than a bulk line holds
        try journal.append(Data(#"{"index":4,"resu"#.utf8))  // torn by a kill
        #expect(try journal.lines() == [bulk, action])
        #expect(journal.path == "\(temp.state.path)/journal/\(plan.hex)" && temp.state.journalPlans() == [plan])

        let raw = try journal.entries()
        #expect(raw.map(JournalLine.isBulk) == [true, false, true, false])
        #expect(raw.map(JournalLine.isTorn) == [false, false, false, true])
        #expect(try bulk.encoded().starts(with: Data(#"{"bulk":"#.utf8)), "status counts actions by this prefix")
        #expect(Journal.unfinished(in: temp.state).map(\.actions) == [2], "every line but the bulk-named ones")
        journal.remove()
        #expect(temp.state.journalPlans().isEmpty)
    }
}

/// The object graph gc follows and fsck checks: a delta snapshot names its parent, base and packs.
@Suite struct ObjectReferenceTests {
    @Test func aDeltaSnapshotNamesItsParentBaseAndPacksAndGcFollowsOnlyContent() throws {
        let temp = try TemporaryState()
        let state = temp.state
        let base = try state.snapshots.write(Snapshot(kind: "personio", takenAt: Date(), records: syntheticRecords(8)), parent: nil)
        let next = try state.snapshots.write(
            Snapshot(kind: "personio", takenAt: Date(), records: syntheticRecords(8).merging(["1000": Data("{}".utf8)]) { $1 }), parent: base)
        let references = try state.references(of: next, packs: PackReader(objects: state.objects))
        #expect(Array(references.prefix(2)) == [.init(role: .parent, id: base), .init(role: .base, id: base)])
        #expect(!references.dropFirst(2).isEmpty && references.dropFirst(2).allSatisfy { $0.role == .pack && state.objects.contains($0.id) })
        let plan = try state.objects.put(.plan, Data("{}".utf8))
        #expect(try state.references(of: plan, packs: PackReader(objects: state.objects)).isEmpty, "the log names what a plan read")

        // A parent is not kept for its child; a base is, unless gc says not to follow bases.
        #expect(try state.reach(from: [next]).contains(base))
        #expect(try !state.reach(from: [next], followingBases: false).contains(base))
    }
}
