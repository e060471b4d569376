import Foundation

/// Any JSON, read without assumptions: Personio's attribute values vary in shape between
/// accounts, credentials and API generations, so the client reads them loosely and normalizes.
enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    static func parse(_ data: Data) throws -> JSONValue {
        try JSONParser.parse(data)
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// An integer given as a number or as a numeric string (Personio sends both).
    var int: Int? {
        switch self {
        case .int(let i): i
        case .double(let d) where d == d.rounded(): Int(exactly: d)
        case .string(let s): Int(s.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }
}
