import Foundation
import HRSyncCore
import HRSyncStore

/// `plan`: the latest snapshots of both sides, the config and hrsync's own history → a Plan,
/// stored as an object, logged, and optionally written to a file.
public struct PlanEngine: Sendable {
    let config: HRSyncConfig
    let configBytes: Data
    let state: StateDirectory

    /// Today in the company's time zone (`sync.timezone`), for date rules; settable for tests.
    public var today: String

    /// `configBytes` are the config file's exact bytes, whose hash binds the plan (§8); `today` starts as
    /// today in `sync.timezone`.
    public init(config: HRSyncConfig, configBytes: Data, state: StateDirectory) {
        self.today = CalendarDay.of(Date(), in: config.sync.timeZone)
        self.config = config
        self.configBytes = configBytes
        self.state = state
    }

    /// Why `plan` (and `revert`) cannot compute a plan (exit 1); the message names the command that fixes it.
    public enum Failure: Error, LocalizedError {
        /// No snapshot of this side (`Personio` or `360Learning`) yet: pull first.
        case noSnapshot(String)
        /// An apply record the log names cannot be read, so what hrsync added is unknown: planning would forget
        /// those roles and links, so `plan` refuses.
        case ownershipUnreadable(object: String, event: String)

        /// What is missing and the command that fixes it.
        public var errorDescription: String? {
            switch self {
            case .ownershipUnreadable(let object, let event):
                "apply record \(object) (log entry \(event)) is missing or unreadable, so hrsync cannot tell which roles and links it added: the state directory is damaged; run 'hrsync fsck'"
            case .noSnapshot(let side): "no \(side) snapshot yet: run 'hrsync pull' (or 'hrsync plan' without --offline)"
            }
        }
    }

    /// A stored plan: what `plan` prints, writes with `-o` and `apply` runs.
    public struct Outcome: Sendable {
        /// The plan as stored.
        public var plan: Plan
        /// The plan object's id: what the log, `show` and `apply` name it by.
        public var id: ObjectID
        /// The 360Learning state planned against, for the views to name users and groups.
        public var lms: LMSState
        /// The plan object's exact bytes: what `plan -o` writes and `apply PLAN` verifies.
        public var bytes: Data
        /// The warnings of the full plan before this one (nil: none before it), so the views
        /// print in full only the warnings that are new (a cron job mails nothing it mailed before).
        public var earlierWarnings: Set<PlanNote>?
        /// What the plan was computed from, so that a command about to end can keep it until exit
        /// (`KeptUntilExit`) rather than spend 60 ms freeing 100,000 employees before its summary.
        public var input: Planner.Input?

        /// Memberwise; `revert` builds its outcome too.
        public init(plan: Plan, id: ObjectID, lms: LMSState, bytes: Data) {
            self.plan = plan
            self.id = id
            self.lms = lms
            self.bytes = bytes
        }
    }

    /// What hrsync added earlier, from the apply records the log names (oldest first), and a
    /// warning for each unreadable log line (an apply recorded there would be forgotten).
    public func ownership() throws -> (Ownership, warnings: [PlanNote]) {
        let (records, warnings) = try applyRecords()
        return (Ownership.from(records), warnings)
    }

    /// Every apply record the log names, oldest first, and a warning for each unreadable log line.
    public func applyRecords() throws -> ([ApplyRecord], warnings: [PlanNote]) {
        var records: [ApplyRecord] = []
        let history = try state.history()
        let warnings = history.torn.map { PlanNote(.logUnreadable, values: ["line": String($0)]) }
        for entry in history.entries(.apply) {
            // A record that cannot be read would silently drop what hrsync owns (and it would
            // then never remove those roles and links): refuse to plan instead. A record forget
            // rewrote is read where it now is.
            for written in entry.writes {
                let id = written.readable
                guard let payload = try? state.objects.get(id, as: .apply),
                    let record = try? CanonicalJSON.decode(ApplyRecord.self, from: payload)
                else {
                    throw Failure.ownershipUnreadable(object: id.short, event: entry.event.id)
                }
                records.append(record)
            }
        }
        return (records, warnings)
    }

    /// The planner's input from the latest snapshots, and the plan, without storing anything: for an
    /// offline reader (`explain`), whose snapshots `OfflineSnapshots.check` passed.
    public func compute(_ checked: OfflineSnapshots.Checked) throws -> (Planner.Input, Plan) {
        try compute()
    }

