import Foundation

/// 360Learning API v2 payloads as the client reads and writes them (see the vendor's OpenAPI
/// file and NOTES.md). Unknown fields are ignored on read; only schema fields are ever sent.
public struct LMSUserDTO: Codable, Equatable, Sendable {
    /// 360Learning's 24-hex user id, the only one its paths accept; "" when the answer had none.
    public var _id: String
    /// The login mail; nil for an account that logs in by username.
    public var mail: String?
    /// The login name, for companies that allow username logins.
    public var username: String?
    /// `active`, `invited` (cannot log in, not billed) or `deleted` (soft-deleted, restorable).
    public var status: String
    /// The interface language, one of 360Learning's codes (`en`, `de`, `nl_BE`, …).
    public var lang: String?
    /// Given name, as the platform shows it.
    public var firstName: String?
    /// Family name, as the platform shows it.
    public var lastName: String?
    /// The job title (v2 calls it `job`, not `jobTitle`).
    public var job: String?
    /// The `_id` of the user's primary group; the user must be a member of it.
    public var primaryGroupId: String?
    /// A scheduled deactivation (UTC date-time).
    public var toBeDeactivatedAt: String?

    /// Creates a user from its parts.
    public init(
        _id: String, mail: String?, status: String, firstName: String? = nil, lastName: String? = nil, job: String? = nil,
        lang: String? = nil, username: String? = nil, primaryGroupId: String? = nil, toBeDeactivatedAt: String? = nil
    ) {
        self.toBeDeactivatedAt = toBeDeactivatedAt
        self._id = _id
        self.mail = mail
        self.status = status
        self.firstName = firstName
        self.lastName = lastName
        self.job = job
        self.lang = lang
        self.username = username
        self.primaryGroupId = primaryGroupId
    }
}

/// `POST /api/v2/users` (InputUserDTO).
public struct CreateUserBody: Encodable, Sendable {
    /// The group the new user joins and the role there; the API requires one at creation.
    public struct Membership: Encodable, Sendable {
        /// The group's 24-hex `_id`.
        public var groupId: String
        /// The role in the create body's spelling: `learner`, …, `userAdmin`.
        public var role: String
    }

    /// The new user's mail, which 360Learning also uses to restore a deleted account.
    public var mail: String
    /// The first group membership; further roles go through the role paths.
    public var membership: Membership
    /// Given name; nil leaves it unset.
    public var firstName: String?
    /// Family name; nil leaves it unset.
    public var lastName: String?
    /// The job title; nil leaves it unset.
    public var job: String?
    /// The interface language code; nil lets 360Learning default to `en`.
    public var lang: String?
    /// Must be in the future (the vendor refuses a past date).
    public var toBeDeactivatedAt: String?

    /// Creates a body for a user joining `groupId` as `role` (a learner by default).
    public init(
        mail: String, groupId: String, role: String = "learner", firstName: String?, lastName: String?, job: String?, lang: String?,
        toBeDeactivatedAt: String? = nil
    ) {
        self.toBeDeactivatedAt = toBeDeactivatedAt
        self.mail = mail
        self.membership = Membership(groupId: groupId, role: role)
        self.firstName = firstName
        self.lastName = lastName
        self.job = job
        self.lang = lang
    }
}

/// Ties a 360Learning resource to its id on another platform: for the sync, a user's `_id` to
/// their Personio employee id (v2 has no external id on the user itself).
public struct ExternalIDDTO: Codable, Equatable, Sendable {
    /// The mapping's own id, needed to replace or delete it; nil in a body being sent.
    public var _id: String?
    /// The other platform's name (`personio` for the sync); one mapping per resource and platform.
    public var platform: String
    /// The kind of resource mapped (`user` for the sync; groups, courses and paths exist too).
    public var targetType: String
    /// The mapped resource's 24-hex `_id`; "" when the answer had none.
    public var targetId: String
    /// The id on the other platform, e.g. a Personio employee id as text; unique per platform.
    public var value: String

    /// Creates a mapping to send (without an `_id`).
    public init(platform: String, targetType: String, targetId: String, value: String) {
        self.platform = platform
        self.targetType = targetType
        self.targetId = targetId
        self.value = value
    }
}

/// A custom-field definition. 360Learning has two types, `string` and `date` (`YYYY-MM-DD`), and
/// no number, boolean or multi-value field.
public struct CustomFieldDTO: Codable, Equatable, Sendable {
    /// The definition's id; nil in a body being sent or when the answer had none.
    public var _id: String?
    /// The name admins see, which must be unique (`nameAlreadyTaken`).
    public var name: String
    /// `users` or `contents`; the sync only reads and creates `users` fields.
    public var targetType: String
    /// `string` or `date`.
    public var type: String

