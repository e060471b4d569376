import Foundation
import HRSyncStore

/// Who runs a command, for the log: `user@host` and the command line.
public enum Invocation {
    public static var user: String {
        if let name = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] { return name }
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "uid \(getuid())" }
        return String(cString: name)
    }

    public static var host: String { ProcessInfo.processInfo.hostName }

    /// A fixed instant instead of the wall clock, set once by the CLI before a command runs (its
    /// test hook HRSYNC_TEST_NOW), so the end-to-end tests can build a history of several days.
    nonisolated(unsafe) public static var fixedNow: Date?

    /// The time hrsync records for what it does now: log entries, snapshots' `takenAt`, gc's dates.
    public static var now: Date { fixedNow ?? Date() }

    public static var commandLine: String {
        (["hrsync"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
    }

    public static func event(_ kind: Event.Kind, reads: [ObjectID] = [], writes: [ObjectID] = [], summary: String, people: [String] = [],
                             outcome: [String: Int]? = nil) -> Event {
        Event(kind: kind, time: now, user: user, host: host, command: commandLine,
              reads: reads, writes: writes, summary: summary, people: people, outcome: outcome)
    }
}