    /// The planner's input from the latest snapshots (just pulled, or checked), and the plan.
    /// `beside` runs first, beside the snapshots' decode (`plan --offline` checks them there), then
    /// the apply records are read; its error is thrown first, then theirs, then the snapshots'.
    func compute(beside: () throws -> Void = {}) throws -> (Planner.Input, Plan) {
        guard let personioID = try state.refs.get(Refs.personio), let lmsID = try state.refs.get(Refs.learning360) else {
            try beside()
            throw Failure.noSnapshot(try state.refs.get(Refs.personio) == nil ? "Personio" : "360Learning")
        }
        // Read in the part that runs first, so that an unreadable apply record is the error thrown
        // before any snapshot's, as when the records were read ahead of the decode.
        var owned: (Ownership, warnings: [PlanNote])?
        let (employees, lms) = try LatestSnapshots.decode(personio: personioID, learning360: lmsID, state: state) {
            try beside()
            owned = try self.ownership()
        }
        guard let (ownership, damage) = owned else { throw Failure.noSnapshot("Personio") }  // `beside` ran, or decode threw
        let input = Planner.Input(
            employees: employees, lms: lms, config: config, ownership: ownership,
            personioSnapshot: personioID.hex, learning360Snapshot: lmsID.hex, configHash: ObjectID.sha256(of: configBytes).hex, today: today)
        var plan = try Planner.plan(input, parts: ConcurrentParts())
        plan.warnings = damage + plan.warnings
        plan.summary.warnings = plan.warnings.count
        return (input, plan)
    }

    /// `plan --offline`: `run()` on the latest snapshots as they are. `OfflineSnapshots.check` runs
    /// beside their decode and refuses them before anything is planned (its error is the one
    /// thrown); once it passed, `checked` gets it (for its notes) before this returns or throws.
    public func runOffline(_ checked: (OfflineSnapshots.Checked) -> Void) throws -> Outcome {
        var passed: OfflineSnapshots.Checked?
        defer { passed.map(checked) }
        return try run(beside: { passed = try OfflineSnapshots.check(config, state: state) })
    }

    /// Plans from the latest full snapshots (just pulled), then stores the plan as an object and logs it.
    /// Throws `Failure` when a snapshot is missing or an apply record cannot be read.
    public func run() throws -> Outcome {
        try run(beside: {})
    }

    /// `run()`, with `beside` run beside the snapshots' decode (see `compute`).
    func run(beside: () throws -> Void) throws -> Outcome {
        let (input, plan) = try compute(beside: beside)
        // The earlier plans are named before this one is logged, then the latest full one's warnings
        // are read in a part beside those of this one's encoding (a part of parts would run on one
        // core: libdispatch does not spread a nested apply over 2 cores).
        let earlierPlans = try plansNewestFirst()
        var earlier: [PlanNote]?
        let bytes = try plan.canonicalBytes(parts: ConcurrentParts()) { earlier = Self.firstFullPlanWarnings(among: earlierPlans, in: state) }
        var outcome = try store(plan, input, bytes: bytes)
        outcome.earlierWarnings = earlier.map { Set($0) }
        outcome.input = input
        return outcome
    }

    /// `upcoming`: the dated events the rules will act on from today to `days` days later, from the
    /// latest full snapshots, once `OfflineSnapshots.check` passed (nothing is stored).
    public func upcoming(days: Int, _ checked: OfflineSnapshots.Checked) throws -> [UpcomingEvents.Event] {
        guard let personioID = try state.refs.get(Refs.personio) else { throw Failure.noSnapshot("Personio") }
        guard let lmsID = try state.refs.get(Refs.learning360) else { throw Failure.noSnapshot("360Learning") }
        let (employees, lms) = try LatestSnapshots.decode(personio: personioID, learning360: lmsID, state: state)
        return UpcomingEvents.list(employees: employees, lms: lms, config: config, today: today, days: days)
    }

    /// `plan --as-of DAY`: the plan the latest snapshots give when the date rules take `day` as today.
    /// Neither stored nor logged, so no `apply` can ever run it; its id is its bytes' hash, for the views.
    /// Offline, so only once `OfflineSnapshots.check` passed.
    public func preview(asOf day: String, _ checked: OfflineSnapshots.Checked) throws -> Outcome {
        var engine = self
        engine.today = day
        var (input, plan) = try engine.compute()
        plan.asOf = day
        let bytes = try CanonicalJSON.encode(plan)
        return Outcome(plan: plan, id: ObjectID.sha256(of: bytes), lms: input.lms, bytes: bytes)
    }

