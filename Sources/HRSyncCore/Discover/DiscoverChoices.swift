import Foundation

/// The choices made on `discover`'s command line (`--group`, `--hierarchy`, `--custom-field`, `--admin`),
/// checked against what discover found.
public struct DiscoverChoices: Sendable, Equatable {
    /// A `--custom-field KEY[=NAME]`.
    public struct CustomField: Sendable, Equatable {
        /// The Personio attribute key.
        public var key: String
        /// The 360Learning field name; nil: the attribute's label (or its key when it has none).
        public var name: String?

        /// Parses `KEY` or `KEY=NAME`.
        public init(argument: String) {
            let parts = argument.split(separator: "=", maxSplits: 1).map { String($0).trimmed }
            key = parts[0]
            name = parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil
        }
    }

    /// The hierarchy attributes, level 1 first.
    public var hierarchy: [String]
    /// The custom fields to sync.
    public var customFields: [CustomField]
    /// `--admin`; nil: the only qualifying admin, if there is exactly one.
    public var admin: String?

    /// The choices as given.
    public init(hierarchy: [String] = [], customFields: [CustomField] = [], admin: String? = nil) {
        self.hierarchy = hierarchy
        self.customFields = customFields
        self.admin = admin
    }

    /// A choice that cannot work, in words naming what and where.
    public enum Problem: Error, LocalizedError, Equatable {
        /// No such Personio attribute.
        case unknownAttribute(key: String, option: String, suggestion: String?)
        /// The attribute list names it, but no payload carries it.
        case hiddenAttribute(key: String, option: String)
        /// `--admin` is not an active admin or owner; the candidates follow.
        case notAnAdmin(mail: String, candidates: [String])
        /// No `--admin`, and not exactly one candidate.
        case adminNeeded(candidates: [String])
        /// Two custom fields with one 360Learning name.
        case duplicateFieldName(String)

        /// One line a user can act on.
        public var errorDescription: String? {
            switch self {
            case .unknownAttribute(let key, let option, let suggestion):
                "\(option): Personio has no attribute '\(key)' readable by this credential\(suggestion.map { "; did you mean '\($0)'?" } ?? "") ('hrsync discover' lists them)"
            case .hiddenAttribute(let key, let option):
                "\(option): attribute '\(key)' is listed by Personio but no employee carries it: the API credential's whitelist hides it (add it under Settings → API credentials → Readable employee attributes), or syncing it would blank the field"
            case .notAnAdmin(let mail, let candidates):
                "--admin \(mail) is not an active admin or owner of the platform; candidates: \(candidates.isEmpty ? "none found" : candidates.joined(separator: ", "))"
            case .adminNeeded(let candidates):
                "--write-config needs --admin EMAIL (the connector admin); candidates: \(candidates.isEmpty ? "none found: make an active user admin of the platform first" : candidates.joined(separator: ", "))"
            case .duplicateFieldName(let name): "--custom-field: the 360Learning field name '\(name)' is used twice"
            }
        }
    }

    /// Checks the attributes against `report`; throws the first `Problem`.
    public func checkAttributes(in report: DiscoverReport) throws {
        let keys = report.personio.attributes.map(\.key)
        let named = hierarchy.map { ($0, "--hierarchy") } + customFields.map { ($0.key, "--custom-field") }
        for (key, option) in named {
            guard let attribute = report.attribute(key), attribute.carriedBy > 0 || attribute.listed else {
                throw Problem.unknownAttribute(key: key, option: option, suggestion: Suggestion.closest(to: key, in: keys))
            }
            if attribute.hiddenByWhitelist { throw Problem.hiddenAttribute(key: key, option: option) }
        }
        var names = Set<String>()
        for field in resolvedFields(report) where !names.insert(field.name.lowercasedForMatching).inserted {
            throw Problem.duplicateFieldName(field.name)
        }
    }

    /// The connector admin's mail: `admin` when it qualifies, else the only candidate; throws otherwise.
    public func adminMail(in report: DiscoverReport) throws -> String {
        let candidates = report.learning360.admins.filter(\.qualifies).compactMap(\.mail)
        if let admin {
            guard let found = candidates.first(where: { MatchRule.normalize($0) == MatchRule.normalize(admin) }) else {
                throw Problem.notAnAdmin(mail: admin, candidates: candidates)
            }
            return found
        }
        guard candidates.count == 1 else { throw Problem.adminNeeded(candidates: candidates) }
        return candidates[0]
    }

    /// The custom fields with their names settled: the label when no name was given.
    public func resolvedFields(_ report: DiscoverReport) -> [(key: String, name: String)] {
        customFields.map { field in
            let label = report.attribute(field.key)?.label ?? ""
            return (field.key, field.name ?? (label.isEmpty ? field.key : label))
        }
    }
}
