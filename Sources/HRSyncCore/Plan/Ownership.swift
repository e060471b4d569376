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

    /// Owns nothing: the state before the first apply.
    public init() {}
}

extension Ownership {
    /// Ownership from the apply records, oldest first: roles and manager links hrsync added (and
    /// did not remove since), and every custom field it wrote values for.
    public static func from(_ records: [ApplyRecord]) -> Ownership {
        var ownership = Ownership()
        for record in records {
            for result in record.results where result.succeeded {
                ownership.record(result)
            }
        }
        return ownership
    }

    mutating func record(_ result: ApplyRecord.Result) {
        if case .createField = result.action.change, let field = result.vendorID { fieldIDs.insert(field) }
        guard let user = result.userID else { return }
        switch result.action.change {
        case .addRole(let group): learnerRoles.insert(RoleKey(group: group, user: user))
        case .createUser(let new):
            learnerRoles.insert(RoleKey(group: new.group, user: user))
            if new.deactivateAt != nil { deactivations.insert(user) }
        case .restoreUser(_, let group?): learnerRoles.insert(RoleKey(group: group, user: user))
        case .removeRole(let group): learnerRoles.remove(RoleKey(group: group, user: user))
        case .setDeactivation(_, let after):
            if after == nil { deactivations.remove(user) } else { deactivations.insert(user) }
        case .addManager(let manager):
            if let id = result.vendorID ?? manager.existingID { managerLinks.insert(ManagerLink(user: user, manager: id)) }
        case .removeManager(let manager): managerLinks.remove(ManagerLink(user: user, manager: manager))
        case .setCustomValues(_, let after): fieldIDs.formUnion(after.compactMap(\.field.existingID))
        default: break
        }
    }
}
