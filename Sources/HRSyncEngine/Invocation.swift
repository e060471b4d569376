import Foundation
import HRSyncStore

/// Who runs a command, for the log: `user@host` and the command line.
public enum Invocation {
    /// The login name: `$USER`, else `$LOGNAME`, else the passwd entry (`uid N` when there is none).
    public static var user: String {
        if let name = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] { return name }
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "uid \(getuid())" }
        return String(cString: name)
    }

    /// This machine's host name, as the log records it.
    public static var host: String { ProcessInfo.processInfo.hostName }

    /// A fixed instant instead of the wall clock, set once by the CLI before a command runs (its
    /// test hook HRSYNC_TEST_NOW), so the end-to-end tests can build a history of several days.
    nonisolated(unsafe) public static var fixedNow: Date?

    /// The time hrsync records for what it does now: log entries, snapshots' `takenAt`, gc's dates.
    public static var now: Date { fixedNow ?? Date() }

    /// The command line as run, starting with `hrsync` whatever path the binary was started by.
    public static var commandLine: String {
        (["hrsync"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
    }

    /// A log entry of `kind` by this invocation, stamped with `now`, the user, the host and the command line.
    public static func event(
        _ kind: Event.Kind, reads: [ObjectID] = [], writes: [ObjectID] = [], summary: String, people: [String] = [],
        outcome: [String: Int]? = nil
    ) -> Event {
        Event(
            kind: kind, time: now, user: user, host: host, command: commandLine,
            reads: reads, writes: writes, summary: summary, people: people, outcome: outcome)
    }
}
