import Foundation
import HRSyncCore
import HRSyncStore

extension ApplyEngine {
    /// After a full plan applied without a failed action (`apply` is its record), or found nothing
    /// left to do (`apply` nil): the journals of earlier plans are closed, each with a log entry.
    /// A targeted or revert plan covers only part of the platform, so it closes none.
    @discardableResult
    public static func closeSupersededJournals(_ state: StateDirectory, plan: Plan, planID: ObjectID, apply: ObjectID?) throws -> [ObjectID] {
        guard plan.targeted == nil, plan.reverts == nil else { return [] }
        try recordSupersededJournals(state, plan: plan, planID: planID)
        let by = apply.map { "apply \($0.short) of plan \(planID.short)" } ?? "plan \(planID.short), which found nothing left to do"
        return try state.closeJournals(supersededBy: planID) { old in
            Invocation.event(.journal, summary: "closed the journal of plan \(old.short): superseded by \(by)")
        }
    }

    /// What the killed runs of the journals `plan` supersedes did becomes an apply record of
    /// their plan, logged (before `plan`'s own apply record, when the caller is that apply):
    /// ownership, what hrsync added and may remove later, is built from the apply records, and a
    /// role or manager link placed by a run killed before its record would otherwise never be
    /// hrsync's (cron's rerun plans anew and finds it done). Also `show` and `revert` can read it.
    /// A journal recorded already (a run killed before the journal went) is not recorded twice.
    public static func recordSupersededJournals(_ state: StateDirectory, plan: Plan, planID: ObjectID) throws {
        guard plan.targeted == nil, plan.reverts == nil else { return }
        let superseded = try state.journals(supersededBy: planID)
        guard !superseded.isEmpty else { return }
        let events = try state.log.events()
        let map = try state.rewrites()
        func current(_ id: ObjectID) -> ObjectID { map.current(id) ?? id }
        for old in superseded {
            guard !events.contains(where: { $0.kind == .apply && $0.reads.first.map(current) == old }) else { continue }
            var finished: [Int: ApplyRecord.Result] = [:]
            for line in try Journal(state: state, plan: old).entries() {
                // Bulk lines name an operation, not an action; a line torn by the kill is no action.
                guard let entry = try? CanonicalJSON.decode(Journal.Line.self, from: line) else { continue }
                finished[entry.index] = entry.result
            }
            guard !finished.isEmpty else { continue }
            let record = ApplyRecord(plan: old.hex, results: finished.sorted { $0.key < $1.key }.map(\.value))
            let id = try state.objects.put(.apply, try CanonicalJSON.encode(record))
            let planned = events.last { $0.kind == .plan && $0.writes.contains { current($0) == old } }
            var people = Set<String>()
            for case let person? in record.results.map(\.action.person) {
                people.insert(String(person.personioID))
                if let mail = person.email { people.insert(mail.lowercased()) }
            }
            let done = record.results.filter(\.succeeded).count
            try state.log.append(Invocation.event(.apply, reads: [old] + (planned?.reads ?? []), writes: [id],
                                                  summary: "interrupted: \(done) of \(record.results.count) journaled actions done before its run was killed"
                                                    + " (recorded from its journal when plan \(planID.short) superseded it)",
                                                  people: people.sorted()))
        }
    }
}
