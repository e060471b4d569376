import Foundation

/// `sync.leavers: deactivate_on_termination_date` (SYNC-RULES §7) for employees still active in
/// Personio: schedule, move or clear 360Learning's own deactivation from the termination date.
extension PlanContext {
    func leaverOutcome(_ employee: Employee) -> LeaverRule.Outcome {
        LeaverRule.outcome(for: employee, mode: input.config.sync.leavers, today: input.today, zone: timeZone)
    }

    /// The termination day is over but Personio still lists the employee: access should have
    /// ended, so the user goes as a leaver's would (a user 360Learning already deactivated is done).
    mutating func planPassedTermination(_ employee: Employee, userID: String?, day: String) {
        guard let userID, let record = input.lms.users[userID] else {
            warnings.append(PlanNote(.terminationPassed, people: [PersonRef(employee)], values: ["day": day]))
            return
        }
        guard record.status != "deleted" else { return }
        if userID == adminID {
            warnings.append(PlanNote(.adminHeld, people: [PersonRef(employee)], values: ["admin": input.config.learning360.adminEmail, "day": day]))
            return
        }
        add(
            .deleteUser(status: record.status), employee, user: .existing(userID),
            reason: "termination date \(day) has passed (sync.leavers: deactivate_on_termination_date)")
    }

    /// Sets, moves or clears `toBeDeactivatedAt` on an existing (or just restored) user. A date
    /// is cleared only when hrsync set it (one an admin scheduled stays); with `sync.leavers:
    /// delete`, the dates hrsync set earlier are cleared. After a restore the date is written
    /// again whatever the deleted user still shows (`before` is what it shows, for apply's check).
    mutating func planDeactivation(_ employee: Employee, userID: String, current: String?, restored: Bool, outcome: LeaverRule.Outcome) {
        guard userID != adminID else { return }
        switch outcome {
        case .deactivate(let day, let at):
            guard restored || !LeaverRule.sameInstant(current, at) else { return }
            add(
                .setDeactivation(before: current, after: at), employee, user: .existing(userID),
                reason: current == nil || restored
                    ? "termination date \(day) in Personio: access ends at the end of that day"
                    : "termination date moved to \(day) in Personio")
        case .none:
            guard current != nil, input.ownership.deactivations.contains(userID) else { return }
            add(
                .setDeactivation(before: current, after: nil), employee, user: .existing(userID),
                reason: input.config.sync.leavers == .delete
                    ? "sync.leavers is delete: the deactivation hrsync scheduled is cleared"
                    : "termination date withdrawn in Personio")
        case .dayPassed:
            return
        }
    }
}
