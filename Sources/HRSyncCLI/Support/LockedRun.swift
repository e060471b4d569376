import Foundation
import HRSyncStore

/// Takes the state directory's write lock for a command, telling the user about a takeover.
enum LockedRun {
    static func acquire(_ state: StateDirectory, command: String, console: Console) throws -> StoreLock {
        let lock = try state.lock(command: command)
        if let previous = lock.tookOverFrom {
            console.warn("took over a lock left by pid \(previous.pid) on \(previous.host) ('\(previous.command)', since \(previous.started)); that run ended without releasing it")
        }
        // Test hook: hold the lock a while so tests can race a second process against it.
        if let seconds = ProcessInfo.processInfo.environment["HRSYNC_TEST_HOLD_LOCK"].flatMap(Double.init) {
            Thread.sleep(forTimeInterval: seconds)
        }
        return lock
    }
}
