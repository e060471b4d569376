import Foundation

/// 360Learning API v2 payloads as the client reads and writes them (see the vendor's OpenAPI
/// file and NOTES.md). Unknown fields are ignored on read; only schema fields are ever sent.
public struct LMSUserDTO: Codable, Equatable, Sendable {
    public var _id: String
    public var mail: String?
    public var username: String?
    public var status: String
    public var lang: String?
    public var firstName: String?
    public var lastName: String?
    public var job: String?
    public var primaryGroupId: String?
    /// A scheduled deactivation (UTC date-time).
    public var toBeDeactivatedAt: String?

    public init(_id: String, mail: String?, status: String, firstName: String? = nil, lastName: String? = nil, job: String? = nil,
                lang: String? = nil, username: String? = nil, primaryGroupId: String? = nil, toBeDeactivatedAt: String? = nil) {
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
    public struct Membership: Encodable, Sendable {
        public var groupId: String
        public var role: String
    }

    public var mail: String
    public var membership: Membership
    public var firstName: String?
    public var lastName: String?
    public var job: String?
    public var lang: String?
    /// Must be in the future (the vendor refuses a past date).
    public var toBeDeactivatedAt: String?

    public init(mail: String, groupId: String, role: String = "learner", firstName: String?, lastName: String?, job: String?, lang: String?,
                toBeDeactivatedAt: String? = nil) {
        self.toBeDeactivatedAt = toBeDeactivatedAt
        self.mail = mail
        self.membership = Membership(groupId: groupId, role: role)
        self.firstName = firstName
        self.lastName = lastName
        self.job = job
        self.lang = lang
    }
}

public struct ExternalIDDTO: Codable, Equatable, Sendable {
    public var _id: String?
    public var platform: String
    public var targetType: String
    public var targetId: String
    public var value: String

    public init(platform: String, targetType: String, targetId: String, value: String) {
        self.platform = platform
        self.targetType = targetType
        self.targetId = targetId
        self.value = value
    }
}

public struct CustomFieldDTO: Codable, Equatable, Sendable {
    public var _id: String?
    public var name: String
    public var targetType: String
    public var type: String

    public init(name: String, targetType: String = "users", type: String) {
        self.name = name
        self.targetType = targetType
        self.type = type
    }
}

public struct CustomValueDTO: Codable, Equatable, Sendable {
    public var customFieldId: String
    public var type: String
    public var value: String

    public init(customFieldId: String, type: String, value: String) {
        self.customFieldId = customFieldId
        self.type = type
        self.value = value
    }
}

public struct GroupDTO: Codable, Equatable, Sendable {
    public var _id: String
    public var name: String
    public var `public`: Bool?
    public var parentId: String?

    public init(_id: String, name: String, public isPublic: Bool?, parentId: String?) {
        self._id = _id
        self.name = name
        self.public = isPublic
        self.parentId = parentId
    }
}

public struct MembershipDTO: Codable, Equatable, Sendable {
    public var userId: String?
    public var groupId: String?
    public var role: String

    public init(userId: String?, groupId: String?, role: String) {
        self.userId = userId
        self.groupId = groupId
        self.role = role
    }
}

// An id that is missing or not a string reads as "": one such record must not make the whole list
// unreadable. The pulls skip it with a warning (its id fails the 24-hex check there).
extension LMSUserDTO {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(_id: (try? c.decodeIfPresent(String.self, forKey: ._id)) ?? "",
                  mail: try c.decodeIfPresent(String.self, forKey: .mail), status: try c.decode(String.self, forKey: .status),
                  firstName: try c.decodeIfPresent(String.self, forKey: .firstName), lastName: try c.decodeIfPresent(String.self, forKey: .lastName),
                  job: try c.decodeIfPresent(String.self, forKey: .job), lang: try c.decodeIfPresent(String.self, forKey: .lang),
                  username: try c.decodeIfPresent(String.self, forKey: .username),
                  primaryGroupId: try c.decodeIfPresent(String.self, forKey: .primaryGroupId),
                  toBeDeactivatedAt: try c.decodeIfPresent(String.self, forKey: .toBeDeactivatedAt))
    }
}

extension GroupDTO {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(_id: (try? c.decodeIfPresent(String.self, forKey: ._id)) ?? "", name: try c.decode(String.self, forKey: .name),
                  public: try c.decodeIfPresent(Bool.self, forKey: .public), parentId: try c.decodeIfPresent(String.self, forKey: .parentId))
    }
}

extension ExternalIDDTO {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(platform: try c.decode(String.self, forKey: .platform), targetType: try c.decode(String.self, forKey: .targetType),
                  targetId: (try? c.decodeIfPresent(String.self, forKey: .targetId)) ?? "", value: try c.decode(String.self, forKey: .value))
        _id = try c.decodeIfPresent(String.self, forKey: ._id)
    }
}

extension CustomFieldDTO {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try c.decode(String.self, forKey: .name), targetType: try c.decode(String.self, forKey: .targetType),
                  type: try c.decode(String.self, forKey: .type))
        _id = try? c.decodeIfPresent(String.self, forKey: ._id)
    }
}
