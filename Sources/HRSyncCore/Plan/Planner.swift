/// The pure planner: (Personio employees, 360Learning state, config, ownership) → Plan.
/// Every rule it applies is a named function of `Rules/`; this file only puts them in order.
public struct Planner {
    /// Everything a plan depends on (snapshots, config, ownership, today): the planner reads nothing else.
    public struct Input: Sendable {
        /// The Personio snapshot, each employee under its own id (the planner walks the values).
        public var employees: [Int: Employee]
        /// The 360Learning snapshot.
        public var lms: LMSState
        /// The config; its `sync` rules and `learning360.base_url` (the plan's target).
        public var config: HRSyncConfig
        /// What earlier applies added: only that may be removed (§4–§6).
        public var ownership: Ownership
        /// Personio attribute key → type per Personio's attribute list (only `date` counts, §4); empty: types come from the values.
        public var attributeTypes: [String: String]
        /// The id of the Personio snapshot `employees` was read from, written into the plan.
        public var personioSnapshot: String
        /// The id of the 360Learning snapshot `lms` was read from, written into the plan.
        public var learning360Snapshot: String
        /// SHA-256 of the config file's bytes, written into the plan.
        public var configHash: String
        /// Today's calendar day ("yyyy-MM-dd") for date rules (the pre-start window); nil: none apply.
        public var today: String?
        /// A targeted run (`--person`): only these employees are planned; the others given (their
        /// supervisors) only say which user a manager is. nil: everyone.
        public var targets: Set<Int>?

        /// The inputs; ids and the hash default to empty (tests, benchmarks).
        public init(
            employees: [Int: Employee], lms: LMSState, config: HRSyncConfig, ownership: Ownership = Ownership(),
            attributeTypes: [String: String] = [:], personioSnapshot: String = "", learning360Snapshot: String = "", configHash: String = "",
            today: String? = nil, targets: Set<Int>? = nil
        ) {
            self.today = today
            self.targets = targets
            self.employees = employees
            self.lms = lms
            self.config = config
            self.ownership = ownership
            self.attributeTypes = attributeTypes
            self.personioSnapshot = personioSnapshot
            self.learning360Snapshot = learning360Snapshot
            self.configHash = configHash
        }
    }

    /// Why `plan` stops without a plan: the connector admin check (SYNC-RULES §1).
    public enum Failure: Error, Equatable {
        /// SYNC-RULES §1: the connector admin (its mail) is not a user, not active, or not an admin of the root group.
        case adminMissing(mail: String)
        /// The admin's user has another status than `active`.
        case adminInactive(mail: String, status: String?)
        /// The admin has neither `admin` nor `owner` in the root group.
        case adminWithoutRootRole(mail: String)
    }

    /// `parts` runs the independent halves of the work (sequentially by default; the engine runs
    /// them on two cores from `splitFrom` employees on). The plan is the same either way.
    public static func plan(_ input: Input, parts: any PartsRunner = SequentialParts(), splitFrom threshold: Int = 2_000) throws -> Plan {
        try AdminRule.check(input.lms.admin, mail: input.config.learning360.adminEmail)
        var context = PlanContext(input: input, parts: parts)
        context.planFieldDefinitions()
        context.noteCycles()
        // Positions in `context.sortedEmployees`.
        var positions = Array(context.sortedEmployees.indices)
        if let targets = input.targets {
            let sorted = context.sortedEmployees
            context.resolveOnly(positions.filter { !targets.contains(sorted[$0].id) })
            positions = positions.filter { targets.contains(sorted[$0].id) }
        }
        context.forEachEmployee(positions, splitFrom: threshold) { context, position in context.plan(at: position) }
        context.forEachEmployee(positions, splitFrom: threshold) { context, position in context.planManager(at: position) }
        let actions = context.actions.enumerated().sorted { ($0.element.kind.phase, $0.offset) < ($1.element.kind.phase, $1.offset) }.map(\.element)
        context.warnings += IdentityChange.notes(actions, employees: input.employees, lms: input.lms, match: input.config.sync.match)
        let summary = PlanSummary(actions, warnings: context.warnings.count, conflicts: context.conflicts.count)
        let verdict = DeletionGuard.check(actions, syncedUsers: context.syncedUsers, limit: input.config.sync.maxDeletes)
        var plan = Plan(
            personioSnapshot: input.personioSnapshot, learning360Snapshot: input.learning360Snapshot,
            configHash: input.configHash, target: input.config.learning360.baseURL, actions: actions,
            warnings: context.warnings, conflicts: context.conflicts, held: verdict, syncedUsers: context.syncedUsers, summary: summary)
        plan.blankingHeld = BlankingGuard.check(
            actions, syncedUsers: context.syncedUsers, limit: input.config.sync.maxBlanked,
            customFieldNames: BlankingGuard.customFieldNames(input.config.sync, definitions: input.lms.fields.mapValues(\.name)))
        parts.release(Discarded(consume context))
        return plan
    }
}

/// How the planner runs independent parts of its work. Pure code cannot choose threads; the
/// engine passes a runner that uses the machine's cores.
public protocol PartsRunner: Sendable {
    /// Calls `body(0) … body(count - 1)`, in any order or at once; returns when all are done.
    func run(_ count: Int, _ body: (Int) -> Void)

    /// Lets go of `tables` (the planner's working state, no longer read) where it costs the caller
    /// least: freeing 100,000 employees' indexes is tens of milliseconds of one core.
    func release(_ tables: Discarded)
}

extension PartsRunner {
    /// Frees them here, now.
    public func release(_ tables: Discarded) {}
}

/// Working state nobody reads any more, handed to `PartsRunner.release` to be freed.
public final class Discarded: Sendable {
    // Never read: held only so that freeing it happens where the last reference goes.
    private let contents: any Sendable

    init(_ contents: some Sendable) { self.contents = contents }
}

/// One part after the other: the reference the parallel runs are tested against.
public struct SequentialParts: PartsRunner {
    /// The sequential runner.
    public init() {}
    /// Runs `body` for each part in order, on the calling thread.
    public func run(_ count: Int, _ body: (Int) -> Void) { for part in 0..<count { body(part) } }
}
