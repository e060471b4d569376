/// What an apply did, action by action: the record `log`/`show` read for rollback inspection and
/// the source of ownership (SYNC-RULES §4–§6: hrsync only removes what it added itself).
/// Stored as an `apply` object by the apply engine.
public struct ApplyRecord: Codable, Equatable, Sendable {
    /// How one action ended: `done`; `already_done` (the platform already showed it, e.g. when a
    /// killed apply resumes); `failed` (`error` says why); `skipped` (not attempted: what it needs
    /// failed, or its day passed).
    /// `held`: a delete the deletion guard held while the rest applied (`sync.on_guard: hold_guarded`).
    public enum Status: String, Codable, Sendable, CaseIterable { case done, alreadyDone = "already_done", failed, skipped, held }

    /// One action of the plan and how it ended.
    public struct Result: Codable, Equatable, Sendable {
        /// The action as the plan had it.
        public var action: PlanAction
        /// How it ended; `succeeded` and `isHeld` read it.
        public var status: Status
        /// The 360Learning user the action ended up on (resolved for users created by the plan).
        public var userID: String?
        /// The vendor id written (created user, mapping, field; the manager linked), if any.
        public var vendorID: String?
        /// Why it failed or was skipped (or the vendor's code for an `already_done`); nil otherwise.
        public var error: String?

        /// The outcome of one action.
        public init(action: PlanAction, status: Status, userID: String?, vendorID: String? = nil, error: String? = nil) {
            self.action = action
            self.status = status
            self.userID = userID
            self.vendorID = vendorID
            self.error = error
        }

        enum CodingKeys: String, CodingKey { case action, status, userID = "user_id", vendorID = "vendor_id", error }

        /// Done or already done: the platform shows the change, so it counts for `Ownership`.
        public var succeeded: Bool { status == .done || status == .alreadyDone }

        /// Held by the deletion guard; records written before `held` existed said so as a skip.
        public var isHeld: Bool { status == .held || (status == .skipped && error == ApplyRecord.legacyHeldNote) }
    }

    /// The id (SHA-256, hex) of the plan object applied.
    public var plan: String
    /// The outcome of each action the apply reached, in plan order.
    public var results: [Result]

    /// How a held delete was recorded before the `held` status.
    public static let legacyHeldNote = "held by the deletion guard"

    /// Results by status (`held` includes the held deletes of older records): what the log keeps.
    public var outcome: [Status: Int] {
        var counts: [Status: Int] = [:]
        for result in results { counts[result.isHeld ? .held : result.status, default: 0] += 1 }
        return counts
    }

    /// The record of applying plan `plan`.
    public init(plan: String, results: [Result]) {
        self.plan = plan
        self.results = results
    }
}
