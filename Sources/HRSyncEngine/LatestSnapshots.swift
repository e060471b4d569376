import Foundation
import HRSyncCore
import HRSyncStore

/// Both sides' snapshots decoded on both cores: reading and decoding is most of what
/// `plan --offline` does at 100,000 employees. Personio (100,000 records) takes one core while the
/// other opens the 360Learning snapshot (466,000 records, one pack inflated once); then the roles
/// (266,000 of them) are decoded on the first core and everything else on the second. The parts
/// share nothing but the opened snapshot, which only reads; the roles go into a dictionary of
/// their own, so nothing is merged after. `beside` (what `plan` reads of the log before it plans)
/// runs first on the core that then reads Personio, while the other opens the 360Learning
/// snapshot: run before the decode, it held both cores back. Its error is thrown first, then Personio's, then 360Learning's.
enum LatestSnapshots {
    static func decode(
        personio: ObjectID, learning360: ObjectID, state: StateDirectory, beside: () throws -> Void = {}
    ) throws -> ([Int: Employee], LMSState) {
        let employees = ResultSlot<[Int: Employee]>(), opened = ResultSlot<OpenSnapshot>(), besides = ResultSlot<Void>()
        let roleState = ResultSlot<LMSState>(), rest = ResultSlot<LMSState>()
        // By the keys' bytes, as `LMSRecordKey.isRole` and the others read them.
        let roles = OpenSnapshot.KeyPrefix(LMSRecordKey.rolePrefix), notRoles = OpenSnapshot.KeyPrefix(LMSRecordKey.rolePrefix, starting: false)
        let open = DispatchSemaphore(value: 0)
        // Part 0 signals before part 1 waits on it; run on one thread (one core), part 0 comes first.
        ConcurrentParts().run(2) { part in
            if part == 0 {
                opened.set(Result { try state.snapshots.open(learning360, preload: true) })
                open.signal()
                rest.set(
                    Result {
                        let lms = try opened.get()
                        let capacity = LMSSnapshotRecords.Capacity(
                            users: lms.count(.init(LMSRecordKey.userPrefix)), mappings: lms.count(.init(LMSRecordKey.mappingPrefix)))
                        return try LMSSnapshotRecords.decode(capacity: capacity, each: { try lms.forEach(notRoles, $0) })
                    })
            } else {
                besides.set(Result { try beside() })
                employees.set(
                    Result {
                        let people = try state.snapshots.open(personio)
                        let every = OpenSnapshot.KeyPrefix("")
                        return try PersonioSnapshotRecords.decode(count: people.count(every), each: { try people.forEach(every, $0) })
                    })
                open.wait()
                roleState.set(
                    Result {
                        let lms = try opened.get()
                        let capacity = LMSSnapshotRecords.Capacity(memberships: lms.count(roles))
                        return try LMSSnapshotRecords.decode(capacity: capacity, each: { try lms.forEach(roles, $0) })
                    })
            }
        }
        try besides.get()
        let people = try employees.get()  // Personio's error first, as when the sides were read in turn
        var lms = try rest.get()
        lms.memberships = try roleState.get().memberships
        return (people, lms)
    }
}

/// One thread writes it, then (after `concurrentPerform` returns, or after a signal) others read it.
private final class ResultSlot<Value>: @unchecked Sendable {
    private var result: Result<Value, any Error>?
    func set(_ result: Result<Value, any Error>) { self.result = result }
    func get() throws -> Value {
        guard let result else { preconditionFailure("read before it was written") }
        return try result.get()
    }
}
