import Foundation
import HRSyncCore

#if canImport(Glibc)
    import Glibc
#endif

/// The append-only log (`log`, JSON lines). Appends are a single write + fsync under the lock;
/// a line torn by a crash is the only thing that can be incomplete, and it is the last one.
public struct EventLog: Sendable {
    /// `log` in the state directory (Man/hrsync.1, FILES).
    public let path: String

    /// Appends `event` as one line of canonical JSON, in a single write, fsynced before it returns.
    public func append(_ event: Event) throws {
        try FileSystem.appendLine(try CanonicalJSON.encode(event), to: path)
    }

    /// Oldest first. `torn` counts unreadable lines (at most a crashed final append).
    public func read() throws -> (events: [Event], torn: [Int]) {
        guard FileSystem.exists(path) else { return ([], []) }
        let data = try FileSystem.read(path)
        var events: [Event] = []
        var torn: [Int] = []
        let decoder = Event.decoder
        for (index, line) in data.split(separator: 0x0A, omittingEmptySubsequences: true).enumerated() {
            if let event = try? decoder.decode(Event.self, from: Data(line)) { events.append(event) } else { torn.append(index + 1) }
        }
        return (events, torn)
    }

    /// The readable events, oldest first (torn lines skipped: `read` counts them).
    public func events() throws -> [Event] {
        try read().events
    }

    /// The event whose id starts with `prefix` (7+ hex digits), if exactly one does.
    public func event(prefix: String) throws -> Event? {
        guard let prefix = IDPrefix(prefix) else { return nil }
        return try prefix.unique(try events(), id: \.id)
    }
}
