/// What hrsync itself added to 360Learning in earlier applies (SYNC-RULES §4–§6): only these may
/// be removed again. Built from the store's apply records; empty before the first apply.
public struct Ownership: Equatable, Sendable {
    /// Learner roles hrsync added.
    public var learnerRoles: Set<RoleKey> = []
    /// Manager links hrsync added.
    public var managerLinks: Set<ManagerLink> = []
    /// Custom-field definition ids hrsync wrote values for.
    public var fieldIDs: Set<String> = []
    /// Users whose deactivation hrsync scheduled (and did not clear since).
    public var deactivations: Set<String> = []

    public init() {}
}
