import Crypto
import Foundation
import HRSyncCore
import HRSyncStore

/// The reserved-domain address a replica gives a source email: stable per address (so a replay of
/// the same data matches the same people) and the same wherever the address stands (so matching by
/// email still works). Keyed (HMAC-SHA256): without the replica's key, nobody holding its files can
/// confirm a guessed address by hashing it.
public struct ReplicaEmail: Sendable {
    /// The domain no mail can ever be delivered to (RFC 2606).
    public static let domain = "example.invalid"

    let key: SymmetricKey
    /// The key's file name, in the replica's own directory.
    public let keyFile: String

    /// A rewrite with this key (32 bytes), stored as `keyFile`.
    public init(key: Data, keyFile: String) {
        self.key = SymmetricKey(data: key)
        self.keyFile = keyFile
    }

    /// `r<20 hex digits>@example.invalid`, from the address as matching compares it (trimmed, lowercased).
    public func rewrite(_ mail: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(MatchRule.normalize(mail).utf8), using: key)
        return "r" + Data(code).prefix(10).map { String(format: "%02x", $0) }.joined() + "@" + Self.domain
    }

    /// The key for replicas of the state directory `source` kept in `directory` (the replica's own,
    /// never the source's): made once, random, 0600, and read again on every restart so a replay matches.
    public static func key(in directory: String, source: String) throws -> ReplicaEmail {
        let name = "email-key-" + ObjectID.sha256(of: Data(ReplicaPlace.resolved(source).utf8)).hex.prefix(16)
        let path = directory + "/" + name
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
        if fd >= 0 {
            let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
            let text = Data(bytes.map { String(format: "%02x", $0) }.joined().utf8)
            let written = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
            guard written == text.count else {
                unlink(path)
                throw KeyFailure.unwritable(path)
            }
        } else if errno != EEXIST {
            throw KeyFailure.unwritable(path)
        }
        return try load(path)
    }

    /// The key stored at `path` (what `hrsync-sandbox config` rewrites the production config's emails with).
    public static func load(_ path: String) throws -> ReplicaEmail {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), let key = Self.bytes(hex: text), key.count == 32 else {
            throw KeyFailure.unreadable(path)
        }
        return ReplicaEmail(key: key, keyFile: (path as NSString).lastPathComponent)
    }

    static func bytes(hex text: String) -> Data? {
        let digits = Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        guard digits.count % 2 == 0 else { return nil }
        var data = Data()
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
            data.append(byte)
        }
        return data
    }

    /// Why the replica's email key cannot be used.
    public enum KeyFailure: Error, LocalizedError, Equatable {
        /// It could not be created.
        case unwritable(String)
        /// It is missing or damaged.
        case unreadable(String)

        /// Which file, and what to do.
        public var errorDescription: String? {
            switch self {
            case .unwritable(let path): "cannot write the replica's email key \(path): \(String(cString: strerror(errno)))"
            case .unreadable(let path):
                "the replica's email key \(path) is missing or damaged: remove it and start the replica again with 'hrsync-sandbox serve --from-state DIR' (its emails then get new rewrites)"
            }
        }
    }
}

extension SandboxState {
    /// Every address a replica's people and users carry (rewritten ones, unless emails were kept):
    /// what `hrsync-sandbox config` checks a filter value's rewrite against.
    public var replicaAddresses: Set<String> {
        var addresses = Set(platform.users.map(\.mail))
        for person in replicaEmployees ?? [] {
            if case .text(let mail)? = person.attributes[PersonioKey.email] { addresses.insert(mail) }
        }
        return addresses
    }
}
