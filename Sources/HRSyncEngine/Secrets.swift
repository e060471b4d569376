import Foundation
import HRSyncCore

/// Reads a secret at the moment a client needs it, from the environment or a file
/// (systemd credentials, docker secrets). The value is never stored, logged or printed.
public struct SecretReader: Sendable {
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public enum Failure: Error, LocalizedError, Equatable {
        case unset(String, purpose: String)
        case unreadable(String, purpose: String)

        public var errorDescription: String? {
            switch self {
            case .unset(let name, let purpose): "the \(purpose) is not set: export \(name) (or use a *_file key in the config)"
            case .unreadable(let path, let purpose): "cannot read the \(purpose) from \(path)"
            }
        }
    }

    public func read(_ source: SecretSource, purpose: String) throws -> String {
        switch source {
        case .environment(let name):
            guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                throw Failure.unset(name, purpose: purpose)
            }
            return value
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path),
                  let value = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                throw Failure.unreadable(path, purpose: purpose)
            }
            return value
        }
    }
}
