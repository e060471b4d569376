import Foundation

/// SYNC-RULES §4: custom-field types and values.
public enum CustomFieldRule {
    /// `date` when the Personio attribute is a date (in the payload or per the attribute list), else `string`.
    public static func type(of key: String, in employees: some Sequence<Employee>, attributeTypes: [String: String] = [:]) -> String {
        if attributeTypes[key] == "date" { return "date" }
        for employee in employees {
            if let value = employee[key], value != .empty { return value.isDate ? "date" : "string" }
        }
        return "string"
    }

    /// The value to write: dates as the calendar day given, lists joined with ", ", others as text;
    /// nil when absent or empty (the value is then dropped from the user's list).
    public static func value(_ value: AttributeValue?, type: String) -> String? {
        guard let value else { return nil }
        switch (value, type) {
        case (.date(let day), _): return day
        case (.text(let text), "date"): return text.count >= 10 && isDay(String(text.prefix(10))) ? String(text.prefix(10)) : nil
        case (.employee, _): return nil
        default: return value.text
        }
    }

    /// A value that is there but is not a calendar day, for a date field: a warning, not a clear.
    public static func isUnreadableDate(_ value: AttributeValue?, type: String) -> Bool {
        guard type == "date", let value, value != .empty, case .text(let text) = value else { return false }
        return Self.value(value, type: type) == nil && !text.trimmed.isEmpty
    }

    static func isDay(_ s: String) -> Bool {
        s.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil
    }

    /// Whether `desiredValues` would give back the user's values (`stored`, as the snapshot has
    /// them) as they are, told without building it: the common case (a user whose values are all
    /// as Personio has them), checked per employee at 100,000. True only when each definition
    /// appears once in `stored`, each configured field holds its wanted type and value there (or
    /// is absent and wanted empty), and no value of an unconfigured field is one hrsync managed
    /// earlier; anything else is left to `desiredValues`.
    public static func holds(
        _ configured: [(ref: FieldRef, type: String, value: String?)], stored: [LMSCustomValue], managedEarlier: Set<String>
    ) -> Bool {
        // Each definition once: by pairs for the few values a user has, by a set for many.
        if stored.count > 16 {
            guard Set(stored.map(\.fieldID)).count == stored.count else { return false }
        } else if stored.indices.contains(where: { index in stored[..<index].contains { $0.fieldID == stored[index].fieldID } }) {
            return false
        }
        // A stored value is of an existing definition: a field this plan creates holds none.
        for value in stored where !configured.contains(where: { $0.ref.existingID == value.fieldID }) {
            if managedEarlier.contains(value.fieldID) { return false }
        }
        // Compared where they are stored, not copied out: a user's stored values are texts many
        // users share, and copying one retained and released them on both cores.
        for wanted in configured {
            guard let id = wanted.ref.existingID, let held = stored.firstIndex(where: { $0.fieldID == id }) else {
                if wanted.value != nil { return false }
                continue
            }
            guard stored[held].value == wanted.value, stored[held].type == wanted.type else { return false }
        }
        return true
    }

    /// The full list for `PUT …/custom-fields/values`: values of fields hrsync does not manage stay
    /// as they are; configured fields carry the Personio value (absent → dropped); values of fields
    /// hrsync managed earlier but no longer configures are removed. Ordered by field.
    public static func desiredValues(
        current: [CustomValue], configured: [FieldRef: (type: String, value: String?)],
        managedEarlier: Set<String>
    ) -> [CustomValue] {
        var result = current.filter { value in
            configured[value.field] == nil && !(value.field.existingID.map(managedEarlier.contains) ?? false)
        }
        for (field, wanted) in configured {
            if let value = wanted.value { result.append(CustomValue(field: field, type: wanted.type, value: value)) }
        }
        return result.sorted()
    }
}
