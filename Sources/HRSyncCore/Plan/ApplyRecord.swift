/// What an apply did, action by action: the record `log`/`show` read for rollback inspection and
/// the source of ownership (SYNC-RULES §4–§6: hrsync only removes what it added itself).
/// Stored as an `apply` object by the apply engine.
public struct ApplyRecord: Codable, Equatable, Sendable {
    public enum Status: String, Codable, Sendable { case done, alreadyDone = "already_done", failed, skipped }

    public struct Result: Codable, Equatable, Sendable {
        public var action: PlanAction
        public var status: Status
        /// The 360Learning user the action ended up on (resolved for users created by the plan).
        public var userID: String?
        /// The vendor id written (created user, mapping, field; the manager linked), if any.
        public var vendorID: String?
        public var error: String?

        public init(action: PlanAction, status: Status, userID: String?, vendorID: String? = nil, error: String? = nil) {
            self.action = action
            self.status = status
            self.userID = userID
            self.vendorID = vendorID
            self.error = error
        }

        enum CodingKeys: String, CodingKey { case action, status, userID = "user_id", vendorID = "vendor_id", error }

        public var succeeded: Bool { status == .done || status == .alreadyDone }
    }

    public var plan: String
    public var results: [Result]

    public init(plan: String, results: [Result]) {
        self.plan = plan
        self.results = results
    }
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
