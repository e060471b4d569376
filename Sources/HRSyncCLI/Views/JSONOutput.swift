import Foundation
import HRSyncCore

/// `--json` output: the canonical encoding, indented (sorted keys, ISO 8601 dates, unsafe
/// characters escaped).
enum JSONOutput {
    /// Notes carry their rendered `message` here (never in a stored plan: forget rewrites fields).
    static func render<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try CanonicalJSON.encodePretty(value, userInfo: [PlanNote.withMessage: true]), as: UTF8.self)
    }

    static let timestamp: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return f
    }()
}

extension JSONOutput {
    /// A document whose Swift names become snake_case keys (`carried_by`), sorted, indented, unsafe characters escaped as in `render`.
    static func snakeCase<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: CanonicalJSON.escapingUnsafeCharacters(try encoder.encode(value)), as: UTF8.self)
    }
}
