import Foundation

/// 360Learning as hrsync knows it from a snapshot: what the planner needs and nothing more.
public struct LMSState: Equatable, Sendable {
    public var users: [String: LMSUserRecord] = [:]
    /// Personio id → the `personio` external-id mapping of a user.
    public var mappings: [String: LMSMappingRecord] = [:]
    public var fields: [String: LMSFieldRecord] = [:]
    public var groups: [String: LMSGroupRecord] = [:]
    /// Roles in the synced groups' subtrees.
    public var memberships: [RoleKey: LMSMembershipRecord] = [:]
    public var admin: LMSAdminRecord?
    /// The managers whose subordinates the pull read (links among synced users, read from the
    /// managers' side); nil when each user's whole list was read.
    public var managersRead: Set<String>?

    public init() {}
}

public struct LMSUserRecord: Codable, Equatable, Sendable {
    public var id: String
    public var mail: String?
    public var status: String
    public var firstName: String?
    public var lastName: String?
    public var job: String?
    public var lang: String?
    /// nil: not read (the user is not one hrsync syncs or may match, or no custom fields are configured).
    public var customValues: [LMSCustomValue]?
    /// nil: not read.
    public var managers: [String]?
    /// 360Learning's `toBeDeactivatedAt` (a UTC date-time), when a deactivation is scheduled.
    public var deactivateAt: String?

    public init(id: String, mail: String?, status: String, firstName: String?, lastName: String?, job: String?, lang: String?,
                customValues: [LMSCustomValue]? = nil, managers: [String]? = nil, deactivateAt: String? = nil) {
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

public struct LMSCustomValue: Codable, Equatable, Sendable {
    public var fieldID: String
    public var type: String
    public var value: String

    public init(fieldID: String, type: String, value: String) {
        self.fieldID = fieldID
        self.type = type
        self.value = value
    }
}

public struct LMSMappingRecord: Codable, Equatable, Sendable {
    public var personioID: String
    public var userID: String
    public var mappingID: String

    public init(personioID: String, userID: String, mappingID: String) {
        self.personioID = personioID
        self.userID = userID
        self.mappingID = mappingID
    }
}

public struct LMSFieldRecord: Codable, Equatable, Sendable {
    public var id: String
    public var name: String
    public var type: String

    public init(id: String, name: String, type: String) {
        self.id = id
        self.name = name
        self.type = type
    }
}

public struct LMSGroupRecord: Codable, Equatable, Sendable {
    public var id: String
    public var name: String
    public var parentID: String?
    public var isPublic: Bool

    public init(id: String, name: String, parentID: String?, isPublic: Bool) {
        self.id = id
        self.name = name
        self.parentID = parentID
        self.isPublic = isPublic
    }
}

public struct LMSMembershipRecord: Codable, Equatable, Sendable {
    public var groupID: String
    public var userID: String
    public var roles: [String]

    public var key: RoleKey { RoleKey(group: groupID, user: userID) }

    public init(groupID: String, userID: String, roles: [String]) {
        self.groupID = groupID
        self.userID = userID
        self.roles = roles
    }
}

/// The connector admin (`learning360.admin_email`) and its roles in the platform's root group.
public struct LMSAdminRecord: Codable, Equatable, Sendable {
    public var mail: String
    public var userID: String?
    public var status: String?
    public var rootRoles: [String]

    public init(mail: String, userID: String?, status: String?, rootRoles: [String]) {
        self.mail = mail
        self.userID = userID
        self.status = status
        self.rootRoles = rootRoles
    }
}
