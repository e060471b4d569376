import Foundation

/// One bulk operation on group memberships: its rows, when it was posted, how long the
/// emulated platform takes to run it, and (once run) one result per row.
struct LMSBulkOperation {
    struct Row { var userID: String, groupID: String, role: String, input: SandboxJSON }
    var id: String
    var remove: Bool
    var rows: [Row]
    var createdAt: Date
    var duration: Double
    var results: [SandboxJSON]?

    var type: String { remove ? "removeUsersFromGroups" : "addUsersToGroups" }
}

/// The bulk API for memberships (`POST|DELETE /api/v2/bulk/groups/memberships`, at most 20,000
/// rows, 202 + `Location`), the operation's status (pending → queued → running → completed) and
/// its per-row results, with the vendor's limit of 3 operations running at once, 503 when the
/// bulk API is disabled for the company and 400 `invalidInput` / `inputTooLong`. An operation
/// runs on its own after a delay (whether anyone polls or not); each row succeeds or fails alone
/// (unknown user or group, a role the user does not have).
extension Learning360Emulator {
    static let bulkMaxRows = 20_000
    static let bulkConcurrency = 3

    func startBulk(_ r: SandboxRequest, remove: Bool) -> SandboxResponse {
        settleBulk()
        guard bulkEnabled else { return LMSAnswer.error(503, "bulkAPIDisabled") }
        guard let body = r.jsonObject(), body.count == 1, let input = body["input"] as? [Any] else {
            return LMSAnswer.error(400, "invalidInput", "the body must be {\"input\": [...]}")
        }
        guard input.count <= Self.bulkMaxRows else { return LMSAnswer.error(400, "inputTooLong", "at most \(Self.bulkMaxRows) rows") }
        var rows: [LMSBulkOperation.Row] = []
        rows.reserveCapacity(input.count)
        for (index, item) in input.enumerated() {
            guard let row = item as? [String: Any], row.count == 3, let user = row["userId"] as? String, LMSRules.isObjectID(user),
                let group = row["groupId"] as? String, LMSRules.isObjectID(group),
                let role = row["role"] as? String, LMSRules.bodyRoles.contains(role)
            else {
                return LMSAnswer.error(
                    400, "invalidInput", "input[\(index)] needs userId, groupId (ObjectIds) and role (\(LMSRules.bodyRoles.sorted().joined(separator: ", ")))")
            }
            rows.append(.init(userID: user, groupID: group, role: role, input: ["userId": .string(user), "groupId": .string(group), "role": .string(role)]))
        }
        guard bulkOperations.values.filter({ $0.results == nil }).count < Self.bulkConcurrency else {
            return LMSAnswer.error(429, "bulkOperationsConcurrencyLimitReached")
        }
        let id = newID()
        // About 2,000 rows a second after a short queueing delay; instant for unthrottled tests.
        let scale = settings.rateLimitScale
        let duration = bulkDuration ?? (scale > 0 ? (0.2 + Double(rows.count) / 2_000) / scale : 0)
        bulkOperations[id] = LMSBulkOperation(id: id, remove: remove, rows: rows, createdAt: now(), duration: duration)
        bulkRowsReceived += rows.count
        settleBulk()
        return SandboxResponse(status: 202, headers: [("Location", "/api/v2/bulk/operations/\(id)")])
    }

    /// Runs every operation whose time has come on the emulator's clock (a test may move it
    /// rather than wait).
    func settleBulk() {
        let now = now()
        for (id, operation) in bulkOperations where operation.results == nil && now >= operation.createdAt.addingTimeInterval(operation.duration) {
            bulkOperations[id]?.results = operation.rows.map { run($0, remove: operation.remove) }
        }
    }

    private func run(_ row: LMSBulkOperation.Row, remove: Bool) -> SandboxJSON {
        func failure(_ message: String) -> SandboxJSON { ["input": row.input, "status": "error", "errorMessage": .string(message)] }
        guard groups[row.groupID] != nil else { return failure("groupNotFound") }
        guard let user = users[row.userID] else { return failure("userNotFound") }
        if remove {
            guard roles[row.groupID]?[row.userID]?.contains(row.role) == true else { return failure("userNotFoundInGroup") }
            roles[row.groupID]?[row.userID]?.remove(row.role)
            if row.role == "learner" { removeLearnerBelow(row.groupID, user: row.userID) }
        } else {
            if user.status == "deleted" { return failure("userDeleted") }
            addRole(row.role, group: row.groupID, user: row.userID)
        }
        return ["input": row.input, "status": "success", "resourceId": .string(row.userID)]
    }

    func getBulkOperation(_ id: String) -> SandboxResponse {
        settleBulk()
        guard let operation = bulkOperations[id] else { return LMSAnswer.error(404, "bulkOperationNotFound") }
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        func at(_ fraction: Double) -> SandboxJSON { .string(format.string(from: operation.createdAt.addingTimeInterval(operation.duration * fraction))) }
        let elapsed = operation.duration > 0 ? now().timeIntervalSince(operation.createdAt) / operation.duration : 1
        var answer: [String: SandboxJSON] = ["_id": .string(id), "type": .string(operation.type), "createdAt": at(0)]
        switch (operation.results != nil, elapsed) {
        case (true, _):
            answer.merge([
                "status": "completed", "queuedAt": at(0.05), "startedAt": at(0.1), "endedAt": at(1),
                "progress": ["index": .int(max(0, operation.rows.count - 1)), "updatedAt": at(1)]
            ]) { _, new in new }
        case (false, ..<0.05):
            answer["status"] = "pending"
        case (false, ..<0.1):
            answer.merge(["status": "queued", "queuedAt": at(0.05)]) { _, new in new }
        default:
            let done = Int(Double(operation.rows.count) * min(1, elapsed))
            answer.merge([
                "status": "running", "queuedAt": at(0.05), "startedAt": at(0.1),
                "progress": ["index": .int(max(0, done - 1)), "updatedAt": .string(format.string(from: now()))]
            ]) { _, new in new }
        }
        return .json(200, .object(answer))
    }

    func getBulkResults(_ id: String) -> SandboxResponse {
        settleBulk()
        guard let operation = bulkOperations[id] else { return LMSAnswer.error(404, "bulkOperationNotFound") }
        guard let results = operation.results else { return LMSAnswer.error(400, "bulkOperationNotRun") }
        return .json(200, .array(results))
    }

    /// Turns the bulk API off for the company (503 `bulkAPIDisabled`), or on again.
    public func setBulkEnabled(_ enabled: Bool) { bulkEnabled = enabled }
    /// Every bulk operation from now on runs for `seconds` of the emulator's clock (a test that
    /// needs one still running; `setClock` moves past it without waiting).
    public func setBulkDuration(seconds: Double?) { bulkDuration = seconds }
    /// Whether an operation has run (its results are there), nil if unknown.
    public func bulkFinished(_ id: String) -> Bool? {
        settleBulk()
        return bulkOperations[id].map { $0.results != nil }
    }
    /// The ids of the bulk operations posted, oldest first.
    public func bulkOperationIDs() -> [String] { bulkOperations.values.sorted { $0.createdAt < $1.createdAt }.map(\.id) }
}
