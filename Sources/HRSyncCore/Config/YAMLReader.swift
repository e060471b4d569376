import Foundation
import Yams

/// Reads a composed YAML tree with the checks a config needs: known keys only, a type per key,
/// and every complaint located at `file:line`.
struct YAMLReader {
    let file: String

    func fail(_ node: Node?, _ message: String) -> ConfigError {
        ConfigError(file: file, line: node?.mark?.line, message: message)
    }

    /// The entries of a mapping, after rejecting keys outside `known`.
    func mapping(_ node: Node, at path: String, known: [String]) throws -> [String: Node] {
        guard case .mapping(let mapping) = node else {
            throw fail(node, "\(path) must be a mapping of keys (\(known.joined(separator: ", ")))")
        }
        var result: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { throw fail(keyNode, "\(path): keys must be plain words") }
            guard known.contains(key) else {
                let hint = closest(to: key, in: known).map { "; did you mean '\($0)'?" } ?? " (known: \(known.joined(separator: ", ")))"
                throw fail(keyNode, "unknown key '\(key)' in \(path)\(hint)")
            }
            guard result[key] == nil else { throw fail(keyNode, "duplicate key '\(key)' in \(path)") }
            result[key] = value
        }
        return result
    }

    func string(_ node: Node, at path: String) throws -> String {
        guard case .scalar(let scalar) = node else { throw fail(node, "\(path) must be a text value") }
        if isNull(node) { throw fail(node, "\(path) must not be empty") }
        let value = scalar.string.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { throw fail(node, "\(path) must not be empty") }
        return value
    }

    /// One of an enum's raw values: "\(path) must be a or b, got 'x'".
    func choice<T: RawRepresentable & CaseIterable>(_ node: Node, at path: String) throws -> T where T.RawValue == String {
        let text = try string(node, at: path)
        guard let value = T(rawValue: text) else {
            throw fail(node, "\(path) must be \(T.allCases.map(\.rawValue).joined(separator: " or ")), got '\(text)'")
        }
        return value
    }

    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func bool(_ node: Node, at path: String) throws -> Bool {
        guard case .scalar(let scalar) = node, let value = Bool.construct(from: scalar) else {
            throw fail(node, "\(path) must be true or false")
        }
        return value
    }

    func list(_ node: Node, at path: String) throws -> [Node] {
        guard case .sequence(let sequence) = node else { throw fail(node, "\(path) must be a list") }
        return Array(sequence)
    }

    func stringList(_ node: Node, at path: String) throws -> [String] {
        try list(node, at: path).enumerated().map { try string($0.element, at: "\(path)[\($0.offset)]") }
    }

    /// The known key nearest to a misspelt one, if it is plausibly a typo.
    private func closest(to key: String, in known: [String]) -> String? {
        Suggestion.closest(to: key, in: known)
    }
}
