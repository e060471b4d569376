import Foundation
import HRSyncCore
import HRSyncHTTP
import HRSyncStore
import Learning360

/// `apply`: executes a plan against 360Learning in its order (SYNC-RULES §6), paced by the
/// client's write limiter, treating the vendor's "already done" answers as done, and records every
/// action's outcome (`ApplyRecord`, logged) so `show` can tell what to undo.
public struct ApplyEngine: Sendable {
    /// Why `apply` runs none of a plan. Every refusal comes before the first write; the CLI exits 3 (held).
    public enum Refusal: Error, LocalizedError {
        /// The plan was computed for another 360Learning than the config targets (§8).
        case otherTarget(plan: String, config: String)
        /// The plan was computed from other config bytes than the config now has (§8).
        case otherConfig
        /// The deletion guard holds the plan (§7) and `--allow-deletes` (`allowed`, when given) does not cover its deletes.
        case held(DeletionGuard.Verdict, allowed: Int?)
        /// The blanking guard holds these fields (§7) and `--allow-blanking` does not name them (`sync.on_guard: hold_all`);
        /// `planFile` is the saved plan's file, named in the command to run.
        case blankingHeld([BlankingGuard.Verdict], planFile: String?)
        /// 360Learning changed since the plan was computed, for these people (email or `#id`).
        case stale([String])
        /// The plan names an id that is not a 360Learning id (24 hex digits), refused before it reaches a URL.
        case invalidID(String)

        /// What was refused and what to run next.
        public var errorDescription: String? {
            switch self {
            case .otherTarget(let plan, let config): "the plan is for \(plan), the config targets \(config): refused"
            case .otherConfig: "the plan was computed from another version of the config: refused (run 'hrsync plan' again)"
            case .held(let verdict, let allowed):
                "the plan is held by the deletion guard: \(Plural.count(verdict.deletes, "delete")) \(verdict.deletes == 1 ? "exceeds" : "exceed") sync.max_deletes (\(verdict.limit) of \(verdict.syncedUsers) synced users allows \(verdict.allowed))"
                    + (allowed.map { "; --allow-deletes \($0) does not cover \(verdict.deletes)" }
                        ?? "; run 'hrsync apply --allow-deletes \(verdict.deletes)' if they are real")
            case .blankingHeld(let verdicts, let planFile):
                "the plan is held by the blanking guard: " + verdicts.map(BlankingGuard.describe).joined(separator: "; ")
                    + "; run 'hrsync apply \(planFile.map { ShellWord.quote($0) + " " } ?? "")\(BlankingGuard.allowOptions(verdicts.map(\.field)))'"
                    + " if the fields are really empty now"
            case .invalidID(let id):
                "the plan names '\(id)' as a 360Learning id, which is not one (24 hex digits): refused"
            case .stale(let people):
                "the plan is stale: 360Learning changed since it was computed for \(people.prefix(5).joined(separator: ", "))\(people.count > 5 ? " and \(people.count - 5) more" : ""); run 'hrsync plan' again"
            }
        }
    }

    let config: HRSyncConfig
    let configHash: String
    let state: StateDirectory
    let client: any Learning360API
    let allowDeletes: Int?
    /// `--allow-blanking`: fields whose blanks pass the blanking guard.
    let allowBlanking: Set<String>
    /// `sync.on_guard: hold_guarded`: over the guard, hold only the deletes and apply the rest.
    let holdOnlyDeletes: Bool
    let hooks: ApplyHooks
    /// The saved plan's file (`hrsync apply FILE`), named in the command a refusal suggests; nil for a fresh plan.
    public var planFile: String?
    /// Writes in flight at once; the limiter, not this, sets the pace (it hides the round trip).
    var concurrency = 8
    /// Status reads of a bulk operation before the apply stops and leaves it to the next one.
    public var bulkMaxPolls = 400

