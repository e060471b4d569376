import Foundation
import HRSyncCore
import HRSyncStore
import Learning360

/// Large role changes as bulk operations: one write request for up to 20,000 rows instead of one
/// per row (`learning360.bulk: auto`, over `BulkMode.threshold` rows of one kind in one apply).
///
/// Crash safety: the operation's id is journaled as soon as 360Learning accepted it, before any
/// poll, so an apply killed while the operation runs polls that operation when resumed rather
/// than posting the rows again. Each row the operation did is then journaled and recorded exactly
/// as a single write is; rows it failed, did not report, or never got (bulk refused, disabled,
/// an operation that vanished) are left to the single-row requests, where adding a role the user
/// already has and removing one it lacks are both "already done".
struct BulkRoles: Sendable {
    /// The journal line naming a posted operation (beside the action lines, which it never parses
    /// as). Its canonical JSON starts with `{"bulk":`, which `Journal.unfinished` skips when it
    /// counts actions: keep `bulk` the first key.
    struct Entry: Codable, Equatable {
        var bulk: String
        var operation: String
    }

    let client: any Learning360API
    /// Waits between status reads: the first, doubling up to the longest; at most `maxPolls` reads.
    var firstPoll = 0.2
    var longestPoll = 5.0
    var maxPolls = 400

    /// The role change an action makes, as a bulk row (the user resolved for users this apply created).
    static func row(_ action: PlanAction, run: ApplyRun) -> BulkMembershipRow? {
        guard let user = run.resolve(action.user) else { return nil }
        switch action.change {
        case .addRole(let group), .removeRole(let group): return BulkMembershipRow(userId: user, groupId: group, pathRole: "learner")
        default: return nil
        }
    }

    /// The rows a finished operation did, or nil when it cannot tell (not found, unreadable, or
    /// still running after every poll): the caller then writes the rows one by one.
    func succeededRows(of operation: String) async throws -> Set<BulkMembershipRow>? {
        var wait = firstPoll
        for _ in 0..<maxPolls {
            let status: BulkOperationDTO
            do { status = try await client.bulkOperation(operation) } catch { return nil }
            if status.isFinished {
                guard let results = try? await client.bulkResults(operation) else { return nil }
                return Set(results.filter { $0.status == "success" }.compactMap(\.input))
            }
            try await Task.sleep(for: .seconds(wait))
            wait = min(wait * 2, longestPoll)
        }
        return nil
    }
}

extension ApplyEngine {
    /// The actions of `kind` among `pending` that bulk operations did, with their results. Polls
    /// the operations `resumed` names (a killed run's), else posts new ones when bulk is on and
    /// there are more than `BulkMode.threshold` rows; journals each operation before polling.
    func bulkResults(_ kind: PlanAction.Kind, pending: [Int], plan: Plan, run: ApplyRun, resumed: [String],
                     journal: Journal) async throws -> [Int: ApplyRecord.Result] {
        var rows: [Int: BulkMembershipRow] = [:]
        for index in pending where plan.actions[index].kind == kind {
            if let row = BulkRoles.row(plan.actions[index], run: run) { rows[index] = row }
        }
        let bulk = BulkRoles(client: client)
        var succeeded = Set<BulkMembershipRow>()
        for operation in resumed {
            succeeded.formUnion(try await bulk.succeededRows(of: operation) ?? [])
        }
        if resumed.isEmpty, config.learning360.bulk == .auto, rows.count > BulkMode.threshold {
            let ordered = rows.keys.sorted().map { rows[$0]! }
            for start in stride(from: 0, to: ordered.count, by: Learning360Client.bulkMaxRows) {
                let chunk = Array(ordered[start..<min(start + Learning360Client.bulkMaxRows, ordered.count)])
                // Refused (bulk disabled, 3 operations already running, a credential without the
                // scope): these rows go one by one.
                guard let operation = try? await client.startBulkMemberships(remove: kind == .removeRole, chunk) else { continue }
                try journal.append(try CanonicalJSON.encode(BulkRoles.Entry(bulk: kind.rawValue, operation: operation)))
                hooks.bulkJournaled(operation)
                succeeded.formUnion(try await bulk.succeededRows(of: operation) ?? [])
            }
        }
        var results: [Int: ApplyRecord.Result] = [:]
        for (index, row) in rows where succeeded.contains(row) {
            results[index] = .init(action: plan.actions[index], status: .done, userID: row.userId)
        }
        return results
    }
}
