/// One change to 360Learning, typed by what it does: each kind carries its own payload, so nothing
/// downstream of the planner parses a string to learn what an action means.
public struct PlanAction: Equatable, Sendable {
    /// An action's `kind` in the plan file (the raw value); `phase` puts the kinds in apply order.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// `create_field`: a custom-field definition this plan creates (SYNC-RULES §4).
        case createField = "create_field"
        /// `create_user`: a user for a wanted employee no user matches (§2).
        case createUser = "create_user"
        /// `restore_user`: a deleted user a wanted employee matches, brought back (§2).
        case restoreUser = "restore_user"
        /// `create_mapping`: the user's `personio` external-id mapping (§2).
        case createMapping = "create_mapping"
        /// `update_user`: profile fields that differ from Personio (§3).
        case updateUser = "update_user"
        /// `set_custom_values`: the user's whole custom-value list (§4).
        case setCustomValues = "set_custom_values"
        /// `set_deactivation`: `toBeDeactivatedAt` set, moved or cleared (§7).
        case setDeactivation = "set_deactivation"
        /// `add_role`: a learner role in a group (§5).
        case addRole = "add_role"
        /// `remove_role`: a learner role taken away (one hrsync added, §5).
        case removeRole = "remove_role"
        /// `add_manager`: a manager link to the supervisor's user (§6).
        case addManager = "add_manager"
        /// `remove_manager`: a manager link hrsync added, removed (§6).
        case removeManager = "remove_manager"
        /// `delete_user`: a leaver's user, soft-deleted (§7).
        case deleteUser = "delete_user"
        /// `delete_mapping`: only in a revert with `--include-definitions`.
        case deleteMapping = "delete_mapping"
        /// `delete_field`: only in a revert with `--include-definitions`.
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

    /// What an action writes, with its kind's payload (the kind-specific keys of hrsync-plan(5)).
    public enum Change: Equatable, Sendable {
        /// A custom-field definition (SYNC-RULES §4).
        case createField(name: String, type: String)
        /// A new user: mail, first learner group, language, profile (§3, §5).
        case createUser(NewUser)
        /// A deleted user comes back by being created again with its mail (§2).
        case restoreUser(mail: String, group: String?)
        /// The `personio` external id that finds the user by Personio id next time.
        case createMapping(personioID: Int)
        /// The profile fields that change, each with its value before and after (§3).
        case updateUser([FieldChange])
        /// The user's full list of custom values, as it was and as PUT writes it.
        case setCustomValues(before: [CustomValue], after: [CustomValue])
        /// `toBeDeactivatedAt` (UTC date-times) as it was and as it is set; nil clears it (`sync.leavers`).
        case setDeactivation(before: String?, after: String?)
        /// A learner role in `group` (a 360Learning group id).
        case addRole(group: String)
        /// The learner role in `group` goes (§5: only one hrsync added).
        case removeRole(group: String)
        /// Links this manager: an existing user, or one this plan creates.
        case addManager(UserRef)
        /// Unlinks the manager with this 360Learning id (§6: only a link hrsync added).
        case removeManager(userID: String)
        /// `status`: the user's status before (apply re-checks it).
        case deleteUser(status: String)
        /// Only in a revert with --include-definitions: a mapping (by its id) an apply created.
        case deleteMapping(mappingID: String, personioID: Int)
        /// Only in a revert with --include-definitions: a custom field an apply created.
        case deleteField(id: String, name: String)

        /// The kind of this change: the JSON `kind`, and what ordering and counting use.
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

    /// What the action writes.
    public var change: Change
    /// Who the action is for; nil for a field definition.
    public var person: PersonRef?
    /// The 360Learning user it writes to; nil for a field definition.
    public var user: UserRef?
    /// Why, in a short phrase for the reviewer ("differs from Personio", "inactive in Personio").
    public var reason: String

    /// An action as the planner states it.
    public init(_ change: Change, person: PersonRef?, user: UserRef?, reason: String) {
        self.change = change
        self.person = person
        self.user = user
        self.reason = reason
    }

