import Foundation

/// Filters (`sync.filters`, a group's `filter`) in hrsync.yaml's own words, for `explain` and
/// messages: what a reader can find in the config, never a Swift dump of the enum.
extension EmployeeFilter {
    /// One flow mapping as hrsync.yaml writes it: `{ attribute: department, not_in: [Interns] }`,
    /// `{ any: [{ attribute: office, equals: Berlin }, …] }`.
    public var yaml: String {
        switch self {
        case .condition(let attribute, let op): "{ attribute: \(YAMLText.scalar(attribute)), \(op.yaml) }"
        case .any(let parts): "{ any: [\(parts.map(\.yaml).joined(separator: ", "))] }"
        case .all(let parts): "{ all: [\(parts.map(\.yaml).joined(separator: ", "))] }"
        }
    }

    /// The attributes the filter reads, in order, each once.
    public var attributes: [String] {
        var seen: [String] = []
        func walk(_ filter: EmployeeFilter) {
            switch filter {
            case .condition(let attribute, _): if !seen.contains(attribute) { seen.append(attribute) }
            case .any(let parts), .all(let parts): parts.forEach(walk)
            }
        }
        walk(self)
        return seen
    }

    /// What the employee has of the attributes the filter reads: "department is 'Interns'".
    public func reading(of employee: Employee) -> String {
        attributes.map { key in
            switch employee[key] {
            case nil: "\(key) is not in the payload"
            case let value?: value.text.map { "\(key) is '\($0)'" } ?? "\(key) is empty"
            }
        }.joined(separator: ", ")
    }

    /// What would make the filter hold, in words: "department were none of [Interns]".
    public var wouldHoldIf: String {
        switch self {
        case .condition(let attribute, let op): "\(attribute) \(op.wouldHold)"
        case .any(let parts): parts.isEmpty ? "the any: list named a condition" : parts.map(\.wouldHoldIf).joined(separator: ", or ")
        case .all(let parts): parts.map(\.wouldHoldIf).joined(separator: ", and ")
        }
    }
}

extension FilterOperator {
    /// `not_in: [Interns]`, `exists: true`: the key and value as in hrsync.yaml.
    public var yaml: String {
        switch self {
        case .equals(let value): "equals: \(YAMLText.scalar(value))"
        case .notEquals(let value): "not_equals: \(YAMLText.scalar(value))"
        case .isIn(let values): "in: \(YAMLText.list(values))"
        case .notIn(let values): "not_in: \(YAMLText.list(values))"
        case .matches(let pattern): "matches: \(YAMLText.scalar(pattern))"
        case .exists: "exists: true"
        case .missing: "missing: true"
        }
    }

    /// The condition on the attribute's value, in words, after "department".
    var wouldHold: String {
        switch self {
        case .equals(let value): "were \(YAMLText.scalar(value))"
        case .notEquals(let value): "were anything but \(YAMLText.scalar(value))"
        case .isIn(let values): values.count == 1 ? "were \(YAMLText.scalar(values[0]))" : "were one of \(YAMLText.list(values))"
        case .notIn(let values): values.count == 1 ? "were anything but \(YAMLText.scalar(values[0]))" : "were none of \(YAMLText.list(values))"
        case .matches(let pattern): "matched \(YAMLText.scalar(pattern))"
        case .exists: "were set"
        case .missing: "were empty"
        }
    }
}