    /// Creates a definition to send, for users unless `targetType` says otherwise.
    public init(name: String, targetType: String = "users", type: String) {
        self.name = name
        self.targetType = targetType
        self.type = type
    }
}

/// One custom-field value of a user. The PUT replaces all of a user's values, so they are always
/// written as a full set.
public struct CustomValueDTO: Codable, Equatable, Sendable {
    /// The definition's `_id`.
    public var customFieldId: String
    /// The definition's type, `string` or `date`.
    public var type: String
    /// The value as text; a date as `YYYY-MM-DD`.
    public var value: String

    /// Creates a value from its parts.
    public init(customFieldId: String, type: String, value: String) {
        self.customFieldId = customFieldId
        self.type = type
        self.value = value
    }
}

/// A 360Learning group; groups form a tree through `parentId`, the root being the platform itself.
public struct GroupDTO: Codable, Equatable, Sendable {
    /// The group's 24-hex id; "" when the answer had none.
    public var _id: String
    /// The group's display name.
    public var name: String
    /// Whether the group is public: a learner added to it also becomes a learner of the groups above
    /// it, up to the first private one. nil when the answer left it out.
    public var `public`: Bool?
    /// The parent group's `_id`; nil only on the root group.
    public var parentId: String?

    /// Creates a group from its parts.
    public init(_id: String, name: String, public isPublic: Bool?, parentId: String?) {
        self._id = _id
        self.name = name
        self.public = isPublic
        self.parentId = parentId
    }
}

/// One role held in one group: a group's role list fills `userId`, a user's list fills `groupId`.
public struct MembershipDTO: Codable, Equatable, Sendable {
    /// The member's `_id`; nil in a user's own role list.
    public var userId: String?
    /// The group's `_id`; nil in a group's role list.
    public var groupId: String?
    /// The role as the API lists it (`learner`, `admin`, …; `owner` can appear too).
    public var role: String

    /// Creates a role row from its parts.
    public init(userId: String?, groupId: String?, role: String) {
        self.userId = userId
        self.groupId = groupId
        self.role = role
    }
}

// An id that is missing or not a string reads as "": one such record must not make the whole list
// unreadable. The pulls skip it with a warning (its id fails the 24-hex check there).
extension LMSUserDTO {
    /// Decodes a user; a missing or non-string `_id` reads as "", for the pull to skip with a warning.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            _id: (try? c.decodeIfPresent(String.self, forKey: ._id)) ?? "",
            mail: try c.decodeIfPresent(String.self, forKey: .mail), status: try c.decode(String.self, forKey: .status),
            firstName: try c.decodeIfPresent(String.self, forKey: .firstName), lastName: try c.decodeIfPresent(String.self, forKey: .lastName),
            job: try c.decodeIfPresent(String.self, forKey: .job), lang: try c.decodeIfPresent(String.self, forKey: .lang),
            username: try c.decodeIfPresent(String.self, forKey: .username),
            primaryGroupId: try c.decodeIfPresent(String.self, forKey: .primaryGroupId),
            toBeDeactivatedAt: try c.decodeIfPresent(String.self, forKey: .toBeDeactivatedAt))
    }
}

extension GroupDTO {
    /// Decodes a group; a missing or non-string `_id` reads as "", for the pull to skip with a warning.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            _id: (try? c.decodeIfPresent(String.self, forKey: ._id)) ?? "", name: try c.decode(String.self, forKey: .name),
            public: try c.decodeIfPresent(Bool.self, forKey: .public), parentId: try c.decodeIfPresent(String.self, forKey: .parentId))
    }
}

extension ExternalIDDTO {
    /// Decodes a mapping; a missing or non-string `targetId` reads as "", so one bad record does not
    /// make the list unreadable.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            platform: try c.decode(String.self, forKey: .platform), targetType: try c.decode(String.self, forKey: .targetType),
            targetId: (try? c.decodeIfPresent(String.self, forKey: .targetId)) ?? "", value: try c.decode(String.self, forKey: .value))
        _id = try c.decodeIfPresent(String.self, forKey: ._id)
    }
}

extension CustomFieldDTO {
    /// Decodes a definition; a missing or non-string `_id` reads as nil.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try c.decode(String.self, forKey: .name), targetType: try c.decode(String.self, forKey: .targetType),
            type: try c.decode(String.self, forKey: .type))
        _id = try? c.decodeIfPresent(String.self, forKey: ._id)
    }
}
