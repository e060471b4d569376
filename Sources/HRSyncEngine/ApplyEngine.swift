import Foundation
import HRSyncCore
import HRSyncStore
import Learning360

/// `apply`: executes a plan against 360Learning in its order (SYNC-RULES §6), paced by the
/// client's write limiter, treating the vendor's "already done" answers as done, and records every
/// action's outcome (`ApplyRecord`, logged) so `show` can tell what to undo.
public struct ApplyEngine: Sendable {
    public enum Refusal: Error, LocalizedError {
        case otherTarget(plan: String, config: String)
        case otherConfig
        case held(String, planned: Int, allowed: Int?)
        case stale([String])

        public var errorDescription: String? {
            switch self {
            case .otherTarget(let plan, let config): "the plan is for \(plan), the config targets \(config): refused"
            case .otherConfig: "the plan was computed from another version of the config: refused (run 'hrsync plan' again)"
            case .held(let why, let planned, let allowed):
                "the plan is held by the deletion guard: \(why)" + (allowed.map { " (--allow-deletes \($0) does not cover \(planned))" } ?? "")
            case .stale(let people):
                "the plan is stale: 360Learning changed since it was computed for \(people.prefix(5).joined(separator: ", "))\(people.count > 5 ? " and \(people.count - 5) more" : ""); run 'hrsync plan' again"
            }
        }
    }

    let config: HRSyncConfig
    let configHash: String
    let state: StateDirectory
    let client: Learning360Client
    let allowDeletes: Int?
    /// Writes in flight at once; the limiter, not this, sets the pace (it hides the round trip).
    var concurrency = 8

    public init(config: HRSyncConfig, configBytes: Data, state: StateDirectory, client: Learning360Client, allowDeletes: Int?) {
        self.config = config
        self.configHash = ObjectID.sha256(of: configBytes).hex
        self.state = state
        self.client = client
        self.allowDeletes = allowDeletes
    }

    /// The checks that refuse a whole plan before any write. `skipping` are the actions a
    /// previous, interrupted run of this plan already did (their `before` is gone by design).
    public func check(_ plan: Plan, skipping done: Set<Int> = []) async throws {
        guard plan.target == config.learning360.baseURL else { throw Refusal.otherTarget(plan: plan.target, config: config.learning360.baseURL) }
        guard plan.configHash == configHash else { throw Refusal.otherConfig }
        if plan.held, (allowDeletes ?? -1) < plan.summary.delete {
            throw Refusal.held(plan.heldReason ?? "too many deletes", planned: plan.summary.delete, allowed: allowDeletes)
        }
        // Staleness: every existing user the plan updates or deletes must still hold its `before`
        // (or already its `after`: a write of an interrupted run that took effect unrecorded).
        var drifted: [String] = []
        for (index, action) in plan.actions.enumerated() {
            guard !done.contains(index), action.kind == .updateUser || action.kind == .deleteUser, action.userID != nil else { continue }
            let user = try await client.user(action.userID!)
            let live: [String: String?] = ["firstName": user.firstName, "lastName": user.lastName, "mail": user.mail, "job": user.job, "status": user.status]
            let holds = { (expected: [String: String?]) in !expected.contains { key, value in (live[key] ?? nil) != value } }
            if !holds(action.before) && !holds(action.after) { drifted.append(action.person) }
        }
        if !drifted.isEmpty { throw Refusal.stale(drifted) }
    }

    struct JournalEntry: Codable {
        var index: Int
        var result: ApplyRecord.Result
    }

    public func run(_ plan: Plan, planID: ObjectID, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> (ApplyRecord, ObjectID) {
        let journal = try Journal(state: state, plan: planID)
        let decoder = JSONDecoder()
        var finished: [Int: ApplyRecord.Result] = [:]
        for line in try journal.entries() {
            guard let entry = try? decoder.decode(JournalEntry.self, from: line) else { continue }   // torn by a kill
            finished[entry.index] = entry.result
        }
        try await check(plan, skipping: Set(finished.keys))
        var run = ApplyRun(config: config, client: client)
        for result in finished.values { run.remember(result) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var results = [ApplyRecord.Result?](repeating: nil, count: plan.actions.count)
        for (index, earlier) in finished where earlier.status != .failed { results[index] = earlier }
        // Phases run one after the other (SYNC-RULES §6); the actions of one phase are independent
        // of each other, so they run concurrently and the write limiter sets the pace.
        var done = results.compactMap { $0 }.count
        for phase in Set(plan.actions.map(\.kind.phase)).sorted() {
            let pending = plan.actions.indices.filter { plan.actions[$0].kind.phase == phase && results[$0] == nil }
            let resolver = run
            try await withThrowingTaskGroup(of: (Int, ApplyRecord.Result).self) { group in
                var next = pending.makeIterator()
                func start() {
                    guard let index = next.next() else { return }
                    let action = plan.actions[index]
                    group.addTask { (index, await resolver.execute(action)) }
                }
                for _ in 0..<concurrency { start() }
                for try await (index, result) in group {
                    Self.testKillHook(after: index, variable: "HRSYNC_TEST_KILL_BEFORE_JOURNAL")
                    try journal.append(try encoder.encode(JournalEntry(index: index, result: result)))
                    results[index] = result
                    run.remember(result)
                    done += 1
                    progress?(done, plan.actions.count)
                    Self.testKillHook(after: index, variable: "HRSYNC_TEST_KILL_AFTER")
                    start()
                }
            }
        }
        let record = ApplyRecord(plan: planID.hex, results: results.compactMap { $0 })
        let id = try state.objects.put(.apply, try encoder.encode(record))
        let failed = record.results.filter { $0.status == .failed }.count
        // Who: Personio ids and emails, so `log --person` finds an apply by either.
        var people = Set(plan.actions.compactMap { $0.personioID.map(String.init) })
        for action in plan.actions {
            if let open = action.person.lastIndex(of: "<"), action.person.hasSuffix(">") {
                people.insert(String(action.person[action.person.index(after: open)...].dropLast()).lowercased())
            }
        }
        let snapshots = [plan.personioSnapshot, plan.learning360Snapshot].compactMap { ObjectID(hex: $0) }
        try state.log.append(Invocation.event(.apply, reads: [planID] + snapshots, writes: [id],
                                              summary: "applied \(record.results.count - failed) of \(record.results.count) actions (\(plan.summary.line))" + (failed > 0 ? "; \(failed) failed" : ""),
                                              people: people.sorted()))
        journal.remove()
        return (record, id)
    }

    /// Test hooks: HRSYNC_TEST_KILL_AFTER=N kills the process (SIGKILL) right after action N is
    /// journaled; HRSYNC_TEST_KILL_BEFORE_JOURNAL=N right after action N took effect, before its line.
    static func testKillHook(after index: Int, variable: String) {
        if let limit = ProcessInfo.processInfo.environment[variable].flatMap(Int.init), index >= limit {
            kill(getpid(), SIGKILL)
        }
    }
}
