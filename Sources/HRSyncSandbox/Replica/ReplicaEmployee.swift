import Foundation

/// One employee of a replica (`serve --from-state`): the attributes a pull kept, by Personio key,
/// as the emulated Personio serves them back. The sandbox's own model: only the values' shapes are
/// those of the snapshot, nothing of the Personio client's wire types.
public struct ReplicaEmployee: Codable, Sendable, Equatable {
    /// One attribute's value, in the shapes a pulled employee has.
    public enum Value: Codable, Sendable, Equatable {
        /// Text as pulled.
        case text(String)
        /// A calendar day, `YYYY-MM-DD`.
        case date(String)
        /// A list of names (tags, cost centers).
        case list([String])
        /// Another employee (the supervisor), by Personio id.
        case employee(Int)
        /// Personio sent `null` or an empty value.
        case empty
    }

    /// Personio's numeric employee id.
    public var id: Int
    /// By Personio attribute key; an absent key is one the credential could not read.
    public var attributes: [String: Value]

    /// An employee with these attributes.
    public init(id: Int, attributes: [String: Value]) {
        self.id = id
        self.attributes = attributes
    }

    /// The v1 wire form, `{type: "Employee", attributes: {key: {label, value, type, universal_id}}}`;
    /// labels are the keys (a replica has no account language).
    var rendered: SandboxJSON {
        var wire: [String: SandboxJSON] = ["id": ["label": "ID", "value": .int(id), "type": "integer", "universal_id": "id"]]
        for (key, value) in attributes {
            let (json, type): (SandboxJSON, String) =
                switch value {
                case .text(let text): (.string(text), "standard")
                case .date(let day): (.string(day), "date")
                case .list(let names): (.array(names.map(SandboxJSON.string)), "standard")
                case .employee(let id): (["type": "Employee", "attributes": ["id": ["label": "ID", "value": .int(id), "type": "integer"]]], "standard")
                case .empty: (.null, "standard")
                }
            wire[key] = ["label": .string(key), "value": json, "type": .string(type), "universal_id": .string(key)]
        }
        return ["type": "Employee", "attributes": .object(wire)]
    }

    /// `/v1/company/employees/attributes` for a replica: every key its employees carry, `date` where a value is one.
    static func attributeList(_ people: [ReplicaEmployee]) -> SandboxJSON {
        var types: [String: String] = [:]
        for person in people {
            for (key, value) in person.attributes {
                if case .date = value { types[key] = "date" } else if types[key] == nil { types[key] = "standard" }
            }
        }
        return .array(
            types.keys.sorted().map { key in
                ["key": .string(key), "label": .string(key), "type": .string(types[key]!), "universal_id": .string(key), "options": []]
            })
    }
}
