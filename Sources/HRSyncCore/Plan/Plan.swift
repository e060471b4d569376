import Foundation

/// A reviewable change plan: plain data, versioned, bound to the snapshots, config and target it
/// was computed from. Apply executes `actions` in order.
public struct Plan: Codable, Equatable, Sendable {
    public static let formatVersion = "1.0"

    public var formatVersion: String
    public var personioSnapshot: String
    public var learning360Snapshot: String
    public var configHash: String
    public var target: String
    public var actions: [PlanAction]
    public var warnings: [String]
    public var conflicts: [String]
    public var held: Bool
    public var heldReason: String?
    public var summary: PlanSummary

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", personioSnapshot = "personio_snapshot", learning360Snapshot = "learning360_snapshot"
        case configHash = "config_hash", target, actions, warnings, conflicts, held, heldReason = "held_reason", summary
    }

    public var isEmpty: Bool { actions.isEmpty }
}

public struct PlanSummary: Codable, Equatable, Sendable {
    public var create = 0
    public var update = 0
    public var delete = 0
    public var restore = 0
    public var warnings = 0
    public var conflicts = 0

    public init() {}

    /// "Plan: 3 to create, 5 to update, 1 to delete, 0 to restore; 2 warnings."
    public var line: String {
        "Plan: \(create) to create, \(update) to update, \(delete) to delete, \(restore) to restore; \(warnings) warning\(warnings == 1 ? "" : "s")\(conflicts > 0 ? ", \(conflicts) conflict\(conflicts == 1 ? "" : "s")" : "")."
    }
}

public struct PlanAction: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case createField = "create_field"
        case createUser = "create_user"
        case restoreUser = "restore_user"
        case createMapping = "create_mapping"
        case updateUser = "update_user"
        case setCustomValues = "set_custom_values"
        case addRole = "add_role"
        case removeRole = "remove_role"
        case addManager = "add_manager"
        case removeManager = "remove_manager"
        case deleteUser = "delete_user"

        /// SYNC-RULES §6: creates and restores first, then mappings, fields, groups, managers; deletes last.
        public var phase: Int {
            switch self {
            case .createField: 0
            case .createUser, .restoreUser: 1
            case .createMapping: 2
            case .updateUser, .setCustomValues: 3
            case .addRole, .removeRole: 4
            case .addManager, .removeManager: 5
            case .deleteUser: 6
            }
        }
    }

    public var kind: Kind
    public var personioID: Int?
    /// The person as shown to a reviewer ("Ada Lovelace <ada@…>").
    public var person: String
    /// The 360Learning user; nil when the user is created by this plan (apply resolves it by `personioID`).
    public var userID: String?
    /// What the action reads or sets, as plain strings; `before` is what the 360Learning snapshot
    /// held (apply re-checks it), `after` what the action writes. A nil value is "empty".
    public var before: [String: String?]
    public var after: [String: String?]
    public var reason: String

    public init(kind: Kind, personioID: Int?, person: String, userID: String?, before: [String: String?] = [:],
                after: [String: String?] = [:], reason: String) {
        self.kind = kind
        self.personioID = personioID
        self.person = person
        self.userID = userID
        self.before = before
        self.after = after
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case kind, personioID = "personio_id", person, userID = "user_id", before, after, reason
    }
}
