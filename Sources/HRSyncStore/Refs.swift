import Foundation

/// Named pointers to objects (`refs/personio`, `refs/360learning`, …), each a file holding one id.
public struct Refs: Sendable {
    /// `refs/` in the state directory (Man/hrsync.1, FILES).
    public let directory: String

    /// `refs/personio`: the latest Personio snapshot; each full pull moves it (gc and forget too, rewriting the chain).
    public static let personio = "personio"
    /// `refs/360learning`: the latest 360Learning snapshot; each full pull moves it (gc and forget too, rewriting the chain).
    public static let learning360 = "360learning"

    /// A ref name is one word: no "/", not hidden, not empty (a stray file in refs/ is reported, never a trap).
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && !name.hasPrefix(".") && !name.contains("\0")
    }

    /// The id ref `name` holds, nil when there is no such ref; throws `badRevision` for a bad name, `corruptObject` for a file holding no id.
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

    /// Points ref `name` at `id`, written atomically: a crash leaves the old id or the new one.
    public func set(_ name: String, to id: ObjectID) throws {
        guard Self.isValidName(name) else { throw StoreError.badRevision(name, reason: "not a ref name") }
        try FileSystem.writeAtomically(Data("\(id.hex)\n".utf8), to: path(of: name))
    }

    /// Every entry of refs/, sorted, temp files left out (stray ones too: fsck reports them).
    public func names() -> [String] {
        FileSystem.list(directory)
    }

    /// The file of ref `name`.
    public func path(of name: String) -> String {
        "\(directory)/\(name)"
    }
}
