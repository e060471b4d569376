/// What changed between two Personio snapshots, per person and per attribute: what `pull` reports
/// and `diff` prints. Pure.
public struct EmployeeDiff: Equatable, Sendable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case hired
        case changed
        case terminated
        case left = "left the payload"
    }

    public struct FieldChange: Equatable, Sendable, Codable {
        public var attribute: String
        /// nil: absent from the payload (not readable or not sent).
        public var old: String?
        public var new: String?
    }

    public struct PersonChange: Equatable, Sendable {
        public var id: Int
        public var kind: Kind
        public var name: String
        public var email: String?
        public var fields: [FieldChange]
    }

    public var changes: [PersonChange]

    public func count(_ kind: Kind) -> Int { changes.filter { $0.kind == kind }.count }

    /// "3 hired, 12 changed, 1 terminated, 0 left the payload"
    public var summary: String {
        Kind.allCases.map { "\(count($0)) \($0.rawValue)" }.joined(separator: ", ")
    }

    public static func between(_ old: [Int: Employee], _ new: [Int: Employee]) -> EmployeeDiff {
        var changes: [PersonChange] = []
        for id in Set(old.keys).union(new.keys).sorted() {
            switch (old[id], new[id]) {
            case (nil, let hired?):
                changes.append(PersonChange(id: id, kind: .hired, name: hired.displayName, email: hired.email,
                                            fields: fieldChanges(Employee(id: id, attributes: [:]), hired)))
            case (let gone?, nil):
                changes.append(PersonChange(id: id, kind: .left, name: gone.displayName, email: gone.email, fields: []))
            case (let before?, let after?) where before != after:
                let fields = fieldChanges(before, after)
                guard !fields.isEmpty else { continue }
                let terminated = StatusClass.of(after.status) == .leaver && StatusClass.of(before.status) != .leaver
                changes.append(PersonChange(id: id, kind: terminated ? .terminated : .changed, name: after.displayName,
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
