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
        let entries = try state.history().entries
        for old in superseded {
            guard !entries.contains(where: { $0.event.kind == .apply && $0.reads.first?.readable == old }) else { continue }
            var finished: [Int: ApplyRecord.Result] = [:]
            // Bulk lines name an operation, not an action; a line torn by the kill is no action.
            for case .action(let entry) in try Journal(state: state, plan: old).lines() {
                finished[entry.index] = entry.result
            }
            finished.merge(tookEffect(state, killed: old, journaled: Set(finished.keys), now: plan)) { journaled, _ in journaled }
            guard !finished.isEmpty else { continue }
            let record = ApplyRecord(plan: old.hex, results: finished.sorted { $0.key < $1.key }.map(\.value))
            let id = try state.objects.put(.apply, try CanonicalJSON.encode(record))
            let planned = entries.last { $0.event.kind == .plan && $0.writes.contains { $0.readable == old } }?.event
            var people = Set<String>()
            for case let person? in record.results.map(\.action.person) {
                people.formUnion(PersonQuery.keys(personioID: person.personioID, email: person.email))
            }
            let done = record.results.filter(\.succeeded).count
            try state.log.append(
                Invocation.event(
                    .apply, reads: [old] + (planned?.reads ?? []), writes: [id],
                    summary: "interrupted: \(done) of \(record.results.count) journaled actions done before its run was killed"
                        + " (recorded from its journal when plan \(planID.short) superseded it)",
                    people: people.sorted()))
        }
    }

    /// The adds of the killed plan that have no journal line but show on the platform as `now`
    /// (the superseding plan) read it: writes in flight at the kill took effect unjournaled. They
    /// were absent when the killed plan was made, so they are that run's and hrsync's (recorded
    /// `already_done`), or a later move would leave such a placement or manager link behind.
    static func tookEffect(_ state: StateDirectory, killed: ObjectID, journaled: Set<Int>, now plan: Plan) -> [Int: ApplyRecord.Result] {
        guard let killedPlan = try? CanonicalJSON.decode(Plan.self, from: state.objects.get(killed, as: .plan)),
            let snapshot = ObjectID(hex: plan.learning360Snapshot),
            let lms = try? LMSSnapshotRecords.decode(state.snapshots.read(snapshot).records)
        else { return [:] }
        var found: [Int: ApplyRecord.Result] = [:]
        for (index, action) in killedPlan.actions.enumerated() where !journaled.contains(index) {
            switch action.change {
            case .addRole(let group):
                guard let user = action.user?.existingID, lms.memberships[RoleKey(group: group, user: user)]?.roles.contains("learner") == true else {
                    continue
                }
                found[index] = .init(action: action, status: .alreadyDone, userID: user)
            case .addManager(let manager):
                guard let user = action.user?.existingID, let id = manager.existingID, lms.users[user]?.managers?.contains(id) == true else { continue }
                found[index] = .init(action: action, status: .alreadyDone, userID: user, vendorID: id)
            case .createUser(let new):
                guard let user = lms.users.values.first(where: { $0.mail.map(MatchRule.normalize) == MatchRule.normalize(new.mail) && $0.status != "deleted" }),
                    lms.memberships[RoleKey(group: new.group, user: user.id)]?.roles.contains("learner") == true
                else { continue }
                found[index] = .init(action: action, status: .alreadyDone, userID: user.id, vendorID: user.id)
            default:
                continue
            }
        }
        return found
    }
}
