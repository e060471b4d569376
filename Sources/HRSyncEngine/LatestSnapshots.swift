import Foundation
import HRSyncCore
import HRSyncStore

/// Both sides' snapshots decoded at once, one per core: reading and decoding a side is most of what
/// `plan --offline` does at 100,000 employees, and the two sides share nothing.
enum LatestSnapshots {
    static func decode(personio: ObjectID, learning360: ObjectID, state: StateDirectory) throws -> ([Int: Employee], LMSState) {
        let employees = ResultSlot<[Int: Employee]>(), lms = ResultSlot<LMSState>()
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                employees.set(Result { try PersonioSnapshotRecords.decode(try state.snapshots.read(personio).records) })
            } else {
                lms.set(Result { try LMSSnapshotRecords.decode(try state.snapshots.read(learning360).records) })
            }
        }
        return (try employees.get(), try lms.get())
    }
}

/// One thread writes it, then (after `concurrentPerform` returns) the caller reads it.
private final class ResultSlot<Value>: @unchecked Sendable {
    private var result: Result<Value, any Error>?
    func set(_ result: Result<Value, any Error>) { self.result = result }
    func get() throws -> Value {
        guard let result else { preconditionFailure("concurrentPerform returned before every part ran") }
        return try result.get()
    }
}