    /// `configBytes` are hashed to check the plan's config (§8); `allowDeletes` is `--allow-deletes`, and
    /// `holdOnlyDeletes` is `sync.on_guard: hold_guarded` (§7): it holds only the guarded deletes and blanks;
    /// `allowBlanking` is `--allow-blanking`.
    public init(
        config: HRSyncConfig, configBytes: Data, state: StateDirectory, client: any Learning360API, allowDeletes: Int?,
        holdOnlyDeletes: Bool = false, allowBlanking: Set<String> = [], hooks: ApplyHooks = ApplyHooks()
    ) {
        self.allowBlanking = allowBlanking
        self.holdOnlyDeletes = holdOnlyDeletes
        self.config = config
        self.configHash = ObjectID.sha256(of: configBytes).hex
        self.state = state
        self.client = client
        self.allowDeletes = allowDeletes
        self.hooks = hooks
    }

    /// The checks that refuse a whole plan before any write. `skipping` are the actions a
    /// previous, interrupted run of this plan already did (their `before` is gone by design).
    /// Returns what the guards hold when only the guarded changes are held (`holdOnlyDeletes`).
    @discardableResult
    public func check(_ plan: Plan, skipping done: Set<Int> = []) async throws -> Holding {
        guard plan.target == config.learning360.baseURL else { throw Refusal.otherTarget(plan: plan.target, config: config.learning360.baseURL) }
        guard plan.configHash == configHash else { throw Refusal.otherConfig }
        for action in plan.actions {
            if let bad = action.learning360IDs.first(where: { !Learning360ID.isValid($0) }) { throw Refusal.invalidID(bad) }
        }
        // The guard is computed again from the plan's deletes and this config, never read from the plan.
        var holding: DeletionGuard.Verdict?
        if let verdict = DeletionGuard.check(plan.actions, syncedUsers: plan.syncedUsers, limit: config.sync.maxDeletes),
            (allowDeletes ?? -1) < verdict.deletes
        {
            guard holdOnlyDeletes else { throw Refusal.held(verdict, allowed: allowDeletes) }
            holding = verdict
        }
        // So is the blanking guard, from the plan's blanks; existing fields are named by their definitions.
        let names = try await customFieldNames(plan)
        let blanking = BlankingGuard.check(
            plan.actions, syncedUsers: plan.syncedUsers, limit: config.sync.maxBlanked, customFieldNames: names, allowing: allowBlanking)
        if !blanking.isEmpty && !holdOnlyDeletes { throw Refusal.blankingHeld(blanking, planFile: planFile) }
        // Held blanks are not written: an action left with nothing else to write is held (nil), the others go
        // without them. What is checked below, sent, and recorded is the action as sent.
        let held = Set(blanking.map(\.field))
        let sent = plan.actions.map { blanking.isEmpty ? $0 : BlankingGuard.withoutBlanks(of: held, in: $0, customFieldNames: names) }
        // Staleness: every existing user the plan updates or deletes must still hold its `before`
        // (or already its `after`: a write of an interrupted run that took effect unrecorded).
        var drifted: [String] = []
        for (index, action) in sent.enumerated() where !done.contains(index) {
            guard let action, let userID = action.user?.existingID else { continue }
            switch action.change {
            case .updateUser(let changes):
                let live = try await LMSUserRecord(client.user(userID))
                if !changes.allSatisfy({ $0.field.read(live) == $0.before }) && !changes.allSatisfy({ $0.field.read(live) == $0.after }) {
                    drifted.append(describe(action))
                }
            case .setDeactivation(let before, let after):
                let live = try await client.user(userID).toBeDeactivatedAt
                if !LeaverRule.sameInstant(live, before) && !LeaverRule.sameInstant(live, after) { drifted.append(describe(action)) }
            case .deleteUser(let status):
                let live = try await client.user(userID).status
                if live != status && live != "deleted" { drifted.append(describe(action)) }
            default:
                continue
            }
        }
        if !drifted.isEmpty { throw Refusal.stale(drifted) }
        return Holding(deletion: holding, blanking: blanking, customFieldNames: blanking.isEmpty ? [:] : names, sent: sent)
    }

    /// What a plan's guards hold while the rest applies (`sync.on_guard: hold_guarded`).
    public struct Holding: Sendable {
        /// The deletion guard's verdict: its deletes are held.
        public var deletion: DeletionGuard.Verdict?
        /// The blanking guard's verdicts: these fields' blanks are held.
        public var blanking: [BlankingGuard.Verdict] = []
        var customFieldNames: [FieldRef: String] = [:]
        /// Per plan action, the action as sent: without the held blanks, nil when only held blanks were left.
        var sent: [PlanAction?] = []

