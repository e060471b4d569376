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
    /// The lines already decoded: a command reads the history several times (plan: staleness,
    /// ownership, the last full plan), and at 100,000 employees a pull's line names 1,000 people.
    private let decoded = DecodedLines()

    /// The log at `path`.
    public init(path: String) {
        self.path = path
    }

    /// Appends `event` as one line of canonical JSON, in a single write, fsynced before it returns.
    public func append(_ event: Event) throws {
        try FileSystem.appendLine(try CanonicalJSON.encode(event), to: path)
    }

    /// Oldest first. `torn` counts unreadable lines (at most a crashed final append).
    public func read() throws -> (events: [Event], torn: [Int]) {
        guard FileSystem.exists(path) else { return ([], []) }
        return decoded.read(try FileSystem.read(path))
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

/// The decoded whole lines of the bytes last read, reused while the file still starts with those
/// bytes (the log is appended to; gc and forget replace it, and then it is decoded afresh). A
/// last line without its newline (torn, or being appended) is decoded on every read, never kept.
private final class DecodedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes = Data()
    private var events: [Event] = []
    private var torn: [Int] = []
    private var lines = 0

    func read(_ data: Data) -> (events: [Event], torn: [Int]) {
        lock.lock()
        defer { lock.unlock() }
        if data.count < bytes.count || data.prefix(bytes.count) != bytes { (bytes, events, torn, lines) = (Data(), [], [], 0) }
        var start = data.startIndex + bytes.count
        let decoder = Event.decoder
        var last: (events: [Event], torn: [Int]) = ([], [])
        while start < data.endIndex {
            let newline = Self.newline(in: data, from: start)
            let end = newline ?? data.endIndex
            if end > start {
                let line = data.subdata(in: start..<end)
                let event = Event.scanned(line) ?? (try? decoder.decode(Event.self, from: line))
                if newline == nil {  // not kept: the next read may find it complete
                    if let event { last.events.append(event) } else { last.torn.append(lines + 1) }
                } else {
                    lines += 1
                    if let event { events.append(event) } else { torn.append(lines) }
                }
            }
            guard let newline else { break }
            start = newline + 1
            bytes = data.prefix(upTo: start)
        }
        return (events + last.events, torn + last.torn)
    }

    /// The index of the first newline at or after `start` (memchr: a 20 MB log in milliseconds).
    private static func newline(in data: Data, from start: Int) -> Int? {
        data.withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress, let found = memchr(base + (start - data.startIndex), 0x0A, data.endIndex - start) else { return nil }
            return data.startIndex + (UnsafeRawPointer(found) - base)
        }
    }
}
