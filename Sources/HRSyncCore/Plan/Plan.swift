/// A reviewable change plan: plain data, versioned, bound to the snapshots, config and target it
/// was computed from. Apply executes `actions` in order.
public struct Plan: Codable, Equatable, Sendable {
    /// The `format_version` this hrsync writes (hrsync-plan(5)).
    public static let formatVersion = "2.2"
    /// Plan formats this hrsync reads and applies (2.0 wrote notes as plain strings).
    public static let readableVersions: Set<String> = ["2.0", "2.1", "2.2"]

    /// `format_version`: one of `readableVersions`, or apply refuses the plan.
    public var formatVersion: String
    /// The id (SHA-256, hex) of the Personio snapshot planned from (SYNC-RULES §8).
    public var personioSnapshot: String
    /// The id (SHA-256, hex) of the 360Learning snapshot planned from.
    public var learning360Snapshot: String
    /// SHA-256 of the config file's bytes; apply refuses a plan computed from another config (§8).
    public var configHash: String
    /// The 360Learning base URL; apply refuses a plan for another platform (§8).
    public var target: String
    /// The changes, in the order apply runs them (`PlanAction.Kind.phase`, §6).
    public var actions: [PlanAction]
    /// Notes for the reviewer about people or config; they do not block anything.
    public var warnings: [PlanNote]
    /// People left alone because the data contradicts itself (no action for them, §2).
    public var conflicts: [PlanNote]
    /// The deletion guard's verdict when the plan computed it (apply computes it again).
    public var held: DeletionGuard.Verdict?
    /// The blanking guard's verdicts, one per held field (`blanking_held`, left out when none; apply computes them again).
    public var blankingHeld: [BlankingGuard.Verdict] = []
    /// The users matched to wanted or leaving employees: what a share in `sync.max_deletes` is of.
    public var syncedUsers: Int
    /// Counts per person, for the one-line summary.
    public var summary: PlanSummary
    /// Set on a plan `hrsync revert` wrote: the apply (record id) it undoes.
    public var reverts: String?
    /// Set on a targeted plan (`--person`): the people it was computed for, as given.
    public var targeted: [String]?
    /// Set on a preview (`plan --as-of DATE`): the day it was computed as of. Never stored, never applied.
    public var asOf: String?

    /// A plan as the planner computes it; `reverts` and `targeted` are set after.
    public init(
        formatVersion: String = Plan.formatVersion, personioSnapshot: String, learning360Snapshot: String, configHash: String,
        target: String, actions: [PlanAction], warnings: [PlanNote], conflicts: [PlanNote], held: DeletionGuard.Verdict?,
        syncedUsers: Int, summary: PlanSummary
    ) {
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
        case blankingHeld = "blanking_held", asOf = "as_of"
    }

    /// Every key; `blanking_held`, `reverts`, `targeted` and `as_of` may be absent.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try c.decode(String.self, forKey: .formatVersion)
        personioSnapshot = try c.decode(String.self, forKey: .personioSnapshot)
        learning360Snapshot = try c.decode(String.self, forKey: .learning360Snapshot)
        configHash = try c.decode(String.self, forKey: .configHash)
        target = try c.decode(String.self, forKey: .target)
        actions = try c.decode([PlanAction].self, forKey: .actions)
        warnings = try c.decode([PlanNote].self, forKey: .warnings)
        conflicts = try c.decode([PlanNote].self, forKey: .conflicts)
        held = try c.decodeIfPresent(DeletionGuard.Verdict.self, forKey: .held)
        blankingHeld = try c.decodeIfPresent([BlankingGuard.Verdict].self, forKey: .blankingHeld) ?? []
        syncedUsers = try c.decode(Int.self, forKey: .syncedUsers)
        summary = try c.decode(PlanSummary.self, forKey: .summary)
        reverts = try c.decodeIfPresent(String.self, forKey: .reverts)
        targeted = try c.decodeIfPresent([String].self, forKey: .targeted)
        asOf = try c.decodeIfPresent(String.self, forKey: .asOf)
    }

    /// All keys, `null` included, except `reverts`, `targeted` and `as_of`, which only their plans carry, and
    /// `blanking_held`, which only a plan with a held field carries.
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
        if !blankingHeld.isEmpty { try c.encode(blankingHeld, forKey: .blankingHeld) }
        try c.encode(syncedUsers, forKey: .syncedUsers)
        try c.encode(summary, forKey: .summary)
        try c.encodeIfPresent(reverts, forKey: .reverts)
        try c.encodeIfPresent(targeted, forKey: .targeted)
        try c.encodeIfPresent(asOf, forKey: .asOf)
    }

    /// Whether there is nothing to apply (notes alone do not count).
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

/// The plan's `summary`: people per outcome, each counted once, plus the notes.
public struct PlanSummary: Codable, Equatable, Sendable {
    /// People who get a new user.
    public var create = 0
    /// People whose user is changed, not created, restored or deleted.
    public var update = 0
    /// People whose user is deleted.
    public var delete = 0
    /// People whose deleted user is restored.
    public var restore = 0
    /// Notes among `warnings`, counted per note (one person may have several).
    public var warnings = 0
    /// Notes among `conflicts`, counted per note.
    public var conflicts = 0

    /// All zero.
    public init() {}

    /// Per person (or user), the one word that describes all its actions, counted.
    public init(_ actions: [PlanAction], warnings: Int, conflicts: Int) {
        var people: [UserRef: Set<PlanAction.Kind>] = [:]
        for action in actions {
            guard let user = action.user else { continue }  // field definitions are nobody's
            people[user, default: []].insert(action.kind)
        }
        for kinds in people.values {
            if kinds.contains(.createUser) {
                create += 1
            } else if kinds.contains(.restoreUser) {
                restore += 1
            } else if kinds.contains(.deleteUser) {
                delete += 1
            } else {
                update += 1
            }
        }
        self.warnings = warnings
        self.conflicts = conflicts
    }

    /// "Plan: 3 to create, 5 to update, 1 to delete, 0 to restore; 2 warnings."
    public var line: String {
        "Plan: \(create) to create, \(update) to update, \(delete) to delete, \(restore) to restore; \(warnings) warning\(warnings == 1 ? "" : "s")\(conflicts > 0 ? ", \(conflicts) conflict\(conflicts == 1 ? "" : "s")" : "")."
    }
}

extension Plan {
    /// The 360Learning ids the actions name (users, managers, groups, fields): what a view looks up names for.
    public var learning360IDs: Set<String> { Set(actions.flatMap(\.learning360IDs)) }
}
