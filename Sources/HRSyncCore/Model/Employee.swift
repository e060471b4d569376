/// A Personio employee as hrsync keeps it: the Personio id and the attributes hrsync uses,
/// normalized (see `AttributeValue`). A key that is absent was not in the payload (the
/// credential may not read it); `.empty` means Personio sent `null`, `""` or `[]`.
public struct Employee: Codable, Equatable, Sendable {
    /// The Personio employee id: the key of snapshots, plans and the `personio` mapping.
    public var id: Int
    /// By Personio attribute key (never the translated label); only the keys `AttributeSelection` keeps.
    public var attributes: [String: AttributeValue]
    /// Employee-typed attributes (the supervisor) whose person `forget` erased from this stored
    /// record: unknown, not absent, so the value the next pull reads again is no change
    /// (`EmployeeDiff`). nil (and not encoded) in every record forget did not touch, so those
    /// keep their bytes; an older hrsync ignores the key and reads the attribute as absent.
    public var forgotten: [String]?

    /// An employee with these attributes, as read or built by tests.
    public init(id: Int, attributes: [String: AttributeValue], forgotten: [String]? = nil) {
        self.id = id
        self.attributes = attributes
        self.forgotten = forgotten
    }

    /// Drops the employee reference under `key` (its person is being forgotten), remembering
    /// that it was there: a stored record keeps "someone forgotten", never who.
    public mutating func forgetReference(_ key: String) {
        attributes[key] = nil
        forgotten = Array(Set(forgotten ?? []).union([key])).sorted()
    }

    /// The raw value; nil when the payload did not carry the attribute.
    public subscript(key: String) -> AttributeValue? { attributes[key] }

    /// The text of an attribute, trimmed; nil when absent or empty.
    public func text(_ key: String) -> String? { attributes[key]?.text }

    /// `email`, trimmed; nil when absent or empty. Not checked for syntax here.
    public var email: String? { text(PersonioKey.email) }
    /// `status` (`active`, `inactive`, …); `StatusClass` sorts it (SYNC-RULES §1).
    public var status: String? { text(PersonioKey.status) }
    /// `first_name`, trimmed; nil when absent or empty.
    public var firstName: String? { text(PersonioKey.firstName) }
    /// `last_name`, trimmed; nil when absent or empty.
    public var lastName: String? { text(PersonioKey.lastName) }
    /// The supervisor's Personio id; nil when there is none or it is not an employee reference (SYNC-RULES §6).
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
    /// The employee id, as the API sends it.
    public static let id = "id"
    /// → `firstName`.
    public static let firstName = "first_name"
    /// → `lastName`.
    public static let lastName = "last_name"
    /// → `mail`, and the email matching key (SYNC-RULES §2).
    public static let email = "email"
    /// → `job`.
    public static let position = "position"
    /// Decides wanted, leaver or invalid (SYNC-RULES §1).
    public static let status = "status"
    /// → a manager (SYNC-RULES §6).
    public static let supervisor = "supervisor"
    /// Read when `sync.prestart_days` is set (and when a custom field maps it).
    public static let hireDate = "hire_date"
    /// Read when `sync.leavers` is `deactivate_on_termination_date`.
    public static let terminationDate = "termination_date"

    /// The keys every snapshot keeps, whatever the config.
    public static let standard = [firstName, lastName, email, position, status, supervisor]
}
