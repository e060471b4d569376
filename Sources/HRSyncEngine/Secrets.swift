import Foundation
import HRSyncCore

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a secret at the moment a client needs it, from the environment or a file
/// (systemd credentials, docker secrets). The value is never stored, logged or printed.
public struct SecretReader: Sendable {
    /// Where `.environment` sources are looked up: the process's environment unless a test passes its own.
    public var environment: [String: String]

    /// By default the process's environment.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// A client secret is a few hundred bytes; a file far larger is the wrong file.
    public static let maxFileBytes = 64 << 10

    /// A secret that cannot be had. The message names the variable or the file and what the secret is for,
    /// never a value.
    public enum Failure: Error, LocalizedError, Equatable {
        /// The variable is unset or blank; `purpose` says which secret it is.
        case unset(String, purpose: String)
        /// The file cannot be used: missing, not a regular file, too large, empty or not UTF-8; `reason` says which.
        case unreadable(String, purpose: String, reason: String)

        /// What is missing and where to set it.
        public var errorDescription: String? {
            switch self {
            case .unset(let name, let purpose): "the \(purpose) is not set: export \(name) (or use a *_file key in the config)"
            case .unreadable(let path, let purpose, let reason): "cannot read the \(purpose) from \(path): \(reason)"
            }
        }
    }

    /// The secret from `source`, trimmed. Throws `Failure` when it is unset, empty or unreadable; `purpose`
    /// (e.g. "Personio client secret") names it in the message.
    public func read(_ source: SecretSource, purpose: String) throws -> String {
        switch source {
        case .environment(let name):
            guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                throw Failure.unset(name, purpose: purpose)
            }
            return value
        case .file(let path):
            let data: Data
            do { data = try Self.regularFile(path, limit: Self.maxFileBytes) } catch let reason as Reason {
                throw Failure.unreadable(path, purpose: purpose, reason: reason.text)
            }
            guard let value = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                throw Failure.unreadable(path, purpose: purpose, reason: "it is empty or not UTF-8 text")
            }
            return value
        }
    }

    struct Reason: Error { let text: String }

    /// At most `limit` bytes of a regular file. Opened non-blocking, so a FIFO in its place is
    /// refused by fstat instead of hanging the run in open().
    static func regularFile(_ path: String, limit: Int) throws -> Data {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw Reason(text: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Reason(text: String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw Reason(text: "not a regular file") }
        guard Int(info.st_size) <= limit else { throw Reason(text: "larger than \(limit >> 10) KiB, so not a secret") }
        var data = Data(), buffer = [UInt8](repeating: 0, count: 4096)
        // The size is checked again while reading: the file may grow after fstat.
        while data.count <= limit {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw Reason(text: String(cString: strerror(errno))) }
            if n == 0 { return data }
            data.append(contentsOf: buffer[0..<n])
        }
        throw Reason(text: "larger than \(limit >> 10) KiB, so not a secret")
    }
}
