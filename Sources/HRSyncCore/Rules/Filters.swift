import Foundation

/// SYNC-RULES §1 filters (`sync.filters`, group `filter`). Comparisons use the attribute's text,
/// trimmed and case-insensitive (lists read as "a, b"); `exists` means present and not empty,
/// `missing` the opposite. A negative operator (`not_equals`, `not_in`) holds for an employee
/// without the attribute.
public enum FilterRule {
    /// Whether `employee` passes one filter; a `matches` pattern that does not compile passes nobody.
    public static func passes(_ filter: EmployeeFilter, _ employee: Employee) -> Bool {
        switch filter {
        case .all(let parts): return parts.allSatisfy { passes($0, employee) }
        case .any(let parts): return parts.contains { passes($0, employee) }
        case .condition(let attribute, let op):
            let value = employee.text(attribute)?.trimmed
            func same(_ other: String) -> Bool { value?.caseInsensitiveCompare(other.trimmed) == .orderedSame }
            switch op {
            case .equals(let expected): return same(expected)
            case .notEquals(let expected): return !same(expected)
            case .isIn(let options): return options.contains(where: same)
            case .notIn(let options): return !options.contains(where: same)
            case .matches(let pattern):
                guard let value, let regex = try? NSRegularExpression(pattern: pattern) else { return false }
                return regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
            case .exists: return value?.isEmpty == false
            case .missing: return value?.isEmpty ?? true
            }
        }
    }

    /// All of `sync.filters` (AND); an empty list lets everyone through.
    public static func passesAll(_ filters: [EmployeeFilter], _ employee: Employee) -> Bool {
        filters.allSatisfy { passes($0, employee) }
    }
}

/// SYNC-RULES §1: who is processed, and how.
public enum ScopeRule {
    /// What §1 makes of one employee.
    public enum Decision: Equatable, Sendable {
        /// Created or updated: status active, onboarding or leave, and passing `sync.filters`.
        case wanted
        /// Deleted if matched: status inactive (and passing the filters when `sync.filters_apply_to_leavers`).
        case leaver
        /// Failing `sync.filters`: not created, updated or deleted.
        case filteredOut
        /// Status missing or unknown: skipped with a warning.
        case invalidStatus(String?)
    }

    /// The decision for `employee` under `sync`'s filters.
    public static func decide(_ employee: Employee, _ sync: SyncSettings) -> Decision {
        switch StatusClass.of(employee.status) {
        case .invalid: return .invalidStatus(employee.status)
        case .wanted: return FilterRule.passesAll(sync.filters, employee) ? .wanted : .filteredOut
        case .leaver:
            guard sync.filtersApplyToLeavers else { return .leaver }
            return FilterRule.passesAll(sync.filters, employee) ? .leaver : .filteredOut
        }
    }
}
