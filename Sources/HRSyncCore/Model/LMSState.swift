import Foundation

/// 360Learning as hrsync knows it from a snapshot: what the planner needs and nothing more.
public struct LMSState: Equatable, Sendable {
    /// Every user of the platform, deleted ones included, by 360Learning id.
    public var users: [String: LMSUserRecord] = [:]
    /// Personio id → the `personio` external-id mapping of a user.
    public var mappings: [String: LMSMappingRecord] = [:]
    /// The user custom-field definitions, by id (SYNC-RULES §4).
    public var fields: [String: LMSFieldRecord] = [:]
    /// The whole group tree, by id; `GroupTree` walks it.
    public var groups: [String: LMSGroupRecord] = [:]
    /// Roles in the synced groups' subtrees.
    public var memberships: [RoleKey: LMSMembershipRecord] = [:]
    /// The connector admin as the pull found it; nil only in a state not read from a platform (`plan` then stops: `AdminRule`).
    public var admin: LMSAdminRecord?
    /// The managers whose subordinates the pull read (links among synced users, read from the
    /// managers' side); nil when each user's whole list was read.
    public var managersRead: Set<String>?

    /// An empty platform; pulls and tests fill it in.
    public init() {}
}

/// A 360Learning user as a snapshot keeps it: profile, status and the details hrsync reads per user.
public struct LMSUserRecord: Codable, Equatable, Sendable {
    /// 360Learning's user id (24 hex digits).
    public var id: String
    /// The login email, as 360Learning spells it; nil when it has none (or one over its `TextCap`).
    public var mail: String?
    /// 360Learning's status, such as `active`, `invited` or `deleted` (soft-deleted, restorable).
    public var status: String
    /// `firstName`; nil when unset (`LMSField` reads and writes the profile fields).
    public var firstName: String?
    /// `lastName`; nil when unset.
    public var lastName: String?
    /// `job`, written from Personio's `position`; nil when unset.
    public var job: String?
    /// The interface language (`en`, `fr`, …); hrsync sets it only on create (SYNC-RULES §3).
    public var lang: String?
    /// nil: not read (the user is not one hrsync syncs or may match, or no custom fields are configured).
    public var customValues: [LMSCustomValue]?
    /// nil: not read.
    public var managers: [String]?
    /// Manager links `forget` removed from this stored user (their manager was erased): the links
    /// the next pull reads besides `managers` are no change (`LMSDiff`). nil, and not encoded, otherwise.
    public var forgottenManagers: Int?
    /// 360Learning's `toBeDeactivatedAt` (a UTC date-time), when a deactivation is scheduled.
    public var deactivateAt: String?

    /// A user as read; the per-user reads default to not read (nil).
    public init(
        id: String, mail: String?, status: String, firstName: String?, lastName: String?, job: String?, lang: String?,
        customValues: [LMSCustomValue]? = nil, managers: [String]? = nil, deactivateAt: String? = nil
    ) {
        self.deactivateAt = deactivateAt
        self.id = id
        self.mail = mail
        self.status = status
        self.firstName = firstName
        self.lastName = lastName
        self.job = job
        self.lang = lang
        self.customValues = customValues
        self.managers = managers
    }
}

/// One custom-field value of a user, as 360Learning holds it (SYNC-RULES §4).
public struct LMSCustomValue: Codable, Equatable, Sendable {
    /// The id of the field's definition (`LMSState.fields`).
    public var fieldID: String
    /// The field's type as 360Learning names it (hrsync writes `date` or `string`).
    public var type: String
    /// The value as 360Learning stores it; a date as `2022-01-12`.
    public var value: String

    /// A value of field `fieldID`.
    public init(fieldID: String, type: String, value: String) {
        self.fieldID = fieldID
        self.type = type
        self.value = value
    }
}

/// A user's `personio` external-id mapping: how the Personio id finds the user (SYNC-RULES §2).
public struct LMSMappingRecord: Codable, Equatable, Sendable {
    /// The Personio employee id, as the text stored in 360Learning.
    public var personioID: String
    /// The 360Learning user it maps to.
    public var userID: String
    /// 360Learning's id of the mapping itself, for deleting it (`delete_mapping`).
    public var mappingID: String

    /// A mapping of `personioID` to `userID`.
    public init(personioID: String, userID: String, mappingID: String) {
        self.personioID = personioID
        self.userID = userID
        self.mappingID = mappingID
    }
}

/// A user custom-field definition of the platform (SYNC-RULES §4).
public struct LMSFieldRecord: Codable, Equatable, Sendable {
    /// 360Learning's id of the definition.
    public var id: String
    /// The field's name, which `sync.custom_fields` entries name.
    public var name: String
    /// The type as 360Learning names it; fields hrsync creates are `date` or `string`.
    public var type: String

    /// A definition as read.
    public init(id: String, name: String, type: String) {
        self.id = id
        self.name = name
        self.type = type
    }
}

/// A 360Learning group: a node of the tree that `sync.groups` walk (SYNC-RULES §5).
public struct LMSGroupRecord: Codable, Equatable, Sendable {
    /// 360Learning's group id (24 hex digits).
    public var id: String
    /// The group's name, which hierarchy values are compared with (trimmed, case-insensitive).
    public var name: String
    /// The parent group; nil for the root group.
    public var parentID: String?
    /// 360Learning's `public` flag: a learner of a public group is also a learner of the groups above, up to the first private one.
    public var isPublic: Bool

    /// A group as read.
    public init(id: String, name: String, parentID: String?, isPublic: Bool) {
        self.id = id
        self.name = name
        self.parentID = parentID
        self.isPublic = isPublic
    }
}

/// A user's roles in one group of the synced subtrees (SYNC-RULES §5).
public struct LMSMembershipRecord: Codable, Equatable, Sendable {
    /// The group's 360Learning id, in a synced subtree.
    public var groupID: String
    /// The user's 360Learning id.
    public var userID: String
    /// 360Learning role names (`learner`, `admin`, …), sorted.
    public var roles: [String]

    /// The key of this record in `LMSState.memberships`.
    public var key: RoleKey { RoleKey(group: groupID, user: userID) }

    /// The roles of `userID` in `groupID`.
    public init(groupID: String, userID: String, roles: [String]) {
        self.groupID = groupID
        self.userID = userID
        self.roles = roles
    }
}

/// The connector admin (`learning360.admin_email`) and its roles in the platform's root group.
public struct LMSAdminRecord: Codable, Equatable, Sendable {
    /// `learning360.admin_email` as configured.
    public var mail: String
    /// The live user with that mail (an active one first); nil when there is none.
    public var userID: String?
    /// That user's status; `plan` requires `active` (`AdminRule`).
    public var status: String?
    /// Its roles in the root group, sorted; `plan` requires `admin` or `owner`.
    public var rootRoles: [String]

    /// The admin as found.
    public init(mail: String, userID: String?, status: String?, rootRoles: [String]) {
        self.mail = mail
        self.userID = userID
        self.status = status
        self.rootRoles = rootRoles
    }
}
