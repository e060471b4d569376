/// One change to 360Learning, typed by what it does: each kind carries its own payload, so nothing
/// downstream of the planner parses a string to learn what an action means.
public struct PlanAction: Equatable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case createField = "create_field"
        case createUser = "create_user"
        case restoreUser = "restore_user"
        case createMapping = "create_mapping"
        case updateUser = "update_user"
        case setCustomValues = "set_custom_values"
        case setDeactivation = "set_deactivation"
        case addRole = "add_role"
        case removeRole = "remove_role"
        case addManager = "add_manager"
        case removeManager = "remove_manager"
        case deleteUser = "delete_user"
        case deleteMapping = "delete_mapping"
        case deleteField = "delete_field"

        /// SYNC-RULES §6: creates and restores first, then mappings, fields, groups, managers; deletes last.
        public var phase: Int {
            switch self {
            case .createField: 0
            case .createUser, .restoreUser: 1
            case .createMapping: 2
            case .updateUser, .setCustomValues, .setDeactivation: 3
            case .addRole, .removeRole: 4
            case .addManager, .removeManager: 5
            case .deleteUser, .deleteMapping, .deleteField: 6
            }
        }
    }

    public enum Change: Equatable, Sendable {
        /// A custom-field definition (SYNC-RULES §4).
        case createField(name: String, type: String)
        case createUser(NewUser)
        /// A deleted user comes back by being created again with its mail (§2).
        case restoreUser(mail: String, group: String?)
        /// The `personio` external id that finds the user by Personio id next time.
        case createMapping(personioID: Int)
        case updateUser([FieldChange])
        /// The user's full list of custom values, as it was and as PUT writes it.
        case setCustomValues(before: [CustomValue], after: [CustomValue])
        /// `toBeDeactivatedAt` (UTC date-times) as it was and as it is set; nil clears it (`sync.leavers`).
        case setDeactivation(before: String?, after: String?)
        case addRole(group: String)
        case removeRole(group: String)
        case addManager(UserRef)
        case removeManager(userID: String)
        /// `status`: the user's status before (apply re-checks it).
        case deleteUser(status: String)
        /// Only in a revert with --include-definitions: a mapping (by its id) an apply created.
        case deleteMapping(mappingID: String, personioID: Int)
        /// Only in a revert with --include-definitions: a custom field an apply created.
        case deleteField(id: String, name: String)

        public var kind: Kind {
            switch self {
            case .createField: .createField
            case .createUser: .createUser
            case .restoreUser: .restoreUser
            case .createMapping: .createMapping
            case .updateUser: .updateUser
            case .setCustomValues: .setCustomValues
            case .setDeactivation: .setDeactivation
            case .addRole: .addRole
            case .removeRole: .removeRole
            case .addManager: .addManager
            case .removeManager: .removeManager
            case .deleteUser: .deleteUser
            case .deleteMapping: .deleteMapping
            case .deleteField: .deleteField
            }
        }
    }

    public var change: Change
    /// Who the action is for; nil for a field definition.
    public var person: PersonRef?
    /// The 360Learning user it writes to; nil for a field definition.
    public var user: UserRef?
    public var reason: String

    public init(_ change: Change, person: PersonRef?, user: UserRef?, reason: String) {
        self.change = change
        self.person = person
        self.user = user
        self.reason = reason
    }

    public var kind: Kind { change.kind }
    public var personioID: Int? { person?.personioID }
}

/// The person an action is about, as data.
public struct PersonRef: Hashable, Sendable, Codable {
    public var personioID: Int
    /// "First Last" (may be empty).
    public var name: String
    public var email: String?

    public init(personioID: Int, name: String, email: String?) {
        self.personioID = personioID
        self.name = name
        self.email = email
    }

    public init(_ employee: Employee) {
        self.init(personioID: employee.id, name: [employee.firstName, employee.lastName].compactMap { $0 }.joined(separator: " "),
                  email: employee.email)
    }

    enum CodingKeys: String, CodingKey { case personioID = "personio_id", name, email }
}

/// A 360Learning user in a plan: one that exists, or the one this plan creates for a Personio id.
public enum UserRef: Hashable, Sendable {
    case existing(String)
    case created(personioID: Int)

    public var existingID: String? {
        if case .existing(let id) = self { return id }
        return nil
    }
}

/// A custom-field definition in a plan: one that exists, or the one this plan creates by name.
public enum FieldRef: Hashable, Sendable, Comparable {
    case existing(String)
    case created(name: String)

    public var existingID: String? {
        if case .existing(let id) = self { return id }
        return nil
    }
}

/// One user field set from `before` to `after` (nil: empty).
public struct FieldChange: Equatable, Sendable, Codable {
    public var field: LMSField
    public var before: String?
    public var after: String?

    public init(field: LMSField, before: String?, after: String?) {
        self.field = field
        self.before = before
        self.after = after
    }
}

/// One custom value of a user.
public struct CustomValue: Equatable, Sendable, Comparable {
    public var field: FieldRef
    public var type: String
    public var value: String

    public init(field: FieldRef, type: String, value: String) {
        self.field = field
        self.type = type
        self.value = value
    }

    public init(_ stored: LMSCustomValue) {
        self.init(field: .existing(stored.fieldID), type: stored.type, value: stored.value)
    }

    public static func < (a: CustomValue, b: CustomValue) -> Bool { a.field < b.field }
}

/// The user a create writes: its mail, first group, language and profile fields.
public struct NewUser: Equatable, Sendable {
    public var mail: String
    public var group: String
    public var lang: String?
    /// The profile fields other than `mail` that Personio has a value for.
    public var fields: [LMSField: String]
    /// `toBeDeactivatedAt` sent with the create, when the termination date is already known (`sync.leavers`).
    public var deactivateAt: String?

    public init(mail: String, group: String, lang: String?, fields: [LMSField: String], deactivateAt: String? = nil) {
        self.deactivateAt = deactivateAt
        self.mail = mail
        self.group = group
        self.lang = lang
        self.fields = fields
    }
}

extension PlanAction {
    /// Every 360Learning id the action names (users, groups, managers, field definitions): what
    /// apply checks before any of them reaches a URL.
    public var learning360IDs: [String] {
        var ids = user?.existingID.map { [$0] } ?? []
        switch change {
        case .createUser(let new): ids.append(new.group)
        case .restoreUser(_, let group?): ids.append(group)
        case .setCustomValues(let before, let after): ids += (before + after).compactMap(\.field.existingID)
        case .addRole(let group), .removeRole(let group): ids.append(group)
        case .addManager(let manager): ids += manager.existingID.map { [$0] } ?? []
        case .removeManager(let manager): ids.append(manager)
        case .deleteMapping(let mapping, _): ids.append(mapping)
        case .deleteField(let field, _): ids.append(field)
        default: break
        }
        return ids
    }
}

/// 360Learning's ids are MongoDB object ids: 24 lowercase hex digits.
public enum Learning360ID {
    public static func isValid(_ id: String) -> Bool {
        id.utf8.count == 24 && id.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
