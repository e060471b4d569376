import Foundation
import HRSyncCore
import HRSyncStore

/// What every offline reader (`plan --offline`, `plan --as-of`, `explain`, `upcoming`) checks before it
/// reads the latest snapshots instead of pulling: a Personio snapshot pulled with another config lacks
/// attributes this one needs (a hierarchy, a filter, a custom field), and planning on it would drop
/// groups and let filtered people through. `PlanEngine`'s offline readers take the `Checked` that only
/// `check` makes, so none can skip it.
public enum OfflineSnapshots {
    /// Proof that `check` passed for this config and state, and the notes it has for the user.
    public struct Checked: Sendable {
        /// What to print before the output (a snapshot that does not record its attributes, stale snapshots).
        public let notes: [String]

        fileprivate init(notes: [String]) { self.notes = notes }
    }

    /// The latest Personio snapshot was pulled for a config that did not need `missing`: refused (exit 3).
    public struct OtherConfig: Error, LocalizedError, Equatable {
        /// The attribute keys this config needs that the pull did not request, sorted.
        public var missing: [String]
        /// The snapshot's short id.
        public var snapshot: String

        /// What is missing and the command that fixes it.
        public var errorDescription: String? {
            "snapshot \(snapshot) was pulled with another config (attributes \(missing.joined(separator: ", ")) not recorded): run 'hrsync pull'"
        }
    }

    /// Throws `OtherConfig` when the latest Personio snapshot lacks attributes `config` needs; returns
    /// the notes to print: a snapshot that does not record its attributes (pulled by an older hrsync),
    /// and the snapshots' age when they were pulled before the last apply (which they do not show).
    public static func check(_ config: HRSyncConfig, state: StateDirectory, now: Date = Invocation.now) throws -> Checked {
        Checked(notes: try notes(config, state: state, now: now))
    }

    static func notes(_ config: HRSyncConfig, state: StateDirectory, now: Date) throws -> [String] {
        guard let personioID = try state.refs.get(Refs.personio) else { return [] }  // the planner says to pull
        let personio = try state.snapshots.info(personioID)
        var notes: [String] = []
        switch AttributeSelection.unrecorded(for: config.sync, recorded: personio.meta[AttributeSelection.metaKey]) {
        case nil:
            notes.append(
                "snapshot \(personioID.short) does not record which attributes its pull requested (an older hrsync pulled it): if the config changed since, run 'hrsync pull'"
            )
        case let missing? where !missing.isEmpty:
            throw OtherConfig(missing: missing, snapshot: personioID.short)
        default: break
        }
        let lmsID = try state.refs.get(Refs.learning360)
        let lms = try lmsID.map { try state.snapshots.info($0) }
        let oldest = [personio.takenAt, lms?.takenAt].compactMap { $0 }.min()!
        // By the log's order, not its clock (whole seconds: an apply and the pull after it can share one):
        // stale when a snapshot's pull comes before the last apply that wrote something.
        let entries = try state.history().entries
        if let applyIndex = entries.lastIndex(where: { $0.event.kind == .apply && !$0.event.writes.isEmpty }) {
            let pulled = [personioID, lmsID].compactMap { $0 }.map { id in
                entries.lastIndex { $0.event.kind == .pull && $0.writes.contains { $0.current == id } }
            }
            if pulled.contains(where: { ($0 ?? -1) < applyIndex }) {
                let lastApply = entries[applyIndex].event
                notes.append(
                    "snapshots pulled \(Age.ago(seconds: Int(now.timeIntervalSince(oldest)))), before the last apply at \(timestamp(lastApply.time)): they do not show what it changed; run 'hrsync pull' for fresh data"
                )
            }
        }
        return notes
    }

    static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter.string(from: date, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withInternetDateTime])
    }
}
