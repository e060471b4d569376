import Foundation
import Yams

/// A vendor's OpenAPI document, for checking the sandbox's answers and the clients' request bodies
/// against the vendor's own schemas. Used by tests; independent of both clients and sandbox.
public struct OpenAPISpec: @unchecked Sendable {
    /// The whole document as parsed, JSON or YAML.
    public let root: [String: Any]

    /// Reads the file at `path`: JSON when it ends in `.json`, else YAML. Throws when it cannot be read or parsed.
    public init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        if path.hasSuffix(".json") {
            root = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
        } else {
            root = try Yams.load(yaml: text) as? [String: Any] ?? [:]
        }
    }

    /// The operation object for `method` (any case) on `path` as the spec spells it (`/api/v2/users/{userId}`); nil when absent.
    public func operation(_ method: String, _ path: String) -> [String: Any]? {
        ((root["paths"] as? [String: Any])?[path] as? [String: Any])?[method.lowercased()] as? [String: Any]
    }

    /// The JSON schema of the answer with `status` (e.g. `"200"`), `$ref`s followed; nil when the spec has none.
    public func responseSchema(_ method: String, _ path: String, status: String) -> [String: Any]? {
        let responses = operation(method, path)?["responses"] as? [String: Any]
        let response = resolve(responses?[status] as? [String: Any])
        return jsonSchema(in: response?["content"])
    }

    /// The JSON schema of the request body, `$ref`s followed; nil when the operation takes none.
    public func requestSchema(_ method: String, _ path: String) -> [String: Any]? {
        jsonSchema(in: resolve(operation(method, path)?["requestBody"] as? [String: Any])?["content"])
    }

    /// The schema of that name under `components/schemas`, unresolved; nil when absent.
    public func schema(named name: String) -> [String: Any]? {
        ((root["components"] as? [String: Any])?["schemas"] as? [String: Any])?[name] as? [String: Any]
    }

    private func jsonSchema(in content: Any?) -> [String: Any]? {
        guard let content = content as? [String: Any] else { return nil }
        let media = content["application/json"] ?? content.first { $0.key.contains("json") }?.value
        return resolve((media as? [String: Any])?["schema"] as? [String: Any])
    }

    /// Follows `$ref: "#/a/b/c"` (repeatedly).
    public func resolve(_ object: [String: Any]?) -> [String: Any]? {
        var current = object
        var hops = 0
        while let ref = current?["$ref"] as? String, ref.hasPrefix("#/"), hops < 32 {
            var node: Any? = root
            for part in ref.dropFirst(2).split(separator: "/") {
                let key = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
                node = (node as? [String: Any])?[key]
            }
            current = node as? [String: Any]
            hops += 1
        }
        return current
    }
}
