import Foundation

/// What `hrsync discover` saw of one Personio attribute: who has a value, the commonest values
/// (never for personal or free-text attributes), and whether the credential can read it at all.
public struct AttributeSurvey: Codable, Equatable, Sendable {
    /// The attribute key (`office`, `dynamic_1234567`): what a config names.
    public var key: String
    /// The label in the account's language, for people; empty when Personio gave none.
    public var label: String
    /// Personio's type (`standard`, `date`, `list`, `tags`, …), from the attribute list or the payload.
    public var type: String
    /// Whether the attributes endpoint named it (false: only seen in payloads).
    public var listed: Bool
    /// How many employees' payloads carry the key, with a value or not.
    public var carriedBy: Int
    /// Employees with a value, by status (`active`, `onboarding`, `leave`).
    public var withValue: [String: Int]
    /// Up to 5 commonest values of the active, onboarding and on-leave employees, commonest first; nil when
    /// the attribute is personal or free text (names, emails, birthdays): counted, never sampled.
    public var topValues: [ValueCount]?
    /// How many different values those employees have; nil when not sampled.
    public var distinctValues: Int?
    /// Personio types it as a date, or every value is a calendar day.
    public var looksLikeDate: Bool
    /// Listed, but no employee's payload carries it (of a company with employees): the credential's
    /// whitelist hides it, so syncing it would blank the field in 360Learning.
    public var hiddenByWhitelist: Bool
}

/// A value and how many people have it.
public struct ValueCount: Codable, Equatable, Sendable {
    /// The value, trimmed.
    public var value: String
    /// How many people have it.
    public var count: Int

    /// A value with its count.
    public init(value: String, count: Int) {
        self.value = value
        self.count = count
    }
}

/// Builds `AttributeSurvey`s from the attribute list and the employees (pure).
public enum AttributeSurveyor {
    /// One entry of Personio's attribute list.
    public struct Definition: Sendable, Equatable {
        /// The key.
        public var key: String
        /// The localised label.
        public var label: String
        /// Personio's type.
        public var type: String

        /// A definition from its parts.
        public init(key: String, label: String, type: String) {
            self.key = key
            self.label = label
            self.type = type
        }
    }

    /// The statuses counted separately (SYNC-RULES §1: the ones hrsync syncs).
    public static let statuses = ["active", "onboarding", "leave"]
    /// How many values are shown per attribute.
    public static let sampleSize = 5

    /// Every listed attribute and every key seen in a payload, listed ones first in list order, then the rest by key.
    public static func survey(definitions: [Definition], employees: [Employee]) -> [AttributeSurvey] {
        var order = definitions.map(\.key)
        var known = Set(order)
        let seen = Set(employees.flatMap(\.attributes.keys))
        for key in seen.sorted() where known.insert(key).inserted { order.append(key) }
        let byKey = Dictionary(definitions.map { ($0.key, $0) }) { first, _ in first }
        let wanted = employees.filter { StatusClass.of($0.status) == .wanted }
        return order.map { key in
            let definition = byKey[key]
            let type = definition?.type ?? payloadType(key, employees)
            let label = definition?.label ?? ""
            var withValue = Dictionary(uniqueKeysWithValues: statuses.map { ($0, 0) })
            var counts: [String: Int] = [:]
            var firstSpelling: [String: String] = [:]
            var allDays = true
            for employee in wanted {
                guard let value = employee[key], let text = value.text?.trimmed, !text.isEmpty else { continue }
                withValue[employee.status?.lowercased() ?? "", default: 0] += 1
                let folded = text.lowercasedForMatching
                counts[folded, default: 0] += 1
                if firstSpelling[folded] == nil { firstSpelling[folded] = text }
                if !value.isDate && !isCalendarDay(text) { allDays = false }
            }
            let personal = isPersonal(key: key, label: label, type: type)
            let top = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(sampleSize)
                .map { ValueCount(value: firstSpelling[$0.key] ?? $0.key, count: $0.value) }
            return AttributeSurvey(
                key: key, label: label, type: type, listed: definition != nil,
                carriedBy: key == PersonioKey.id ? employees.count : employees.reduce(0) { $0 + ($1[key] != nil ? 1 : 0) }, withValue: withValue,
                topValues: personal ? nil : top, distinctValues: personal ? nil : counts.count,
                looksLikeDate: type == "date" || (!counts.isEmpty && allDays),
                hiddenByWhitelist: definition != nil && key != PersonioKey.id && !employees.isEmpty && !employees.contains { $0[key] != nil })
        }
    }

    /// Names, emails, birthdays, addresses, bank and phone data, ids and free text: counted, never sampled.
    public static func isPersonal(key: String, label: String, type: String) -> Bool {
        if type == "multiline" { return true }
        let personalKeys: Set<String> = [
            "id", "first_name", "last_name", "preferred_name", "email", "supervisor", "date_of_birth", "birthday", "gender",
            "profile_picture", "fix_salary", "hourly_salary", "iban", "phone", "address"
        ]
        if personalKeys.contains(key) { return true }
        let words = [
            "name", "mail", "birth", "geburt", "phone", "telefon", "mobile", "iban", "bic", "bank", "address", "adresse", "salary",
            "gehalt", "social", "tax", "steuer", "passport", "private", "privat", "note", "comment", "kommentar"
        ]
        let text = (key + " " + label).lowercased()
        return words.contains { text.contains($0) }
    }

    static func isCalendarDay(_ text: String) -> Bool {
        text.range(of: #"^\d{4}-\d{2}-\d{2}"#, options: .regularExpression) != nil
    }

    /// The type as the payloads suggest it, for a key the attribute list did not name.
    static func payloadType(_ key: String, _ employees: [Employee]) -> String {
        for employee in employees {
            switch employee[key] {
            case .date?: return "date"
            case .list?: return "tags"
            case .text?, .employee?: return "standard"
            case .empty?, nil: continue
            }
        }
        return "standard"
    }
}
