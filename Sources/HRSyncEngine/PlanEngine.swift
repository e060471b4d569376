import Foundation
import HRSyncCore
import HRSyncStore

/// `plan`: the latest snapshots of both sides, the config and hrsync's own history → a Plan,
/// stored as an object, logged, and optionally written to a file.
public struct PlanEngine: Sendable {
    let config: HRSyncConfig
    let configBytes: Data
    let state: StateDirectory

    public init(config: HRSyncConfig, configBytes: Data, state: StateDirectory) {
        self.config = config
        self.configBytes = configBytes
        self.state = state
    }

    public enum Failure: Error, LocalizedError {
        case noSnapshot(String)

        public var errorDescription: String? {
            switch self {
            case .noSnapshot(let side): "no \(side) snapshot yet: run 'hrsync pull' (or 'hrsync plan' without --offline)"
            }
        }
    }

    public struct Outcome: Sendable {
        public var plan: Plan
        public var id: ObjectID
        public var lms: LMSState
    }

    /// What hrsync added earlier, from the apply records the log names (oldest first).
    public func ownership() throws -> Ownership {
        let decoder = JSONDecoder()
        var records: [ApplyRecord] = []
        for event in try state.log.events() where event.kind == .apply {
            for id in event.writes {
                guard let (kind, payload) = try? state.objects.get(id), kind == .apply else { continue }
                records.append(try decoder.decode(ApplyRecord.self, from: payload))
            }
        }
        return Ownership.from(records)
    }

    /// The planner's input from the latest snapshots, and the plan, without storing anything.
    public func compute() throws -> (Planner.Input, Plan) {
        guard let personioID = try state.refs.get(Refs.personio) else { throw Failure.noSnapshot("Personio") }
        guard let lmsID = try state.refs.get(Refs.learning360) else { throw Failure.noSnapshot("360Learning") }
        let input = Planner.Input(
            employees: try PersonioSnapshotRecords.decode(try state.snapshots.read(personioID).records),
            lms: try LMSSnapshotRecords.decode(try state.snapshots.read(lmsID).records),
            config: config, ownership: try ownership(),
            personioSnapshot: personioID.hex, learning360Snapshot: lmsID.hex, configHash: ObjectID.sha256(of: configBytes).hex)
        return (input, try Planner.plan(input))
    }

    public func run() throws -> Outcome {
        let (input, plan) = try compute()
        let lms = input.lms
        guard let personioID = ObjectID(hex: input.personioSnapshot), let lmsID = ObjectID(hex: input.learning360Snapshot) else {
            throw Failure.noSnapshot("Personio")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let id = try state.objects.put(.plan, try encoder.encode(plan))
        let people = Set(plan.actions.compactMap { $0.personioID.map(String.init) })
        try state.log.append(Invocation.event(.plan, reads: [personioID, lmsID], writes: [id], summary: plan.summary.line + (plan.held ? " Held." : ""),
                                              people: people.sorted()))
        return Outcome(plan: plan, id: id, lms: lms)
    }
}
