import Foundation

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
        /// The vendor id written (created user, mapping, field), if any.
        public var vendorID: String?
        public var error: String?

        public init(action: PlanAction, status: Status, userID: String?, vendorID: String? = nil, error: String? = nil) {
            self.action = action
            self.status = status
            self.userID = userID
            self.vendorID = vendorID
            self.error = error
        }
    }

    public var plan: String
    public var results: [Result]

    public init(plan: String, results: [Result]) {
        self.plan = plan
        self.results = results
    }

    enum CodingKeys: String, CodingKey { case plan, results }
}

extension Ownership {
    /// Ownership from the apply records, oldest first: roles and manager links hrsync added (and
    /// did not remove since), and every custom field it wrote values for.
    public static func from(_ records: [ApplyRecord]) -> Ownership {
        var ownership = Ownership()
        for record in records {
            for result in record.results where result.status == .done || result.status == .alreadyDone {
                if result.action.kind == .createField, let field = result.vendorID { ownership.fieldIDs.insert(field) }
                guard let user = result.userID else { continue }
                let action = result.action
                switch action.kind {
                case .addRole:
                    if let group = action.after["group"] ?? nil { ownership.learnerRoles.insert("\(group)/\(user)") }
                case .createUser, .restoreUser:
                    if let group = action.after["group"] ?? nil { ownership.learnerRoles.insert("\(group)/\(user)") }
                case .removeRole:
                    if let group = action.before["group"] ?? nil { ownership.learnerRoles.remove("\(group)/\(user)") }
                case .addManager:
                    if let manager = result.vendorID ?? (action.after["manager"] ?? nil) { ownership.managerLinks.insert("\(user)/\(manager)") }
                case .removeManager:
                    if let manager = action.before["manager"] ?? nil { ownership.managerLinks.remove("\(user)/\(manager)") }
                case .setCustomValues:
                    for key in action.after.keys {
                        let field = String(key.split(separator: "#")[0])
                        if !field.hasPrefix("name:") { ownership.fieldIDs.insert(field) }
                    }
                default:
                    break
                }
            }
        }
        return ownership
    }
}
