import Foundation
import HRSyncStore

/// Takes the state directory's write lock for a command, telling the user about a takeover.
enum LockedRun {
    static func acquire(_ state: StateDirectory, command: String, console: Console) throws -> StoreLock {
        let lock = try state.lock(command: command)
        if let previous = lock.tookOverFrom {
            console.warn(
                "took over a lock left by pid \(previous.pid) on \(previous.host) ('\(previous.command)', since \(previous.started)); that run ended without releasing it"
            )
        }
        TestHooks.lockAcquired()
        return lock
    }
}
