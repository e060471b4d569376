import Foundation
import HRSyncCore
import HRSyncStore

/// A saved plan that an apply already carried out, refused as terraform refuses a spent plan: running
/// it again would act on a platform that has moved on ("7 done, 3 already done"). A plan with an apply
/// record is always spent, even when that apply held deletes or blanks (a guard): nothing was written
/// for those, so a new plan (`hrsync apply --allow-deletes N` / `--allow-blanking FIELD`) shows them again.
public struct SpentPlan: Error, LocalizedError, Equatable {
    /// The apply record that used the plan (its id as logged).
    public var apply: ObjectID
    /// When that apply ran.
    public var time: Date
    /// The deletes that apply held (the deletion guard).
    public var heldDeletes = 0
    /// Whether that apply held blanks (the blanking guard).
    public var heldBlanks = false
    /// The fields whose blanks the plan's blanking guard named (empty when unknown).
    public var heldFields: [String] = []

    /// A spent plan's refusal: the apply that spent it, when, and what it held.
    public init(apply: ObjectID, time: Date, heldDeletes: Int = 0, heldBlanks: Bool = false, heldFields: [String] = []) {
        self.apply = apply
        self.time = time
        self.heldDeletes = heldDeletes
        self.heldBlanks = heldBlanks
        self.heldFields = heldFields
    }

    /// What to do instead.
    public var errorDescription: String? {
        let at = ISO8601DateFormatter.string(from: time, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withInternetDateTime])
        let spent = "this plan was applied by apply \(apply.short) at \(at): a plan is applied once"
        guard heldDeletes > 0 || heldBlanks else { return spent + " (run 'hrsync plan' for a new one)" }
        let held = [
            heldDeletes > 0 ? Plural.count(heldDeletes, "delete") : nil,
            heldBlanks ? "the blanks of " + (heldFields.isEmpty ? "some fields" : heldFields.joined(separator: ", ")) : nil
        ].compactMap { $0 }.joined(separator: " and ")
        let options = [
            heldDeletes > 0 ? "--allow-deletes \(heldDeletes)" : nil,
            heldBlanks ? (heldFields.isEmpty ? "--allow-blanking FIELD" : BlankingGuard.allowOptions(heldFields)) : nil
        ].compactMap { $0 }.joined(separator: " ")
        return spent + "; it held \(held), which it did not write: to release them, run 'hrsync apply \(options)'"
            + " (a new plan, where they show up again)"
    }

    /// Throws when the log has an apply of `planID`, whatever it held; an interrupted apply (no log entry yet) resumes.
    public static func check(_ planID: ObjectID, state: StateDirectory) throws {
        let history = try state.history()
        for entry in history.entries(.apply).reversed() where entry.appliedPlan == planID {
            guard let recordID = entry.written else { continue }
            let record = try? CanonicalJSON.decode(ApplyRecord.self, from: state.objects.get(recordID, as: .apply))
            let results = record?.results ?? []
            // Held blanks of an action that still wrote something are not in the results: the event's outcome counts them.
            let heldBlanks = (entry.event.outcome?["blanking_held"] ?? 0) > 0 || results.contains { $0.isHeld && $0.action.kind != .deleteUser }
            let plan = heldBlanks ? try? CanonicalJSON.decode(Plan.self, from: state.objects.get(planID, as: .plan)) : nil
            throw SpentPlan(
                apply: entry.writes[0].logged, time: entry.event.time,
                heldDeletes: results.filter { $0.isHeld && $0.action.kind == .deleteUser }.count, heldBlanks: heldBlanks,
                heldFields: plan?.blankingHeld.map(\.field) ?? [])
        }
    }
}
