/// A mistake in `hrsync.yaml`, always pointing at the place to fix it.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

import Foundation

extension ConfigError: LocalizedError {
    public var errorDescription: String? { description }
}
