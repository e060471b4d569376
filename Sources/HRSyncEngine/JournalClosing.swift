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
        let by = apply.map { "apply \($0.short) of plan \(planID.short)" } ?? "plan \(planID.short), which found nothing left to do"
        return try state.closeJournals(supersededBy: planID) { old in
            Invocation.event(.journal, summary: "closed the journal of plan \(old.short): superseded by \(by)")
        }
    }
}
