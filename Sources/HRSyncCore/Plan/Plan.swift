/// A reviewable change plan: plain data, versioned, bound to the snapshots, config and target it
/// was computed from. Apply executes `actions` in order.
public struct Plan: Codable, Equatable, Sendable {
    public static let formatVersion = "2.1"
    /// Plan formats this hrsync reads and applies (2.0 wrote notes as plain strings).
    public static let readableVersions: Set<String> = ["2.0", "2.1"]

    public var formatVersion: String
    public var personioSnapshot: String
    public var learning360Snapshot: String
    public var configHash: String
    public var target: String
    public var actions: [PlanAction]
    public var warnings: [PlanNote]
    public var conflicts: [PlanNote]
    /// The deletion guard's verdict when the plan computed it (apply computes it again).
    public var held: DeletionGuard.Verdict?
    /// The users matched to wanted or leaving employees: what a share in `sync.max_deletes` is of.
    public var syncedUsers: Int
    public var summary: PlanSummary
    /// Set on a plan `hrsync revert` wrote: the apply (record id) it undoes.
    public var reverts: String?
    /// Set on a targeted plan (`--person`): the people it was computed for, as given.
    public var targeted: [String]?

    public init(formatVersion: String = Plan.formatVersion, personioSnapshot: String, learning360Snapshot: String, configHash: String,
                target: String, actions: [PlanAction], warnings: [PlanNote], conflicts: [PlanNote], held: DeletionGuard.Verdict?,
                syncedUsers: Int, summary: PlanSummary) {
        self.formatVersion = formatVersion
        self.personioSnapshot = personioSnapshot
        self.learning360Snapshot = learning360Snapshot
        self.configHash = configHash
        self.target = target
        self.actions = actions
        self.warnings = warnings
        self.conflicts = conflicts
        self.held = held
        self.syncedUsers = syncedUsers
        self.summary = summary
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", personioSnapshot = "personio_snapshot", learning360Snapshot = "learning360_snapshot"
        case configHash = "config_hash", target, actions, warnings, conflicts, held, syncedUsers = "synced_users", summary, reverts, targeted
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(formatVersion, forKey: .formatVersion)
        try c.encode(personioSnapshot, forKey: .personioSnapshot)
        try c.encode(learning360Snapshot, forKey: .learning360Snapshot)
        try c.encode(configHash, forKey: .configHash)
        try c.encode(target, forKey: .target)
        try c.encode(actions, forKey: .actions)
        try c.encode(warnings, forKey: .warnings)
        try c.encode(conflicts, forKey: .conflicts)
        try c.encode(held, forKey: .held)
        try c.encode(syncedUsers, forKey: .syncedUsers)
        try c.encode(summary, forKey: .summary)
        try c.encodeIfPresent(reverts, forKey: .reverts)
        try c.encodeIfPresent(targeted, forKey: .targeted)
    }

    public var isEmpty: Bool { actions.isEmpty }

    /// The people the plan touches, by Personio id and email: what the log records for `log --person`.
    public var people: [String] {
        var people = Set<String>()
        for case let person? in actions.map(\.person) {
            people.formUnion(PersonQuery.keys(personioID: person.personioID, email: person.email))
        }
        return people.sorted()
    }
}

public struct PlanSummary: Codable, Equatable, Sendable {
    public var create = 0
    public var update = 0
    public var delete = 0
    public var restore = 0
    public var warnings = 0
    public var conflicts = 0

    public init() {}

    /// Per person (or user), the one word that describes all its actions, counted.
    public init(_ actions: [PlanAction], warnings: Int, conflicts: Int) {
        var people: [UserRef: Set<PlanAction.Kind>] = [:]
        for action in actions {
            guard let user = action.user else { continue }   // field definitions are nobody's
            people[user, default: []].insert(action.kind)
        }
        for kinds in people.values {
            if kinds.contains(.createUser) { create += 1 }
            else if kinds.contains(.restoreUser) { restore += 1 }
            else if kinds.contains(.deleteUser) { delete += 1 }
            else { update += 1 }
        }
        self.warnings = warnings
        self.conflicts = conflicts
    }

    /// "Plan: 3 to create, 5 to update, 1 to delete, 0 to restore; 2 warnings."
    public var line: String {
        "Plan: \(create) to create, \(update) to update, \(delete) to delete, \(restore) to restore; \(warnings) warning\(warnings == 1 ? "" : "s")\(conflicts > 0 ? ", \(conflicts) conflict\(conflicts == 1 ? "" : "s")" : "")."
    }
}
