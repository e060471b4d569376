import Foundation

/// What `plan` reads of the latest full plan before it: whether it was full (neither targeted nor
/// a revert) and its warnings, to tell the new warnings from those said before. Read by
/// `RecordScanner` from a plan of the format this hrsync writes, skipping its actions: decoding
/// the whole plan with `JSONDecoder` (5,243 warnings at 100,000 employees) took as long as
/// encoding the new one, at the end of every `plan`. Anything else is `nil`, and the caller decodes
/// the plan whole, as before; what is read equals what `JSONDecoder` reads (tested).
public struct EarlierPlanWarnings: Equatable, Sendable {
    /// Neither targeted (`--person`) nor a revert.
    public var isFull: Bool
    /// Its warnings, in order.
    public var warnings: [PlanNote]

    /// A plan's full-ness and warnings, as its whole decode gives them.
    public init(_ plan: Plan) {
        (isFull, warnings) = (plan.targeted == nil && plan.reverts == nil, plan.warnings)
    }

    /// Read from a plan's bytes, or given.
    public init(isFull: Bool, warnings: [PlanNote]) {
        (self.isFull, self.warnings) = (isFull, warnings)
    }

    /// `plan`'s bytes read for their warnings; nil when they are not a plan of `Plan.formatVersion`
    /// in the form hrsync writes (the caller decodes it whole). The other members are skipped, not
    /// checked: this assumes what the store holds as a plan of this format was written by this
    /// format's encoder (every plan is stored through `CanonicalJSON`, its bytes match its id when
    /// read, and the format's version changes with its schema), so it would decode whole.
    public static func read(_ plan: Data) -> EarlierPlanWarnings? {
        RecordScanner.read(plan) { s in
            var version: String?, targeted = false, reverts = false, warnings: [PlanNote]?
            var seen = Set<String>()
            try s.object { s, key in
                guard seen.insert(key.text).inserted else { throw RecordScanner.Bail() }
                switch key {
                case "format_version": version = try s.string()
                // Present and not null: a list of people, a plan's id (as `init(from:)` requires).
                case "targeted": if !s.null() { _ = try s.strings(); targeted = true }
                case "reverts": if !s.null() { _ = try s.string(); reverts = true }
                case "warnings": warnings = try s.array { try PlanNote.scanned(&$0) }
                default: try s.skipValue()
                }
            }
            guard version == Plan.formatVersion, let warnings else { throw RecordScanner.Bail() }
            return EarlierPlanWarnings(isFull: !targeted && !reverts, warnings: warnings)
        }
    }
}

extension PlanNote {
    /// A note as `init(from:)` reads it, in the form hrsync writes (a plain string is a `text`
    /// note); an unknown kind or member bails.
    static func scanned(_ s: inout RecordScanner) throws -> PlanNote {
        if s.next == UInt8(ascii: "\"") { return PlanNote(.text, values: ["text": try s.string()]) }
        var kind: Kind?, people: [PersonRef] = [], users: [String] = [], values: [String: String] = [:]
        var seen = SeenKeys()
        try s.object { s, key in
            switch key {
            case "kind":
                try seen.mark(0)
                guard let read = Kind(rawValue: try s.string()) else { throw RecordScanner.Bail() }
                kind = read
            case "people": try seen.mark(1); people = s.null() ? [] : try s.array { try PersonRef.scanned(&$0) }
            case "users": try seen.mark(2); users = s.null() ? [] : try s.strings()
            case "values":
                try seen.mark(3)
                if !s.null() {
                    try s.object { s, key in
                        guard values.updateValue(try s.string(), forKey: key.text) == nil else { throw RecordScanner.Bail() }
                    }
                }
            default: throw RecordScanner.Bail()
            }
        }
        guard let kind else { throw RecordScanner.Bail() }
        return PlanNote(kind, people: people, users: users, values: values)
    }
}

extension PersonRef {
    /// `{"personio_id", "name", "email"?}` as the synthesized decoder reads it; anything else bails.
    static func scanned(_ s: inout RecordScanner) throws -> PersonRef {
        var id: Int?, name: String?, email: String?
        var seen = SeenKeys()
        try s.object { s, key in
            switch key {
            case "personio_id": try seen.mark(0); id = try s.int()
            case "name": try seen.mark(1); name = try s.string()
            case "email": try seen.mark(2); email = try s.optionalString()
            default: throw RecordScanner.Bail()
            }
        }
        guard let id, let name else { throw RecordScanner.Bail() }
        return PersonRef(personioID: id, name: name, email: email)
    }
}
