/// SYNC-RULES §7, deletion guard: more deletes than `sync.max_deletes` allows holds the plan.
public enum DeletionGuard {
    /// Why a plan is held: its `held` in the plan file.
    public struct Verdict: Codable, Equatable, Sendable {
        /// The users the plan deletes.
        public var deletes: Int
        /// The deletes `sync.max_deletes` allows for `syncedUsers`.
        public var allowed: Int
        /// The users matched to a Personio employee: what a share is taken of.
        public var syncedUsers: Int
        /// `sync.max_deletes` as configured ("25" or "5%").
        public var limit: String

        /// A verdict as computed, or read from a plan.
        public init(deletes: Int, allowed: Int, syncedUsers: Int, limit: String) {
            self.deletes = deletes
            self.allowed = allowed
            self.syncedUsers = syncedUsers
            self.limit = limit
        }

        enum CodingKeys: String, CodingKey { case deletes, allowed, syncedUsers = "synced_users", limit }
    }

    /// The verdict when the deletes exceed the limit, or nil. Counted from the plan's own delete
    /// actions, so apply can compute it again from the plan and the config alone.
    public static func check(_ actions: [PlanAction], syncedUsers: Int, limit: DeletionLimit) -> Verdict? {
        let deletes = Set(actions.filter { $0.kind == .deleteUser }.compactMap(\.user)).count
        let allowed = limit.allowedDeletes(syncedUsers: syncedUsers)
        guard deletes > allowed else { return nil }
        return Verdict(deletes: deletes, allowed: allowed, syncedUsers: syncedUsers, limit: limit.description)
    }
}
