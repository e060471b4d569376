import Foundation

/// The emulated platform's records: the sandbox's own model, not the client's wire types.
public struct LMSUser: Sendable, Equatable, Codable {
    public var id: String
    public var mail: String
    public var status: String          // active | invited | deleted
    public var lang: String
    public var firstName: String?
    public var lastName: String?
    public var job: String?
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

public struct LMSGroup: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var isPublic: Bool
    public var parentID: String?

    var json: SandboxJSON {
        var object: [String: SandboxJSON] = ["_id": .string(id), "name": .string(name), "public": .bool(isPublic)]
        if let parentID { object["parentId"] = .string(parentID) }
        return .object(object)
    }
}

public struct LMSMapping: Sendable, Equatable, Codable {
    public var id: String
    public var platform: String
    public var targetType: String
    public var targetID: String
    public var value: String

    var json: SandboxJSON {
        ["_id": .string(id), "platform": .string(platform), "targetType": .string(targetType), "targetId": .string(targetID), "value": .string(value)]
    }
}

public struct LMSField: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var targetType: String
    public var type: String

    var json: SandboxJSON { ["_id": .string(id), "name": .string(name), "targetType": .string(targetType), "type": .string(type)] }
}

public struct LMSValue: Sendable, Equatable, Codable {
    public var fieldID: String
    public var type: String
    public var value: String

    public init(fieldID: String, type: String, value: String) {
        self.fieldID = fieldID
        self.type = type
        self.value = value
    }

    var json: SandboxJSON { ["customFieldId": .string(fieldID), "type": .string(type), "value": .string(value)] }
}

/// Vendor rules the emulator enforces, kept in one place.
enum LMSRules {
    static let languages: Set = ["bg", "cs", "da", "de", "el", "en", "es", "fi", "fr", "hr", "ht_HT", "hu", "id", "it", "ja", "kar_MM", "ko", "lt",
                                 "mh_MH", "nl", "nl_BE", "no", "pl", "pt", "ro", "ru", "rw_RW", "sk", "sl", "so_SO", "sv", "sw_KE", "th", "ti_ET",
                                 "tr", "uk", "zh", "vi"]
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
