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

    public init(config: HRSyncConfig, configBytes: Data, state: StateDirectory, client: Learning360Client, allowDeletes: Int?) {
        self.config = config
        self.configHash = ObjectID.sha256(of: configBytes).hex
        self.state = state
        self.client = client
        self.allowDeletes = allowDeletes
    }

    /// The checks that refuse a whole plan before any write.
    public func check(_ plan: Plan) async throws {
        guard plan.target == config.learning360.baseURL else { throw Refusal.otherTarget(plan: plan.target, config: config.learning360.baseURL) }
        guard plan.configHash == configHash else { throw Refusal.otherConfig }
        if plan.held, (allowDeletes ?? -1) < plan.summary.delete {
            throw Refusal.held(plan.heldReason ?? "too many deletes", planned: plan.summary.delete, allowed: allowDeletes)
        }
        // Staleness: every existing user the plan updates or deletes must still hold its `before`.
        var drifted: [String] = []
        let touched = plan.actions.filter { ($0.kind == .updateUser || $0.kind == .deleteUser) && $0.userID != nil }
        for action in touched {
            let user = try await client.user(action.userID!)
            let live: [String: String?] = ["firstName": user.firstName, "lastName": user.lastName, "mail": user.mail, "job": user.job, "status": user.status]
            if action.before.contains(where: { key, value in (live[key] ?? nil) != value }) { drifted.append(action.person) }
        }
        if !drifted.isEmpty { throw Refusal.stale(drifted) }
    }

    public func run(_ plan: Plan, planID: ObjectID, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> (ApplyRecord, ObjectID) {
        try await check(plan)
        var run = ApplyRun(config: config, client: client)
        var results: [ApplyRecord.Result] = []
        for (index, action) in plan.actions.enumerated() {
            results.append(await run.execute(action))
            progress?(index + 1, plan.actions.count)
        }
        let record = ApplyRecord(plan: planID.hex, results: results)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let id = try state.objects.put(.apply, try encoder.encode(record))
        let failed = results.filter { $0.status == .failed }.count
        let people = Set(plan.actions.compactMap { $0.personioID.map(String.init) })
        try state.log.append(Invocation.event(.apply, reads: [planID], writes: [id],
                                              summary: "applied \(results.count - failed) of \(results.count) actions (\(plan.summary.line))" + (failed > 0 ? "; \(failed) failed" : ""),
                                              people: people.sorted()))
        return (record, id)
    }
}
