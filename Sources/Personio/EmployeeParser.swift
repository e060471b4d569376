import Foundation
import HRSyncCore

/// Turns one item of `GET /v1/company/employees` into an `Employee`, by attribute **key** (labels
/// are localised), tolerating every shape Personio is known to send (see NOTES.md §5–6).
struct EmployeeParser {
    /// Attribute types from `/v1/company/employees/attributes`, for payloads without `type`.
    var knownTypes: [String: String] = [:]
    /// Only these keys are kept (nil: all).
    var keep: Set<String>?

    struct Malformed: Error, Equatable {
        var employeeID: Int?
        var reason: String
    }

    /// As `parse(_:notes:)`, for callers that look at the result only (tests, the fuzz harness).
    func parse(_ item: JSONValue) -> Result<Employee, Malformed> {
        var ignored: [PlanNote] = []
        return parse(item, notes: &ignored)
    }

    /// `notes`: a `valueTooLong` per attribute over its `TextCap`. Such a value is not kept, so it
    /// reads as missing and the field it maps is left as it is (SYNC-RULES §3): a truncated value
    /// would be written to 360Learning as if it were Personio's.
    func parse(_ item: JSONValue, notes: inout [PlanNote]) -> Result<Employee, Malformed> {
        guard case .object(let attributes)? = item["attributes"] else {
            return .failure(Malformed(employeeID: nil, reason: "no attributes object"))
        }
        let idValue = attributes["id"].map { $0["value"] ?? $0 }
        guard let id = idValue?.int else {
            return .failure(Malformed(employeeID: nil, reason: "no numeric id"))
        }
        guard id > 0 else { return .failure(Malformed(employeeID: nil, reason: "id \(id) is not a positive number")) }
        var values: [String: AttributeValue] = [:]
        for (key, wrapper) in attributes where key != "id" && (keep?.contains(key) ?? true) {
            // The usual shape is {label, value, type, universal_id}; tolerate a bare value too.
            let isWrapped = wrapper["value"] != nil || wrapper["label"] != nil
            let value = isWrapped ? (wrapper["value"] ?? .null) : wrapper
            let type = wrapper["type"]?.string ?? knownTypes[key]
            guard let normalized = Self.normalize(value, key: key, type: type) else {
                return .failure(Malformed(employeeID: id, reason: "attribute '\(key)' has an unreadable value"))
            }
            if let length = TextCap.excess(normalized, key: key) {
                notes.append(
                    PlanNote(
                        .valueTooLong, people: [PersonRef(personioID: id, name: "", email: nil)],
                        values: ["key": key, "length": String(length), "cap": String(TextCap.limit(for: key))]))
                continue
            }
            values[key] = normalized
        }
        return .success(Employee(id: id, attributes: values))
    }

    /// nil when the value has a shape no Personio attribute takes.
    static func normalize(_ value: JSONValue, key: String, type: String?) -> AttributeValue? {
        switch value {
        case .null:
            return .empty
        case .bool(let b):
            return .text(b ? "true" : "false")
        case .int(let i):
            return .text(String(i))
        case .double(let d):
            return .text(plainNumber(d))
        case .string(let raw):
            let s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if s.isEmpty { return .empty }
            if type == "tags" { return tags(s) }
            if type == "date" || (type == nil && calendarDate(s) != nil) {
                return calendarDate(s).map(AttributeValue.date) ?? .text(s)
            }
            return .text(s)
        case .array(let items):
            let names = items.compactMap(name(of:))
            guard names.count == items.count else { return nil }
            return names.isEmpty ? .empty : .list(names)
        case .object:
            if value["type"]?.string == "Employee" || key == PersonioKey.supervisor {
                let idValue = value["attributes"]?["id"].map { $0["value"] ?? $0 } ?? value["id"]
                return idValue?.int.map(AttributeValue.employee)
            }
            return name(of: value).map(AttributeValue.text)
        }
    }

    /// Tags come as a list, a comma string, or a string holding a JSON array.
    static func tags(_ s: String) -> AttributeValue {
        if s.hasPrefix("["), let data = s.data(using: .utf8), let list = try? JSONDecoder().decode([String].self, from: data) {
            let names = list.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return names.isEmpty ? .empty : .list(names)
        }
        let names = s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return names.isEmpty ? .empty : .list(names)
    }

    /// `{type, attributes: {name}}` objects (office, department, cost center…) by name; plain strings as they are.
    static func name(of value: JSONValue) -> String? {
        switch value {
        case .string(let s): return s.trimmingCharacters(in: .whitespaces)
        case .int(let i): return String(i)
        case .double(let d): return plainNumber(d)
        case .object:
            if let name = value["attributes"]?["name"]?.string ?? value["name"]?.string { return name.trimmingCharacters(in: .whitespaces) }
            return nil
        default: return nil
        }
    }

    /// `2022-01-12T00:00:00+01:00`, `2012-02-01T00:00:00+0100` or `2022-01-12` → `2022-01-12`:
    /// the calendar date as written, never converted to UTC (that would shift the day).
    static func calendarDate(_ s: String) -> String? {
        let utf8 = Array(s.utf8)
        guard utf8.count >= 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-"),
            utf8[0..<4].allSatisfy(isDigit), utf8[5..<7].allSatisfy(isDigit), utf8[8..<10].allSatisfy(isDigit),
            utf8.count == 10 || utf8[10] == UInt8(ascii: "T")
        else { return nil }
        return String(s.prefix(10))
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    static func plainNumber(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }
}