        /// The fields held, by name.
        public var blankingFields: Set<String> { Set(blanking.map(\.field)) }
    }

    /// The configured custom fields by the plan's references; the definitions are read only when a
    /// value of an existing field is dropped (a candidate blank).
    func customFieldNames(_ plan: Plan) async throws -> [FieldRef: String] {
        let created = BlankingGuard.customFieldNames(config.sync, definitions: [:])
        let candidates = plan.actions.contains { action in
            guard case .setCustomValues(let before, let after) = action.change else { return false }
            return before.contains { value in value.field.existingID != nil && !after.contains { $0.field == value.field && $0.value == value.value } }
        }
        guard candidates, !config.sync.customFields.isEmpty else { return created }
        let definitions = try await client.customFields()
        return BlankingGuard.customFieldNames(
            config.sync, definitions: Dictionary(definitions.compactMap { dto in dto._id.map { ($0, dto.name) } }, uniquingKeysWith: { a, _ in a }))
    }

    func describe(_ action: PlanAction) -> String {
        guard let person = action.person else { return action.user?.existingID ?? "?" }
        return person.email ?? "#\(person.personioID)"
    }

    /// Runs `plan` (stored as `planID`) phase by phase (§6), resuming from its journal if an earlier run was
    /// killed, and sends role changes over the threshold as bulk operations (§9); then stores and logs the
    /// `ApplyRecord` and returns it with its id. A failed action is recorded, not thrown; a `Refusal` is thrown before any write.
    public func run(_ plan: Plan, planID: ObjectID, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> (ApplyRecord, ObjectID) {
        let (record, id, _) = try await runHolding(plan, planID: planID, progress: progress)
        return (record, id)
    }

    /// `run`, also returning what the guards held while the rest applied (`sync.on_guard: hold_guarded`).
    public func runHolding(
        _ plan: Plan, planID: ObjectID, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> (ApplyRecord, ObjectID, Holding) {
        let journal = try Journal(state: state, plan: planID)
        var finished: [Int: ApplyRecord.Result] = [:]
        var bulkOperations: [String: [String]] = [:]
        for line in try journal.lines() {
            switch line {
            // An operation id from the journal ends up in a URL: only one that looks like one.
            case .bulk(let bulk) where Learning360Client.isOperationID(bulk.operation):
                bulkOperations[bulk.bulk, default: []].append(bulk.operation)
            case .action(let entry) where plan.actions.indices.contains(entry.index):
                finished[entry.index] = entry.result
            default:
                continue
            }
        }
        let holding = try await check(plan, skipping: Set(finished.keys))
        var run = ApplyRun(config: config, client: client)
        for result in finished.values { run.remember(result) }
        var results = [ApplyRecord.Result?](repeating: nil, count: plan.actions.count)
        for (index, earlier) in finished where earlier.status != .failed { results[index] = earlier }
        if holding.deletion != nil {
            for (index, action) in plan.actions.enumerated() where action.kind == .deleteUser && results[index] == nil {
                results[index] = .init(action: action, status: .held, userID: action.user?.existingID)
            }
        }
        // An action left with only held blanks is held; the others are sent as `check` stripped and checked them.
        let held = holding.blankingFields
        for (index, action) in plan.actions.enumerated() where results[index] == nil && holding.sent[index] == nil {
            let fields = BlankingGuard.blankedFields(action, customFieldNames: holding.customFieldNames).intersection(held).sorted()
            results[index] = .init(
                action: action, status: .held, userID: action.user?.existingID, error: "held by the blanking guard (\(fields.joined(separator: ", ")))")
        }
        let sent = plan.actions.indices.map { holding.sent[$0] ?? plan.actions[$0] }
        // After the guards (a refused apply leaves no journal), before the first write.
        try journal.begin()
        // Phases run one after the other (SYNC-RULES §6); the actions of one phase are independent
        // of each other, so they run concurrently and the write limiter sets the pace.
        var done = results.compactMap { $0 }.count
        for phase in Set(plan.actions.map(\.kind.phase)).sorted() {
            var pending = plan.actions.indices.filter { plan.actions[$0].kind.phase == phase && results[$0] == nil }
            func record(_ index: Int, _ result: ApplyRecord.Result) throws {
                hooks.actionTookEffect(index)
                try journal.append(.action(.init(index: index, result: result)))
                results[index] = result
                run.remember(result)
                done += 1
                progress?(done, plan.actions.count)
                hooks.actionJournaled(index)
            }
            if phase == PlanAction.Kind.addRole.phase {
                for kind in [PlanAction.Kind.addRole, .removeRole] {
                    let bulk = try await bulkResults(
                        kind, pending: pending, plan: plan, run: run, resumed: bulkOperations[kind.rawValue] ?? [], journal: journal)
                    for (index, result) in bulk.sorted(by: { $0.key < $1.key }) { try record(index, result) }
                    pending.removeAll { bulk[$0] != nil }
                }
            }
            let resolver = run
            try await forEachConcurrently(pending, width: concurrency) { index in
                await resolver.execute(sent[index])
            } collect: { index, result in
                try record(index, result)
            }
        }
        let record = ApplyRecord(plan: planID.hex, results: results.compactMap { $0 })
        let outcome = record.outcome
        let failed = outcome[.failed] ?? 0, heldCount = outcome[.held] ?? 0
        let heldDeletes = record.results.filter { $0.isHeld && $0.action.kind == .deleteUser }.count
        // What the runs this apply supersedes did is logged first, in the order it happened.
        if failed == 0 { try Self.recordSupersededJournals(state, plan: plan, planID: planID) }
        let id = try state.objects.put(.apply, try CanonicalJSON.encode(record))
        let snapshots = [plan.personioSnapshot, plan.learning360Snapshot].compactMap { ObjectID(hex: $0) }
        try state.log.append(
            Invocation.event(
                .apply, reads: [planID] + snapshots, writes: [id],
                summary: (plan.reverts.map { "revert of \($0.prefix(12)): " } ?? "")
                    + "applied \(record.results.count - failed - heldCount) of \(Plural.count(record.results.count, "action")) (\(plan.summary.line))"
                    + (failed > 0 ? "; \(failed) failed" : "")
                    + (heldDeletes > 0 ? "; \(Plural.count(heldDeletes, "delete")) held by the deletion guard" : "")
                    + (holding.blanking.isEmpty
                        ? "" : "; blanking guard held " + holding.blanking.map { "\($0.field) (\(Plural.count($0.blanked, "user")))" }.joined(separator: ", ")),
                people: plan.people,
                outcome: Dictionary(uniqueKeysWithValues: outcome.map { ($0.key.rawValue, $0.value) })
                    .merging(holding.blanking.isEmpty ? [:] : ["blanking_held": holding.blanking.map(\.blanked).reduce(0, +)]) { a, _ in a }))
        journal.remove()
        if failed == 0 { try Self.closeSupersededJournals(state, plan: plan, planID: planID, apply: id) }
        return (record, id, holding)
    }
}

/// Points where a test may stop an apply (e.g. SIGKILL to prove the journal resumes): after an
/// action took effect but before its journal line, and after its line. No-ops by default.
public struct ApplyHooks: Sendable {
    /// Called after action `index` took effect, before its journal line is written.
    public var actionTookEffect: @Sendable (Int) -> Void
    /// Called after action `index`'s journal line is written.
    public var actionJournaled: @Sendable (Int) -> Void
    /// After a bulk operation was accepted and its id journaled, before the first poll.
    public var bulkJournaled: @Sendable (String) -> Void

    /// No-ops by default; a test passes the hooks it stops at.
    public init(
        actionTookEffect: @escaping @Sendable (Int) -> Void = { _ in }, actionJournaled: @escaping @Sendable (Int) -> Void = { _ in },
        bulkJournaled: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.actionTookEffect = actionTookEffect
        self.actionJournaled = actionJournaled
        self.bulkJournaled = bulkJournaled
    }
}
