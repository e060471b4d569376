import Foundation

// The record types a large snapshot is made of, read by `RecordScanner` when they are in the form
// hrsync writes (nil otherwise: the caller reads them with `JSONDecoder`). Keys and optionality
// follow each type's synthesized Codable; an unknown key bails rather than being skipped.

extension Employee {
    /// The employee in `record`, or nil when it is not in the form hrsync writes. `attributes`:
    /// how many attributes to make room for at once (the employee before's count: growing each
    /// employee's dictionary from empty, four times over, was a seventh of reading them).
    static func scanned(_ record: Data, attributes expected: Int = 0) -> Employee? {
        RecordScanner.read(record) { s in
            var id: Int?, attributes: [String: AttributeValue]?, forgotten: [String]?
            var seen = SeenKeys()
            try s.object { s, key in
                switch key {
                case "id": try seen.mark(0); id = try s.int()
                case "attributes": try seen.mark(1); attributes = try AttributeValue.scannedMap(&s, capacity: expected)
                case "forgotten": try seen.mark(2); forgotten = s.null() ? nil : try s.strings()
                default: throw RecordScanner.Bail()
                }
            }
            guard let id, let attributes else { throw RecordScanner.Bail() }
            return Employee(id: id, attributes: attributes, forgotten: forgotten)
        }
    }
}

extension AttributeValue {
    /// An object of attribute values by key (a repeated key bails), in a dictionary made with room for `capacity`.
    static func scannedMap(_ s: inout RecordScanner, capacity: Int = 0) throws -> [String: AttributeValue] {
        var values = [String: AttributeValue](minimumCapacity: capacity)
        try s.object { s, key in
            guard values.updateValue(try scanned(&s), forKey: key.text) == nil else { throw RecordScanner.Bail() }
        }
        return values
    }

    /// The canonical form (see `init(from:)`): null, a string, or an object with exactly one of
    /// `date`, `list`, `employee` set.
    static func scanned(_ s: inout RecordScanner) throws -> AttributeValue {
        if s.null() { return .empty }
        if s.next == UInt8(ascii: "\"") { return .text(try s.string()) }
        var value: AttributeValue?
        try s.object { s, key in
            guard value == nil else { throw RecordScanner.Bail() }
            switch key {
            case "date": value = .date(try s.string())
            case "list": value = .list(try s.strings())
            case "employee": value = .employee(try s.int())
            default: throw RecordScanner.Bail()
            }
        }
        guard let value else { throw RecordScanner.Bail() }
        return value
    }
}

extension RecordScanner {
    /// A `String?`: null is nil.
    mutating func optionalString() throws -> String? {
        null() ? nil : try string()
    }
}

extension LMSUserRecord {
    /// The user in `record`, or nil when it is not in the form hrsync writes.
    static func scanned(_ record: Data) -> LMSUserRecord? {
        var shared = SharedTexts()
        return scanned(record, sharing: &shared)
    }

    /// As `scanned(_:)`, its ids, job title and custom values shared through `shared`.
    static func scanned(_ record: Data, sharing shared: inout SharedTexts) -> LMSUserRecord? {
        RecordScanner.read(record) { s in
            var user = LMSUserRecord(id: "", mail: nil, status: "", firstName: nil, lastName: nil, job: nil, lang: nil)
            var seen = SeenKeys()
            try s.object { s, key in
                switch key {
                case "id": try seen.mark(0); user.id = try s.sharedString(&shared)
                case "mail": try seen.mark(1); user.mail = try s.optionalString()
                case "status": try seen.mark(2); user.status = try s.string()
                case "firstName": try seen.mark(3); user.firstName = try s.optionalString()
                case "lastName": try seen.mark(4); user.lastName = try s.optionalString()
                case "job": try seen.mark(5); user.job = s.null() ? nil : try s.sharedString(&shared)
                case "lang": try seen.mark(6); user.lang = try s.optionalString()
                case "customValues":
                    try seen.mark(7)
                    user.customValues = s.null() ? nil : try s.array { try LMSCustomValue.scanned(&$0, sharing: &shared) }
                case "managers": try seen.mark(8); user.managers = s.null() ? nil : try s.array { try $0.sharedString(&shared) }
                case "forgottenManagers": try seen.mark(9); user.forgottenManagers = s.null() ? nil : try s.int()
                case "deactivateAt": try seen.mark(10); user.deactivateAt = try s.optionalString()
                default: throw RecordScanner.Bail()
                }
            }
            guard seen.has(0), seen.has(2) else { throw RecordScanner.Bail() }
            return user
        }
    }
}

