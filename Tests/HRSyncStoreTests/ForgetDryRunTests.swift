import Foundation
import HRSyncCore
import HRSyncTestSupport
import Testing

@testable import HRSyncStore

/// `forget --dry-run` takes the real run's path with its objects in a scratch folder: it counts
/// what the run rewrites (the plans and apply records that only read a rewritten snapshot too)
/// and leaves the store byte for byte as it was.
@Suite struct ForgetDryRunTests {
    @Test func theDryRunCountsWhatTheRunRewritesAndWritesNothing() throws {
        let temp = try TemporaryState()
        let (personio, _) = try ForgetTests.history(in: temp)
        let state = temp.state
        // A plan of someone else's change that read a snapshot holding them, and its apply.
        let other = PersonRef(personioID: 1005, name: "Lisbeth", email: "l@acme.example")
        let plan = Plan(
            personioSnapshot: personio[8].hex, learning360Snapshot: try #require(try state.refs.get(Refs.learning360)).hex, configHash: "c",
            target: "t",
            actions: [
                PlanAction(.updateUser([FieldChange(field: .job, before: "Day 7", after: "Day 8")]), person: other, user: .existing("u2"), reason: "job")
            ],
            warnings: [], conflicts: [], held: nil, syncedUsers: 2, summary: PlanSummary())
        let planID = try state.objects.put(.plan, try CanonicalJSON.encode(plan))
        let when = Date(timeIntervalSince1970: 1_790_100_000)
        try state.log.append(
            Event(
                kind: .plan, time: when, user: "t", host: "h", command: "hrsync plan", reads: [personio[8]], writes: [planID], summary: "plan", people: ["1005"]
            ))
        let applyID = try state.objects.put(
            .apply, try CanonicalJSON.encode(ApplyRecord(plan: planID.hex, results: [.init(action: plan.actions[0], status: .done, userID: "u2")])))
        try state.log.append(
            Event(
                kind: .apply, time: when, user: "t", host: "h", command: "hrsync apply", reads: [planID], writes: [applyID], summary: "applied",
                people: ["1005"]))

        let files = { try FileManager.default.subpathsOfDirectory(atPath: temp.path).sorted() }
        let before = try files()
        let dry = try state.forget("1004", dryRun: true)
        #expect(try files() == before, "a dry run writes nothing, and removes its scratch folder")
        let real = try state.forget("1004", dryRun: false)
        #expect(real.plans == 2 && real.applies == 2, "\(real.summary)")
        let counts = { (report: ForgetReport) -> [Int] in [report.snapshots, report.plans, report.applies, report.journals, report.logEntries] }
        #expect(counts(dry) == counts(real), "\(dry.summary) / \(real.summary)")
    }
}
