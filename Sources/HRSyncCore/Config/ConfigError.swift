import Foundation

/// A mistake in `hrsync.yaml`, always pointing at the place to fix it.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The config file's path, as the caller named it.
    public var file: String
    /// 1-based line of the mistake; nil when it concerns the whole file.
    public var line: Int?
    /// What is wrong and what to write instead; never echoes a secret.
    public var message: String

    /// A mistake at `file:line`.
    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, or `file: message` without a line.
    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

extension ConfigError: LocalizedError {
    /// The same text as `description`, for `localizedDescription`.
    public var errorDescription: String? { description }
}
