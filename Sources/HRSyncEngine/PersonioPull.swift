import Foundation
import HRSyncCore
import HRSyncStore
import Personio

/// `pull` for the Personio side: read every employee, keep the attributes the config uses, store
/// the snapshot (unless the shrink guard refuses it), move the ref, log the event.
public struct PersonioPull: Sendable {
    /// What a Personio pull stored, and what `pull` reports of it.
    public struct Outcome: Sendable {
        /// The snapshot just stored, which the `personio` ref now names.
        public var snapshot: ObjectID
        /// The snapshot the ref named before; nil on the first pull.
        public var previous: ObjectID?
        /// How many employees the snapshot holds.
        public var employees: Int
        /// What changed since `previous`, per person and attribute (against nothing on the first pull).
        public var diff: EmployeeDiff
        /// Employees that could not be read and values over their cap (not kept), one line each.
        public var warnings: [String]
        /// Attribute keys the config uses that this credential does not see: left alone, never cleared (§3).
        public var missingAttributes: [String]
        /// The employees just stored, for the 360Learning side's matching.
        public var current: [Int: Employee]
    }

    /// The shrink guard (§7) on the Personio side: the pull stores nothing and the previous snapshot stays
    /// current. The CLI exits 3 (held).
    public enum Refusal: Error, LocalizedError {
        /// `current` employees against the previous snapshot's `previous`: `percent` fewer, over `sync.max_shrink` (`limit`).
        case shrunk(previous: Int, current: Int, percent: Double, limit: Double)

        /// What was refused, its likely cause, and `pull --force` if the drop is real.
        public var errorDescription: String? {
            switch self {
            case .shrunk(let previous, let current, let percent, let limit):
                "Personio returned \(current) employees, \(String(format: "%.1f", percent))% fewer than the previous snapshot's \(previous) (sync.max_shrink is \(String(format: "%g", limit))%). A credential that lost permissions looks like a mass termination: check it, then run 'hrsync pull --force' if the drop is real. The previous snapshot stays current."
            }
        }
    }

    let config: HRSyncConfig
    let state: StateDirectory
    let client: any PersonioSource
    var force: Bool
    var now: Date

    /// `force` overrides the shrink guard (`pull --force`); `now` becomes the snapshot's `takenAt`.
    public init(config: HRSyncConfig, state: StateDirectory, client: any PersonioSource, force: Bool = false, now: Date = Invocation.now) {
        self.config = config
        self.state = state
        self.client = client
        self.force = force
        self.now = now
    }

    /// Reads the attribute list (if the credential may) and every employee, checks the shrink guard, then stores the
    /// snapshot, moves the ref and logs the pull. `progress` gets (employees read, total when known).
    /// Throws `Refusal` before anything is stored, and the client's errors as they come.
    public func run(progress: (@Sendable (Int, Int?) -> Void)? = nil) async throws -> Outcome {
        let keep = AttributeSelection.keys(for: config.sync)
        // The attribute list gives types for payloads without them and names what this credential
        // cannot read. Some credentials get 403 here; the pull goes on without it. Personio out of
        // reach is out of reach for the employees too: said now, not after a second round of retries.
        let definitions: [PersonioClient.AttributeDefinition]?
        do { definitions = try await client.attributeDefinitions() } catch let error as PersonioError {
            if case .unreachable = error { throw error }
            definitions = nil
        } catch { definitions = nil }
        let knownTypes = Dictionary((definitions ?? []).map { ($0.key, $0.type) }) { first, _ in first }
        var list = try await client.allEmployees(keep: keep, knownTypes: knownTypes, progress: progress)
        if let definitions {
            let readable = Set(definitions.map(\.key)).union([PersonioKey.id])
            let unreadable = keep.subtracting(readable).subtracting(list.missingAttributes)
            list.missingAttributes = (list.missingAttributes + unreadable.filter { key in !list.employees.contains { $0[key] != nil } }).sorted()
        }
        let previousID = try state.refs.get(Refs.personio)
        let previous = try previousID.map { try PersonioSnapshotRecords.decode(try state.snapshots.read($0).records) } ?? [:]

        if !force,
            case .refuse(let before, let after, let percent, let limit) =
                ShrinkGuard.check(
                    previous: previousID == nil ? nil : previous.count, current: list.employees.count, maxShrinkPercent: config.sync.maxShrinkPercent)
        {
            throw Refusal.shrunk(previous: before, current: after, percent: percent, limit: limit)
        }

        // What this pull asked for: `plan --offline` and `explain` refuse a snapshot pulled for another config.
        var meta = [
            "base_url": config.personio.baseURL, "employees": String(list.employees.count), AttributeSelection.metaKey: AttributeSelection.recorded(keep)
        ]
        if !list.missingAttributes.isEmpty { meta["missing_attributes"] = list.missingAttributes.joined(separator: ",") }
        if !list.warnings.isEmpty { meta["warnings"] = list.warnings.joined(separator: "\n") }
        let snapshot = Snapshot(
            kind: PersonioSnapshotRecords.kind, takenAt: now, meta: meta,
            records: try PersonioSnapshotRecords.encode(list.employees))
        let id = try state.snapshots.write(snapshot, parent: previousID)
        try state.refs.set(Refs.personio, to: id)

        let current = Dictionary(uniqueKeysWithValues: list.employees.map { ($0.id, $0) })
        let diff = EmployeeDiff.between(previous, current)
        let people = diff.changes.flatMap { PersonQuery.keys(personioID: $0.id, email: $0.email) }
        try state.log.append(
            Invocation.event(
                .pull, reads: previousID.map { [$0] } ?? [], writes: [id],
                summary: "personio: \(list.employees.count) employees (\(previousID == nil ? "first snapshot" : diff.summary))",
                people: previousID == nil ? [] : people))
        return Outcome(
            snapshot: id, previous: previousID, employees: list.employees.count, diff: diff,
            warnings: list.warnings, missingAttributes: list.missingAttributes, current: current)
    }
}
