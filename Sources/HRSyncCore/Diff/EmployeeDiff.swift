/// What changed between two Personio snapshots, per person and per attribute: what `pull` reports
/// and `diff` prints. Pure.
public struct EmployeeDiff: Equatable, Sendable {
    /// What happened to a person between the two snapshots; the raw value is the summary's wording.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// In the new payload, not in the old.
        case hired
        /// In both, with an attribute that differs.
        case changed
        /// In both, and their status became a leaver's (`inactive`, SYNC-RULES §1).
        case terminated
        /// In the old payload, gone from the new (deleted in Personio, or no longer visible to the credential).
        case left = "left the payload"
    }

    /// One attribute that differs, both sides rendered as text (`render`); also used by `LMSDiff`.
    public struct FieldChange: Equatable, Sendable, Codable {
        /// The Personio attribute key (in an `LMSDiff`, the user attribute's name).
        public var attribute: String
        /// nil: absent from the payload (not readable or not sent).
        public var old: String?
        /// nil: absent from the new payload.
        public var new: String?
    }

    /// One person who changed, with what changed.
    public struct PersonChange: Equatable, Sendable {
        /// The Personio employee id.
        public var id: Int
        /// Hired, changed, terminated, or left the payload.
        public var kind: Kind
        /// `Employee.displayName` (from the new snapshot when there is one).
        public var name: String
        /// The email, the old one when the new snapshot has none; nil when neither has one.
        public var email: String?
        /// The attributes that differ, sorted by key; empty for `left`.
        public var fields: [FieldChange]
    }

    /// Everyone who changed, sorted by Personio id; unchanged people are not listed.
    public var changes: [PersonChange]

    /// How many people had this kind of change.
    public func count(_ kind: Kind) -> Int { changes.filter { $0.kind == kind }.count }

    /// "3 hired, 12 changed, 1 terminated, 0 left the payload"
    public var summary: String {
        Kind.allCases.map { "\(count($0)) \($0.rawValue)" }.joined(separator: ", ")
    }

    /// The changes from `old` to `new` (each keyed by Personio id). An attribute that was not in the
    /// old payload and comes empty now (newly requested: a config change, or a newer hrsync that reads
    /// more) says nothing about the person: it is not a change, or every employee would be "changed".
    public static func between(_ old: [Int: Employee], _ new: [Int: Employee]) -> EmployeeDiff {
        var changes: [PersonChange] = []
        for id in Set(old.keys).union(new.keys).sorted() {
            switch (old[id], new[id]) {
            case (nil, let hired?):
                changes.append(
                    PersonChange(
                        id: id, kind: .hired, name: hired.displayName, email: hired.email,
                        fields: fieldChanges(Employee(id: id, attributes: [:]), hired)))
            case (let gone?, nil):
                changes.append(PersonChange(id: id, kind: .left, name: gone.displayName, email: gone.email, fields: []))
            case (let before?, let after?) where before != after:
                let fields = fieldChanges(before, after).filter { !($0.old == nil && before[$0.attribute] == nil && after[$0.attribute] == .empty) }
                guard !fields.isEmpty else { continue }
                let terminated = StatusClass.of(after.status) == .leaver && StatusClass.of(before.status) != .leaver
                changes.append(
                    PersonChange(
                        id: id, kind: terminated ? .terminated : .changed, name: after.displayName,
                        email: after.email ?? before.email, fields: fields))
            default:
                continue
            }
        }
        return EmployeeDiff(changes: changes)
    }

    static func fieldChanges(_ before: Employee, _ after: Employee) -> [FieldChange] {
        Set(before.attributes.keys).union(after.attributes.keys).sorted().compactMap { key in
            let old = before.attributes[key], new = after.attributes[key]
            guard old != new else { return nil }
            // A reference forget erased is unknown, not absent: reading it again is no change.
            if old == nil, before.forgotten?.contains(key) == true { return nil }
            return FieldChange(attribute: key, old: old.map(render), new: new.map(render))
        }
    }

    /// How a value reads in a diff: dates and text as they are, supervisors by id, "" for empty.
    public static func render(_ value: AttributeValue) -> String {
        switch value {
        case .employee(let id): "#\(id)"
        default: value.text ?? ""
        }
    }
}
