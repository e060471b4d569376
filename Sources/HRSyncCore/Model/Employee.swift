/// A Personio employee as hrsync keeps it: the Personio id and the attributes hrsync uses,
/// normalized (see `AttributeValue`). A key that is absent was not in the payload (the
/// credential may not read it); `.empty` means Personio sent `null`, `""` or `[]`.
public struct Employee: Codable, Equatable, Sendable {
    public var id: Int
    public var attributes: [String: AttributeValue]

    public init(id: Int, attributes: [String: AttributeValue]) {
        self.id = id
        self.attributes = attributes
    }

    public subscript(key: String) -> AttributeValue? { attributes[key] }

    /// The text of an attribute, trimmed; nil when absent or empty.
    public func text(_ key: String) -> String? { attributes[key]?.text }

    public var email: String? { text(PersonioKey.email) }
    public var status: String? { text(PersonioKey.status) }
    public var firstName: String? { text(PersonioKey.firstName) }
    public var lastName: String? { text(PersonioKey.lastName) }
    public var supervisorID: Int? {
        if case .employee(let id) = attributes[PersonioKey.supervisor] { return id }
        return nil
    }

    /// "First Last <email>" for messages; falls back to the id.
    public var displayName: String {
        let name = [firstName, lastName].compactMap { $0 }.joined(separator: " ")
        switch (name.isEmpty, email) {
        case (false, let mail?): return "\(name) <\(mail)>"
        case (false, nil): return "\(name) (#\(id))"
        case (true, let mail?): return mail
        case (true, nil): return "#\(id)"
        }
    }
}

/// The Personio attribute keys hrsync reads itself (SYNC-RULES §3).
public enum PersonioKey {
    public static let id = "id"
    public static let firstName = "first_name"
    public static let lastName = "last_name"
    public static let email = "email"
    public static let position = "position"
    public static let status = "status"
    public static let supervisor = "supervisor"
    /// Read when `sync.prestart_days` is set (and when a custom field maps it).
    public static let hireDate = "hire_date"
    /// Read when `sync.leavers` is `deactivate_on_termination_date`.
    public static let terminationDate = "termination_date"

    public static let standard = [firstName, lastName, email, position, status, supervisor]
}