    /// A targeted plan (`--person`) from a targeted pull's partial snapshots.
    public func run(targeted pull: TargetedPull.Outcome, people: [String]) throws -> Outcome {
        let (ownership, damage) = try ownership()
        let earlier = try latestFullPlan()
        let input = Planner.Input(
            employees: pull.employees, lms: pull.lms, config: config, ownership: ownership,
            personioSnapshot: pull.personioSnapshot.hex, learning360Snapshot: pull.learning360Snapshot.hex,
            configHash: ObjectID.sha256(of: configBytes).hex, today: today, targets: pull.targets)
        var plan = try Planner.plan(input)
        plan.targeted = people
        plan.warnings = damage + pull.warnings + plan.warnings
        plan.summary.warnings = plan.warnings.count
        // A share in sync.max_deletes is of the company's synced users (the latest full plan's
        // count), not of the few people this run read.
        if let full = earlier?.syncedUsers, full > plan.syncedUsers {
            plan.syncedUsers = full
            plan.held = DeletionGuard.check(plan.actions, syncedUsers: full, limit: config.sync.maxDeletes)
            plan.blankingHeld = BlankingGuard.check(
                plan.actions, syncedUsers: full, limit: config.sync.maxBlanked,
                customFieldNames: BlankingGuard.customFieldNames(config.sync, definitions: input.lms.fields.mapValues(\.name)))
        }
        var outcome = try store(plan, input)
        outcome.earlierWarnings = earlier.map { Set($0.warnings) }
        return outcome
    }

    /// " Blanking held: department (12 users)." for the log; empty when no field is held.
    static func blankingNote(_ verdicts: [BlankingGuard.Verdict]) -> String {
        verdicts.isEmpty ? "" : " Blanking held: \(verdicts.map { "\($0.field) (\(Plural.count($0.blanked, "user")))" }.joined(separator: ", "))."
    }

    /// The newest stored plan that was neither targeted nor a revert (its `synced_users` and warnings).
    public func latestFullPlan() throws -> Plan? {
        Self.firstFullPlan(among: try plansNewestFirst(), in: state)
    }

    /// The plans the log names, newest first.
    func plansNewestFirst() throws -> [ObjectID] {
        try state.history().entries(.plan).reversed().compactMap(\.written)
    }

    /// The warnings of the first of `plans` that reads and was neither targeted nor a revert
    /// (`EarlierPlanWarnings`, or the plan decoded whole when it is not read that way).
    static func firstFullPlanWarnings(among plans: [ObjectID], in state: StateDirectory) -> [PlanNote]? {
        for id in plans {
            guard let payload = try? state.objects.get(id, as: .plan),
                let read = EarlierPlanWarnings.read(payload) ?? (try? CanonicalJSON.decode(Plan.self, from: payload)).map(EarlierPlanWarnings.init),
                read.isFull
            else { continue }
            return read.warnings
        }
        return nil
    }

    /// The first of `plans` that reads and was neither targeted nor a revert.
    static func firstFullPlan(among plans: [ObjectID], in state: StateDirectory) -> Plan? {
        for id in plans {
            guard let payload = try? state.objects.get(id, as: .plan),
                let plan = try? CanonicalJSON.decode(Plan.self, from: payload), plan.targeted == nil, plan.reverts == nil
            else { continue }
            return plan
        }
        return nil
    }

    /// Stores `plan` (its canonical `bytes`, when already encoded) as an object and logs it.
    func store(_ plan: Plan, _ input: Planner.Input, bytes encoded: Data? = nil) throws -> Outcome {
        guard let personioID = ObjectID(hex: input.personioSnapshot), let lmsID = ObjectID(hex: input.learning360Snapshot) else {
            throw Failure.noSnapshot("Personio")
        }
        let bytes = try encoded ?? plan.canonicalBytes(parts: ConcurrentParts())
        let id = try state.objects.put(.plan, bytes)
        let targeted = plan.targeted.map { " Targeted: \($0.count) \($0.count == 1 ? "person" : "people") (see people)." } ?? ""
        try state.log.append(
            Invocation.event(
                .plan, reads: [personioID, lmsID], writes: [id],
                summary: plan.summary.line + (plan.held != nil ? " Held." : "") + Self.blankingNote(plan.blankingHeld) + targeted, people: plan.people))
        return Outcome(plan: plan, id: id, lms: input.lms, bytes: bytes)
    }
}
