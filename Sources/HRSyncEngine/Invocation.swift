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

    public static var commandLine: String {
        (["hrsync"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
    }

    public static func event(_ kind: Event.Kind, reads: [ObjectID] = [], writes: [ObjectID] = [], summary: String, people: [String] = [],
                             outcome: [String: Int]? = nil) -> Event {
        Event(kind: kind, time: Date(), user: user, host: host, command: commandLine,
              reads: reads, writes: writes, summary: summary, people: people, outcome: outcome)
    }
}
