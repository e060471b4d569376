import Foundation

/// Named pointers to objects (`refs/personio`, `refs/360learning`, …), each a file holding one id.
public struct Refs: Sendable {
    public let directory: String

    public static let personio = "personio"
    public static let learning360 = "360learning"

    /// A ref name is one word: no "/", not hidden, not empty (a stray file in refs/ is reported, never a trap).
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && !name.hasPrefix(".") && !name.contains("\0")
    }

    public func get(_ name: String) throws -> ObjectID? {
        guard Self.isValidName(name) else { throw StoreError.badRevision(name, reason: "not a ref name") }
        let path = self.path(of: name)
        guard FileSystem.exists(path) else { return nil }
        let text = String(decoding: try FileSystem.read(path), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let id = ObjectID(hex: text) else {
            throw StoreError.corruptObject(id: name, path: path, reason: "a ref must hold one object id")
        }
        return id
    }

    public func set(_ name: String, to id: ObjectID) throws {
        guard Self.isValidName(name) else { throw StoreError.badRevision(name, reason: "not a ref name") }
        try FileSystem.writeAtomically(Data("\(id.hex)\n".utf8), to: path(of: name))
    }

    public func names() -> [String] {
        FileSystem.list(directory)
    }

    public func path(of name: String) -> String {
        "\(directory)/\(name)"
    }
}
