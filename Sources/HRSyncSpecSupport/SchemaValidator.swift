import Foundation

/// Validates a JSON value (as JSONSerialization reads it) against an OpenAPI 3.0 schema:
/// type, nullable, enum, required, properties, additionalProperties, items, allOf/anyOf/oneOf,
/// string length, pattern and date/date-time formats, numeric bounds, array sizes.
/// Each problem comes back as "pointer: message".
public struct SchemaValidator {
    /// The document whose `$ref`s the schemas may point into.
    public let spec: OpenAPISpec
    /// Accept `null` where a schema forgot `nullable` but the vendor is documented to send it
    /// (Personio's `office`, `supervisor`, dates: see NOTES.md and the real fixtures).
    public var nullsAllowed: Bool

    /// Creates a validator; `nullsAllowed` is for Personio's payloads, which send nulls the schema does not declare.
    public init(spec: OpenAPISpec, nullsAllowed: Bool = false) {
        self.spec = spec
        self.nullsAllowed = nullsAllowed
    }

    /// The problems of `value` against `schema`, each as "pointer: message" (e.g. `/data/0: missing required 'id'`);
    /// empty when it conforms. `pointer` prefixes the paths, for a value nested in a larger one.
    public func validate(_ value: Any, _ schema: [String: Any], at pointer: String = "") -> [String] {
        guard let schema = spec.resolve(schema) else { return [] }
        var problems: [String] = []
        let here = pointer.isEmpty ? "/" : pointer

        if value is NSNull {
            let nullable = schema["nullable"] as? Bool ?? false
            let types = typeList(schema)
            let composed = schema["allOf"] != nil || schema["oneOf"] != nil || schema["anyOf"] != nil
            if nullable || nullsAllowed || types.contains("null") || (types.isEmpty && !composed) { return [] }
            // A composition may itself allow null (oneOf: [{type: null}, …]): let it decide.
            if !composed || !types.isEmpty { return ["\(here): null is not allowed"] }
        }
        for part in schema["allOf"] as? [[String: Any]] ?? [] {
            problems += validate(value, part, at: pointer)
        }
        if let options = schema["anyOf"] as? [[String: Any]], !options.contains(where: { validate(value, $0, at: pointer).isEmpty }) {
            problems.append("\(here): matches none of anyOf")
        }
        if let options = schema["oneOf"] as? [[String: Any]] {
            let matches = options.filter { validate(value, $0, at: pointer).isEmpty }.count
            if matches != 1 { problems.append("\(here): matches \(matches) of oneOf (needs exactly 1)") }
        }
        let types = typeList(schema)
        if !types.isEmpty, !types.contains(where: { matches(value, type: $0) }) {
            return problems + ["\(here): expected \(types.joined(separator: "|")), got \(describe(value))"]
        }
        if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { equal($0, value) }) {
            problems.append("\(here): \(describe(value)) is not one of \(allowed)")
        }
        switch value {
        case let object as [String: Any]:
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                problems.append("\(here): missing required '\(key)'")
            }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, member) in object {
                if let propertySchema = properties[key] as? [String: Any] {
                    problems += validate(member, propertySchema, at: "\(pointer)/\(key)")
                } else if let extra = schema["additionalProperties"] as? [String: Any] {
                    problems += validate(member, extra, at: "\(pointer)/\(key)")
                } else if (schema["additionalProperties"] as? Bool) == false {
                    problems.append("\(here): unknown property '\(key)'")
                }
            }
        case let array as [Any]:
            if let items = schema["items"] as? [String: Any] {
                for (index, item) in array.enumerated() { problems += validate(item, items, at: "\(pointer)/\(index)") }
            }
            if let min = schema["minItems"] as? Int, array.count < min { problems.append("\(here): fewer than \(min) items") }
            if let max = schema["maxItems"] as? Int, array.count > max { problems.append("\(here): more than \(max) items") }
        case let string as String:
            if let min = schema["minLength"] as? Int, string.count < min { problems.append("\(here): shorter than \(min)") }
            if let max = schema["maxLength"] as? Int, string.count > max { problems.append("\(here): longer than \(max)") }
            if let pattern = schema["pattern"] as? String, string.range(of: pattern, options: .regularExpression) == nil {
                problems.append("\(here): '\(string)' does not match \(pattern)")
            }
            if let format = schema["format"] as? String, !formatHolds(format, string) {
                problems.append("\(here): '\(string)' is not a \(format)")
            }
        case let number as NSNumber where !isBool(number):
            if let min = (schema["minimum"] as? NSNumber)?.doubleValue, number.doubleValue < min { problems.append("\(here): below \(min)") }
            if let max = (schema["maximum"] as? NSNumber)?.doubleValue, number.doubleValue > max { problems.append("\(here): above \(max)") }
        default:
            break
        }
        return problems
    }

    func typeList(_ schema: [String: Any]) -> [String] {
        if let one = schema["type"] as? String { return [one] }
        return schema["type"] as? [String] ?? []
    }

    func matches(_ value: Any, type: String) -> Bool {
        switch type {
        case "object": value is [String: Any]
        case "array": value is [Any]
        case "string": value is String
        case "boolean": (value as? NSNumber).map(isBool) ?? false
        case "integer": (value as? NSNumber).map { !isBool($0) && $0.doubleValue == $0.doubleValue.rounded() } ?? false
        case "number": (value as? NSNumber).map { !isBool($0) } ?? false
        case "null": value is NSNull
        default: true
        }
    }

    func isBool(_ number: NSNumber) -> Bool { String(cString: number.objCType) == "c" }

    func formatHolds(_ format: String, _ s: String) -> Bool {
        switch format {
        case "date": s.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil
        case "date-time": s.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$"#, options: .regularExpression) != nil
        case "email": s.range(of: #"^[^@\s]+@[^@\s]+\.[^@\s]+$"#, options: .regularExpression) != nil
        default: true
        }
    }

    func equal(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case let (x as String, y as String): x == y
        case let (x as NSNumber, y as NSNumber): x == y
        default: false
        }
    }

    func describe(_ value: Any) -> String {
        switch value {
        case is String: "a string"
        case let n as NSNumber: isBool(n) ? "a boolean" : "a number"
        case is [Any]: "an array"
        case is [String: Any]: "an object"
        default: "null"
        }
    }
}
