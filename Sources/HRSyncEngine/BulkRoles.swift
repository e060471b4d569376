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

    /// Why an apply stops with its journal kept: the next apply polls the same operation again.
    enum Failure: Error, LocalizedError {
        case unfinished(operation: String, lastError: String?)
        case unknownStatus(operation: String, status: String)

        var errorDescription: String? {
            switch self {
            case .unfinished(let operation, let lastError):
                "bulk operation \(operation) was not finished after every poll\(lastError.map { " (last error: \($0))" } ?? ""); run 'hrsync apply' again later: it polls the same operation"
            case .unknownStatus(let operation, let status):
                "bulk operation \(operation) reports the status '\(status)', which the API does not document; its rows are left to the next apply"
            }
        }
    }

    /// The rows a finished operation did; nil when 360Learning no longer knows the operation
    /// (404): the caller then writes the rows one by one. A failed poll is tried again; still
    /// running after every poll, or a status the API does not name, throws: the journal keeps the
    /// operation and the next apply polls it rather than writing rows it may still be writing.
    func succeededRows(of operation: String) async throws -> Set<BulkMembershipRow>? {
        var wait = firstPoll
        var lastError: String?
        for _ in 0..<maxPolls {
            do {
                let status = try await client.bulkOperation(operation)
                if status.isFinished {
                    return Set(try await client.bulkResults(operation).filter { $0.status == "success" }.compactMap(\.input))
                }
                guard status.isKnown else { throw Failure.unknownStatus(operation: operation, status: status.status) }
            } catch let error as Learning360Error {
                if case .api(404, _, _, _) = error { return nil }
                lastError = error.localizedDescription
            }
            try await Task.sleep(for: .seconds(wait))
            wait = min(wait * 2, longestPoll)
        }
        throw Failure.unfinished(operation: operation, lastError: lastError)
    }
}

extension ApplyEngine {
    /// The actions of `kind` among `pending` that bulk operations did, with their results. Polls
    /// the operations `resumed` names (a killed run's), else posts new ones when bulk is on and
    /// there are more than `BulkMode.threshold` rows; journals each operation before polling.
    func bulkResults(
        _ kind: PlanAction.Kind, pending: [Int], plan: Plan, run: ApplyRun, resumed: [String],
        journal: Journal
    ) async throws -> [Int: ApplyRecord.Result] {
        var rows: [Int: BulkMembershipRow] = [:]
        for index in pending where plan.actions[index].kind == kind {
            if let row = BulkRoles.row(plan.actions[index], run: run) { rows[index] = row }
        }
        var bulk = BulkRoles(client: client)
        bulk.maxPolls = bulkMaxPolls
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
                let operation: String
                do { operation = try await client.startBulkMemberships(remove: kind == .removeRole, chunk) } catch is Learning360Error { continue }
                try journal.append(.bulk(.init(bulk: kind.rawValue, operation: operation)))
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
