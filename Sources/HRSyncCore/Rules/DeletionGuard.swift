/// SYNC-RULES §7, deletion guard: more deletes than `sync.max_deletes` allows holds the plan.
public enum DeletionGuard {
    public struct Verdict: Codable, Equatable, Sendable {
        public var deletes: Int
        public var allowed: Int
        public var syncedUsers: Int
        /// `sync.max_deletes` as configured ("25" or "5%").
        public var limit: String

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
