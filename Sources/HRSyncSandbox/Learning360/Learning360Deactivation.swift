import Foundation

/// Scheduled deactivation (`toBeDeactivatedAt`): set on create or PATCH (a future UTC date-time,
/// not on a deleted user), cleared with null, and carried out when the emulator's clock passes
/// it: the user is then deactivated, which the API shows as a soft delete (status `deleted`).
extension Learning360Emulator {
    /// The emulator's clock: the wall clock unless a test moved it.
    func now() -> Date { clock ?? Date() }

    /// Moves the emulator's clock (nil: back to the wall clock); due deactivations happen at once,
    /// and bulk operations whose time has come have run.
    public func setClock(_ date: Date?) {
        clock = date
        deactivateDueUsers()
        settleBulk()
    }

    /// Validates a `toBeDeactivatedAt` value from a body: nil for null, or the instant; an error answer otherwise.
    func deactivation(_ value: Any?, user: LMSUser?) -> Result<String?, SandboxError> {
        if value is NSNull { return .success(nil) }
        guard let text = value as? String, let at = LMSRules.instant(text) else {
            return .failure(SandboxError(LMSAnswer.invalid("'toBeDeactivatedAt' must be a date-time (YYYY-MM-DDThh:mm:ss.sssZ) or null")))
        }
        if user?.status == "deleted" { return .failure(SandboxError(LMSAnswer.error(400, "invalidUpdateOnDeletedUser"))) }
        guard at > now() else { return .failure(SandboxError(LMSAnswer.error(400, "deactivationDateInvalid", "the deactivation date must be in the future"))) }
        return .success(text)
    }

    /// Users whose deactivation time has come are deactivated (before any request is answered).
    func deactivateDueUsers() {
        guard !scheduledDeactivations.isEmpty else { return }
        let now = now()
        for (id, at) in scheduledDeactivations where at <= now {
            scheduledDeactivations[id] = nil
            guard var user = users[id], user.status != "deleted" else { continue }
            user.status = "deleted"
            user.deletedAt.append(ISO8601DateFormatter().string(from: at))
            users[id] = user
        }
    }

    func schedule(_ id: String, _ value: String?) {
        users[id]?.toBeDeactivatedAt = value
        scheduledDeactivations[id] = value.flatMap(LMSRules.instant)
    }
}

/// An answer that ends a handler early.
struct SandboxError: Error {
    let answer: SandboxResponse
    init(_ answer: SandboxResponse) { self.answer = answer }
}