    /// The kind of `change`.
    public var kind: Kind { change.kind }
    /// The Personio id of `person`; nil for a field definition.
    public var personioID: Int? { person?.personioID }
}

/// The person an action is about, as data.
public struct PersonRef: Hashable, Sendable, Codable {
    /// The Personio employee id; 0 for someone `forget` erased (see `forgotten`).
    public var personioID: Int
    /// "First Last" (may be empty).
    public var name: String
    /// The employee's email as Personio had it; nil when none.
    public var email: String?

    /// A reference as stored in a plan or note.
    public init(personioID: Int, name: String, email: String?) {
        self.personioID = personioID
        self.name = name
        self.email = email
    }

    /// The reference to `employee`: its id, "First Last" and email.
    public init(_ employee: Employee) {
        self.init(
            personioID: employee.id, name: [employee.firstName, employee.lastName].compactMap { $0 }.joined(separator: " "),
            email: employee.email)
    }

    enum CodingKeys: String, CodingKey { case personioID = "personio_id", name, email }
}

/// A 360Learning user in a plan: one that exists, or the one this plan creates for a Personio id.
public enum UserRef: Hashable, Sendable {
    /// A user 360Learning has, by its id.
    case existing(String)
    /// The user this plan's `create_user` creates for this Personio id (JSON `created_for_personio_id`).
    case created(personioID: Int)

    /// The 360Learning id; nil for a user this plan creates.
    public var existingID: String? {
        if case .existing(let id) = self { return id }
        return nil
    }
}

/// A custom-field definition in a plan: one that exists, or the one this plan creates by name.
public enum FieldRef: Hashable, Sendable, Comparable {
    /// A definition 360Learning has, by its id.
    case existing(String)
    /// The definition this plan's `create_field` creates, by name (JSON `created_by_name`).
    case created(name: String)

    /// The 360Learning id; nil for a definition this plan creates.
    public var existingID: String? {
        if case .existing(let id) = self { return id }
        return nil
    }
}

/// One user field set from `before` to `after` (nil: empty).
public struct FieldChange: Equatable, Sendable, Codable {
    /// Which profile field.
    public var field: LMSField
    /// The user's value when planned; nil: empty.
    public var before: String?
    /// The value to write; nil clears the field (§3).
    public var after: String?

    /// `field` going from `before` to `after`.
    public init(field: LMSField, before: String?, after: String?) {
        self.field = field
        self.before = before
        self.after = after
    }
}

/// One custom value of a user.
public struct CustomValue: Equatable, Sendable, Comparable {
    /// The field's definition, existing or created by this plan.
    public var field: FieldRef
    /// The field's type, as on its definition (`date`, `string`; §4).
    public var type: String
    /// The text written; a date as the calendar day (`2022-01-12`).
    public var value: String

    /// A value of `field`.
    public init(field: FieldRef, type: String, value: String) {
        self.field = field
        self.type = type
        self.value = value
    }

    /// A value the user already has in 360Learning.
    public init(_ stored: LMSCustomValue) {
        self.init(field: .existing(stored.fieldID), type: stored.type, value: stored.value)
    }

    /// By field reference: a stable order for the lists a plan shows.
    public static func < (a: CustomValue, b: CustomValue) -> Bool { a.field < b.field }
}

/// The user a create writes: its mail, first group, language and profile fields.
public struct NewUser: Equatable, Sendable {
    /// The login email, from Personio's `email`.
    public var mail: String
    /// The first learner group: the required first membership (§5; the root group when none is synced).
    public var group: String
    /// `learning360.default_language`; nil leaves it to 360Learning.
    public var lang: String?
    /// The profile fields other than `mail` that Personio has a value for.
    public var fields: [LMSField: String]
    /// `toBeDeactivatedAt` sent with the create, when the termination date is already known (`sync.leavers`).
    public var deactivateAt: String?

    /// A user to create; `deactivateAt` only when the termination date is already known.
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
    /// Whether `id` is one (exactly 24 of `0-9a-f`): what may go into a URL path or a plan.
    public static func isValid(_ id: String) -> Bool {
        id.utf8.count == 24 && id.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
