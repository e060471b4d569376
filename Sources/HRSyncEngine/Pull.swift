import Foundation
import HRSyncCore
import HRSyncStore

/// `hrsync pull`, the one use case behind the CLI's pull (and plan/apply, which pull first), the
/// demo and the benchmarks: Personio first, then 360Learning, whose per-user reads cover the
/// users that match a Personio employee (from this pull, or the latest snapshot when only the
/// 360Learning side is pulled).
public struct Pull: Sendable {
    public enum Side: String, Sendable, CaseIterable {
        case personio
        case learning360 = "360learning"
    }

    public struct Outcome: Sendable {
        public var personio: PersonioPull.Outcome?
        public var learning360: Learning360Pull.Outcome?
        /// Pulling only 360Learning without any Personio snapshot: no user was read in detail.
        public var noPersonioSnapshot = false
    }

    let config: HRSyncConfig
    let state: StateDirectory
    let personio: any PersonioSource
    let learning360: any Learning360API
    /// nil: both sides.
    var only: Side?
    var force: Bool

    public init(config: HRSyncConfig, state: StateDirectory, personio: any PersonioSource, learning360: any Learning360API,
                only: Side? = nil, force: Bool = false) {
        self.config = config
        self.state = state
        self.personio = personio
        self.learning360 = learning360
        self.only = only
        self.force = force
    }

    public func run(_ observer: any PullObserver = SilentPull()) async throws -> Outcome {
        var outcome = Outcome()
        var employees: [Int: Employee] = [:]
        if only != .learning360 {
            observer.started(.personio)
            let pulled = try await PersonioPull(config: config, state: state, client: personio, force: force)
                .run { observer.progress(.personio, $0, $1) }
            observer.finished(personio: pulled)
            outcome.personio = pulled
            employees = pulled.current
        } else if let latest = try state.refs.get(Refs.personio) {
            employees = try PersonioSnapshotRecords.decode(try state.snapshots.read(latest).records)
        } else {
            outcome.noPersonioSnapshot = true
        }
        guard only != .personio else { return outcome }
        observer.started(.learning360)
        let pulled = try await Learning360Pull(config: config, state: state, client: learning360, employees: employees, force: force)
            .run { observer.progress(.learning360, $0, $1) }
        observer.finished(learning360: pulled)
        outcome.learning360 = pulled
        return outcome
    }
}

/// What a caller sees of a pull while it runs: a progress line, each side's result as soon as it is there.
public protocol PullObserver: Sendable {
    func started(_ side: Pull.Side)
    func progress(_ side: Pull.Side, _ done: Int, _ total: Int?)
    func finished(personio: PersonioPull.Outcome)
    func finished(learning360: Learning360Pull.Outcome)
}

extension PullObserver {
    public func started(_ side: Pull.Side) {}
    public func progress(_ side: Pull.Side, _ done: Int, _ total: Int?) {}
    public func finished(personio: PersonioPull.Outcome) {}
    public func finished(learning360: Learning360Pull.Outcome) {}
}

public struct SilentPull: PullObserver {
    public init() {}
}
