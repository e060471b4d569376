import Foundation
import HRSyncCore

/// The planner's parts at once, one per core (the pure planner cannot pick threads itself).
public struct ConcurrentParts: PartsRunner {
    /// Stateless: each `run` spreads its parts over the cores.
    public init() {}

    /// Runs the parts on `DispatchQueue.concurrentPerform` and returns when all are done.
    public func run(_ count: Int, _ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedBody(body)
            DispatchQueue.concurrentPerform(iterations: count) { shared.body($0) }
        }
    }

    /// Frees `tables` on another thread, so that the plan is returned without waiting for it.
    public func release(_ tables: Discarded) {
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(tables) {} }
    }
}

/// Each part writes only its own result slot (see the planner's `Box`), so sharing the closure is safe.
private struct UncheckedBody: @unchecked Sendable {
    let body: (Int) -> Void
    init(_ body: @escaping (Int) -> Void) { self.body = body }
}
