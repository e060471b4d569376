import Foundation
import HRSyncCore
import HRSyncStore

/// `hrsync revert`: finds the apply, loads its record and the platform before and now, has the
/// core write the undoing plan, and stores that plan like any other (so `apply PLAN` runs it).
public struct RevertEngine: Sendable {
    /// Why `revert` cannot write its plan (exit 1); the message says what to give or run instead.
    public enum Failure: Error, LocalizedError, Equatable {
        /// The spec names no apply: no record or log entry has that id prefix, or `HEAD~N` goes back too far.
        case noSuchApply(String)
        /// `HEAD` was given, but the log holds no apply yet.
        case noApplies
        /// The apply's record, its plan or its snapshot is gone (collected by gc) or damaged; names which.
        case unreadable(String)

        /// The one line `hrsync` prints: what is missing and what to give or run instead.
        public var errorDescription: String? {
            switch self {
            case .noSuchApply(let spec): "no apply '\(spec)' in the log (give an id 'hrsync log' shows, or HEAD, HEAD~1, …)"
            case .noApplies: "the log has no apply to revert"
            case .unreadable(let what): "\(what) cannot be read: the state directory is damaged or was collected; run 'hrsync fsck'"
            }
        }
    }

    let config: HRSyncConfig
    let configBytes: Data
    let state: StateDirectory

    /// `configBytes` are the config file's exact bytes: a revert plan is bound to them like any plan (§8).
    public init(config: HRSyncConfig, configBytes: Data, state: StateDirectory) {
        self.config = config
        self.configBytes = configBytes
        self.state = state
    }

    /// `HEAD` / `HEAD~N` (the newest applies) or an id prefix (the apply record, or its log entry).
    public func resolve(_ spec: String) throws -> ObjectID {
        let applies = try state.log.events().filter { $0.kind == .apply && $0.writes.count == 1 }
        if spec.hasPrefix("HEAD") {
            guard !applies.isEmpty else { throw Failure.noApplies }
            guard let back = Revision.headOffset(spec), let id = try Revision.newestApply(back: back, in: state) else { throw Failure.noSuchApply(spec) }
            return id
        }
        guard let prefix = IDPrefix(spec) else { throw Failure.noSuchApply(spec) }
        // An apply is named by its record's id or by its log entry's.
        guard let apply = try prefix.unique(applies, ids: { [$0.writes[0].hex, $0.id] }) else { throw Failure.noSuchApply(spec) }
        return apply.writes[0]
    }

    /// The undoing plan for `applyID`, against the latest stored snapshots (pull first for a fresh one).
    public func run(applyID logged: ObjectID, includeDefinitions: Bool = false) throws -> PlanEngine.Outcome {
        // Ids in the log and in records may name objects gc or forget rewrote: read what they became.
        let history = try state.history()
        guard let applyID = history.currentID(of: logged),
            let record = try? CanonicalJSON.decode(ApplyRecord.self, from: state.objects.get(applyID, as: .apply))
        else {
            throw Failure.unreadable("apply record \(logged.short)")
        }
        guard let planID = ObjectID(hex: record.plan).flatMap(history.currentID(of:)),
            let undone = try? CanonicalJSON.decode(Plan.self, from: state.objects.get(planID, as: .plan)),
            let beforeID = ObjectID(hex: undone.learning360Snapshot).flatMap(history.currentID(of:))
        else {
            throw Failure.unreadable("the plan of apply \(logged.short) (collected by gc?)")
        }
        guard let personioID = try state.refs.get(Refs.personio), let lmsID = try state.refs.get(Refs.learning360) else {
            throw PlanEngine.Failure.noSnapshot("360Learning")
        }
        let now = try LMSSnapshotRecords.decode(try state.snapshots.read(lmsID).records)
        let before = try LMSSnapshotRecords.decode(try state.snapshots.read(beforeID).records)
        let plan = RevertPlanner.plan(
            RevertPlanner.Input(
                record: record, applyID: applyID.hex, before: before, now: now, personioSnapshot: personioID.hex,
                learning360Snapshot: lmsID.hex, configHash: ObjectID.sha256(of: configBytes).hex, target: config.learning360.baseURL,
                includeDefinitions: includeDefinitions, maxDeletes: config.sync.maxDeletes))
        let bytes = try CanonicalJSON.encode(plan)
        let id = try state.objects.put(.plan, bytes)
        try state.log.append(
            Invocation.event(
                .plan, reads: [applyID, personioID, lmsID], writes: [id],
                summary: "revert of \(applyID.short): " + plan.summary.line, people: plan.people))
        return PlanEngine.Outcome(plan: plan, id: id, lms: now, bytes: bytes)
    }
}
