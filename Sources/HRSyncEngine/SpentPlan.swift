import Foundation
import HRSyncCore
import HRSyncStore

/// A saved plan that an apply already carried out, refused as terraform refuses a spent plan: running
/// it again would act on a platform that has moved on ("7 done, 3 already done"). A plan whose apply
/// held actions (a guard) stays appliable, so that `--allow-deletes` or `--allow-blanking` can release what was held.
public struct SpentPlan: Error, LocalizedError, Equatable {
    /// The apply record that used the plan (its id as logged).
    public var apply: ObjectID
    /// When that apply ran.
    public var time: Date

    /// What to do instead.
    public var errorDescription: String? {
        let at = ISO8601DateFormatter.string(from: time, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withInternetDateTime])
        return "this plan was applied by apply \(apply.short) at \(at): a plan is applied once (run 'hrsync plan' for a new one)"
    }

    /// Throws when the log has an apply of `planID` that held nothing; an interrupted apply (no log entry yet) resumes.
    public static func check(_ planID: ObjectID, state: StateDirectory) throws {
        let history = try state.history()
        for entry in history.entries(.apply).reversed() where entry.appliedPlan == planID {
            // Held blanks (the blanking guard) are not in the results: the event's outcome counts them.
            if (entry.event.outcome?["blanking_held"] ?? 0) > 0 { return }
            guard let recordID = entry.written,
                let record = try? CanonicalJSON.decode(ApplyRecord.self, from: state.objects.get(recordID, as: .apply))
            else { continue }
            if record.results.contains(where: \.isHeld) { return }
            throw SpentPlan(apply: entry.writes[0].logged, time: entry.event.time)
        }
    }
}
