import Crypto
import Foundation

/// The SHA-256 of an object's uncompressed content (header included), as 64 lowercase hex digits.
public struct ObjectID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The 64 lowercase hex digits.
    public let hex: String

    /// Nil unless `hex` is exactly 64 lowercase hex digits (a prefix goes through `ObjectStore.resolve(prefix:)`).
    public init?(hex: String) {
        guard hex.count == 64, hex.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
        self.hex = hex
    }

    init(hashing data: Data) {
        self.init(hashing: [data])
    }

    /// The SHA-256 of `parts` concatenated, without concatenating them.
    init(hashing parts: some Sequence<Data>) {
        var hasher = SHA256()
        for part in parts { hasher.update(data: part) }
        hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// An abbreviation for display; any unique prefix of 7+ digits names an object.
    public var short: String { String(hex.prefix(12)) }
    /// The full hex, as refs and the log write it.
    public var description: String { hex }
    /// By hex digits: a stable order for listings and files.
    public static func < (a: ObjectID, b: ObjectID) -> Bool { a.hex < b.hex }

    /// Decodes the bare hex string; anything but a full lowercase id is `dataCorrupted`.
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = ObjectID(hex: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an object id: \(text)"))
        }
        self = id
    }

    /// Encodes as the bare hex string.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}

extension ObjectID {
    /// The SHA-256 of arbitrary bytes (e.g. the config file a plan is bound to).
    public static func sha256(of data: Data) -> ObjectID {
        ObjectID(hashing: data)
    }
}