extension RecordScanner {
    /// An object of exactly the three string members named, each once, in any order (custom
    /// values and mappings), their values in that order; anything else bails. Three, not a list:
    /// no array per record on the decode's hot path.
    /// `read` reads the value of member 0, 1 or 2 (so that a caller shares only the texts that repeat).
    mutating func threeStrings(
        _ first: String, _ second: String, _ third: String, read: (inout RecordScanner, Int) throws -> String
    ) throws -> (String, String, String) {
        var a: String?, b: String?, c: String?
        var seen = SeenKeys()
        try object { s, key in
            switch key {
            case first: try seen.mark(0); a = try read(&s, 0)
            case second: try seen.mark(1); b = try read(&s, 1)
            case third: try seen.mark(2); c = try read(&s, 2)
            default: throw RecordScanner.Bail()
            }
        }
        guard let a, let b, let c else { throw RecordScanner.Bail() }
        return (a, b, c)
    }
}

extension LMSCustomValue {
    /// A custom value, shared through `shared` whole (the same JSON is the same value), its texts too.
    static func scanned(_ s: inout RecordScanner, sharing shared: inout SharedTexts) throws -> LMSCustomValue {
        try s.sharedCustomValue(&shared) { s, shared in
            let (fieldID, type, value) = try s.threeStrings("fieldID", "type", "value") { s, _ in try s.sharedString(&shared) }
            return LMSCustomValue(fieldID: fieldID, type: type, value: value)
        }
    }
}

extension LMSMappingRecord {
    /// The mapping in `record`, or nil when it is not in the form hrsync writes.
    static func scanned(_ record: Data) -> LMSMappingRecord? {
        var shared = SharedTexts()
        return scanned(record, sharing: &shared)
    }

    /// As `scanned(_:)`, its user id shared through `shared`.
    static func scanned(_ record: Data, sharing shared: inout SharedTexts) -> LMSMappingRecord? {
        RecordScanner.read(record) { s in
            let (personioID, userID, mappingID) = try s.threeStrings("personioID", "userID", "mappingID") { s, member in
                member == 1 ? try s.sharedString(&shared) : try s.string()
            }
            return LMSMappingRecord(personioID: personioID, userID: userID, mappingID: mappingID)
        }
    }
}

extension LMSMembershipRecord {
    /// The role list in `record`, or nil when it is not in the form hrsync writes.
    static func scanned(_ record: Data) -> LMSMembershipRecord? {
        var shared = SharedTexts()
        return scanned(record, sharing: &shared)
    }

    /// As `scanned(_:)`, its ids and role list shared through `shared`.
    static func scanned(_ record: Data, sharing shared: inout SharedTexts) -> LMSMembershipRecord? {
        RecordScanner.read(record) { s in
            var groupID: String?, userID: String?, roles: [String]?
            var seen = SeenKeys()
            try s.object { s, key in
                switch key {
                case "groupID": try seen.mark(0); groupID = try s.sharedString(&shared)
                case "userID": try seen.mark(1); userID = try s.sharedString(&shared)
                case "roles": try seen.mark(2); roles = try s.sharedStrings(&shared)
                default: throw RecordScanner.Bail()
                }
            }
            guard let groupID, let userID, let roles else { throw RecordScanner.Bail() }
            return LMSMembershipRecord(groupID: groupID, userID: userID, roles: roles)
        }
    }
}

/// Which of a record's keys were read: a repeated key bails (JSONDecoder's choice between the two is its own).
struct SeenKeys {
    private var seen: UInt32 = 0

    /// Marks key number `bit` read; throws `Bail` when it was read before.
    mutating func mark(_ bit: Int) throws {
        let mask: UInt32 = 1 << UInt32(bit)
        guard seen & mask == 0 else { throw RecordScanner.Bail() }
        seen |= mask
    }

    /// Whether key number `bit` was read.
    func has(_ bit: Int) -> Bool { seen & (1 << UInt32(bit)) != 0 }
}
