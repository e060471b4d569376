import Foundation

/// The emulated platform's records: the sandbox's own model, not the client's wire types.
public struct LMSUser: Sendable, Equatable, Codable {
    /// The user's 24-hex `_id`, handed out by the emulator.
    public var id: String
    /// The login mail, unique among users regardless of case (username-only accounts are not emulated).
    public var mail: String
    /// `active`, `invited` (after a create or a restore) or `deleted` (after a delete or a due deactivation).
    public var status: String  // active | invited | deleted
    /// The interface language code; `en` unless the create body gave one.
    public var lang: String
    /// Given name; nil when never set.
    public var firstName: String?
    /// Family name; nil when never set.
    public var lastName: String?
    /// Job title; nil when never set.
    public var job: String?
    /// One UTC timestamp per deletion; a restored user keeps the history.
    public var deletedAt: [String] = []
    /// A scheduled deactivation (ISO 8601, UTC), as the client sent it.
    public var toBeDeactivatedAt: String?

    var json: SandboxJSON {
        var object: [String: SandboxJSON] = ["_id": .string(id), "mail": .string(mail), "status": .string(status), "lang": .string(lang)]
        if let firstName { object["firstName"] = .string(firstName) }
        if let lastName { object["lastName"] = .string(lastName) }
        if let job { object["job"] = .string(job) }
        if !deletedAt.isEmpty { object["deletedAt"] = .array(deletedAt.map(SandboxJSON.string)) }
        if let toBeDeactivatedAt { object["toBeDeactivatedAt"] = .string(toBeDeactivatedAt) }
        return .object(object)
    }
}

/// One group of the emulated platform's tree.
public struct LMSGroup: Sendable, Equatable, Codable {
    /// The group's 24-hex `_id`.
    public var id: String
    /// The display name: `ACME`, `Employees`, an office, a department, `Partners`.
    public var name: String
    /// Whether the group is public: a learner role spreads up from it to its parents, up to the first
    /// private one, and is removed down through public subgroups.
    public var isPublic: Bool
    /// The parent group's `_id`; nil only for the root.
    public var parentID: String?

    var json: SandboxJSON {
        var object: [String: SandboxJSON] = ["_id": .string(id), "name": .string(name), "public": .bool(isPublic)]
        if let parentID { object["parentId"] = .string(parentID) }
        return .object(object)
    }
}

/// An external id: a user's `_id` tied to its id on another platform.
public struct LMSMapping: Sendable, Equatable, Codable {
    /// The mapping's own 24-hex `_id`.
    public var id: String
    /// The other platform, `personio` for hrsync's mappings.
    public var platform: String
    /// The kind of resource mapped; `user` throughout the sandbox.
    public var targetType: String
    /// The mapped user's `_id`.
    public var targetID: String
    /// The id on the other platform, e.g. a Personio employee id as text.
    public var value: String

    var json: SandboxJSON {
        ["_id": .string(id), "platform": .string(platform), "targetType": .string(targetType), "targetId": .string(targetID), "value": .string(value)]
    }
}

/// A custom-field definition.
public struct LMSField: Sendable, Equatable, Codable {
    /// The definition's 24-hex `_id`.
    public var id: String
    /// The name admins see.
    public var name: String
    /// `users` (what the sandbox's admin controls create) or `contents`.
    public var targetType: String
    /// `string` or `date`, the only two types 360Learning has.
    public var type: String

    var json: SandboxJSON { ["_id": .string(id), "name": .string(name), "targetType": .string(targetType), "type": .string(type)] }
}

/// One custom-field value of a user.
public struct LMSValue: Sendable, Equatable, Codable {
    /// The definition's `_id`.
    public var fieldID: String
    /// The definition's type, `string` or `date`.
    public var type: String
    /// The value as text; a date as `YYYY-MM-DD`.
    public var value: String

    /// Creates a value from its parts.
    public init(fieldID: String, type: String, value: String) {
        self.fieldID = fieldID
        self.type = type
        self.value = value
    }

    var json: SandboxJSON { ["customFieldId": .string(fieldID), "type": .string(type), "value": .string(value)] }
}

/// Vendor rules the emulator enforces, kept in one place.
enum LMSRules {
    static let languages: Set = [
        "bg", "cs", "da", "de", "el", "en", "es", "fi", "fr", "hr", "ht_HT", "hu", "id", "it", "ja", "kar_MM", "ko", "lt",
        "mh_MH", "nl", "nl_BE", "no", "pl", "pt", "ro", "ru", "rw_RW", "sk", "sl", "so_SO", "sv", "sw_KE", "th", "ti_ET",
        "tr", "uk", "zh", "vi"
    ]
    /// Roles in a create body (camelCase) and in role paths (kebab-case `user-admin`).
    static let bodyRoles: Set = ["admin", "analyst", "editor", "coach", "contributor", "learner", "userAdmin"]
    static let pathRoles: Set = ["admin", "analyst", "coach", "contributor", "editor", "learner", "user-admin"]
    static let pageSizes = (users: 500, groups: 500, roles: 1000, managers: 1000, subordinates: 1000, fields: 1000, externalIDs: 5000)

    static func isObjectID(_ s: String) -> Bool {
        s.count == 24 && s.allSatisfy(\.isHexDigit)
    }

    static func isMail(_ s: String) -> Bool {
        s.range(of: #"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$"#, options: .regularExpression) != nil
    }

    /// The vendor's `YYYY-MM-DDThh:mm:ss.sssZ` (milliseconds optional): a UTC instant.
    static func instant(_ s: String) -> Date? {
        guard s.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$"#, options: .regularExpression) != nil else { return nil }
        let parser = ISO8601DateFormatter()
        parser.formatOptions = s.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return parser.date(from: s)
    }

    static func isCalendarDate(_ s: String) -> Bool {
        guard s.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil else { return false }
        let parts = s.split(separator: "-").compactMap { Int($0) }
        return (1...12).contains(parts[1]) && (1...31).contains(parts[2])
    }
}
