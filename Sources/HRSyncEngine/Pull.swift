import Foundation
import HRSyncCore
import HRSyncStore

/// `hrsync pull`, the one use case behind the CLI's pull (and plan/apply, which pull first), the
/// demo and the benchmarks: Personio first, then 360Learning, whose per-user reads cover the
/// users that match a Personio employee (from this pull, or the latest snapshot when only the
/// 360Learning side is pulled).
public struct Pull: Sendable {
    /// One vendor's side of a pull; the raw values are what `pull --only` takes.
    public enum Side: String, Sendable, CaseIterable {
        /// Personio's employees.
        case personio
        /// The 360Learning platform (`360learning` on the command line).
        case learning360 = "360learning"
    }

    /// Each side's result, as `pull` reports it; nil for a side not pulled.
    public struct Outcome: Sendable {
        /// The Personio snapshot stored; nil when only 360Learning was pulled. The side's whole result
        /// (its employees, its diff) goes to the observer's `finished(personio:)` and is not kept: a
        /// first pull's diff names every field of everyone, 100 MB at 100,000 employees, which would
        /// stay in memory while 360Learning is read.
        public var personioSnapshot: ObjectID?
        /// The 360Learning side's result; nil when only Personio was pulled.
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

    /// `only` nil pulls both sides; `force` overrides the shrink guard (§7) on each.
    public init(
        config: HRSyncConfig, state: StateDirectory, personio: any PersonioSource, learning360: any Learning360API,
        only: Side? = nil, force: Bool = false
    ) {
        self.config = config
        self.state = state
        self.personio = personio
        self.learning360 = learning360
        self.only = only
        self.force = force
    }

    /// Pulls Personio, then 360Learning, telling `observer` as it goes. A side's error (a shrink-guard
    /// `Refusal` included) is thrown as is; a refused Personio side stops the pull before 360Learning.
    public func run(_ observer: any PullObserver = SilentPull()) async throws -> Outcome {
        var outcome = Outcome()
        var employees: [Int: Employee] = [:]
        if only != .learning360 {
            observer.started(.personio)
            let pulled = try await PersonioPull(config: config, state: state, client: personio, force: force)
                .run { observer.progress(.personio, $0, $1) }
            observer.finished(personio: pulled)
            outcome.personioSnapshot = pulled.snapshot
            employees = pulled.current
        } else if let latest = try state.refs.get(Refs.personio) {
            employees = try PersonioSnapshotRecords.decode(try state.snapshots.read(latest).records)
        } else {
            outcome.noPersonioSnapshot = true
        }
        guard only != .personio else { return outcome }
        observer.started(.learning360)
        // Handed over, not shared: the 360Learning side lets go of them before it stores its snapshot.
        let pulled = try await Learning360Pull(config: config, state: state, client: learning360, employees: consume employees, force: force)
            .run { observer.progress(.learning360, $0, $1) }
        observer.finished(learning360: pulled)
        outcome.learning360 = pulled
        return outcome
    }
}

/// What a caller sees of a pull while it runs: a progress line, each side's result as soon as it is there.
public protocol PullObserver: Sendable {
    /// A side's reads begin.
    func started(_ side: Pull.Side)
    /// `done` of `total` reads of a side so far (`total` nil while unknown).
    func progress(_ side: Pull.Side, _ done: Int, _ total: Int?)
    /// The Personio snapshot is stored and its ref moved.
    func finished(personio: PersonioPull.Outcome)
    /// The 360Learning snapshot is stored and its ref moved.
    func finished(learning360: Learning360Pull.Outcome)
}

extension PullObserver {
    /// By default nothing: an observer implements only what it shows.
    public func started(_ side: Pull.Side) {}
    /// By default nothing.
    public func progress(_ side: Pull.Side, _ done: Int, _ total: Int?) {}
    /// By default nothing.
    public func finished(personio: PersonioPull.Outcome) {}
    /// By default nothing.
    public func finished(learning360: Learning360Pull.Outcome) {}
}

/// The observer that ignores everything: `run`'s default, for callers that print nothing while pulling.
public struct SilentPull: PullObserver {
    /// Nothing to set.
    public init() {}
}
