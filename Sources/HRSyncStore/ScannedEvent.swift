import Foundation
import HRSyncCore

extension Event {
    /// The event in `line`, read by `RecordScanner` when it is in the form the log writes (its
    /// members, each once, none unknown); nil otherwise, and the caller reads it with
    /// `JSONDecoder`. Every command that reads the log (`plan` checks its snapshots against it)
    /// decoded it whole with `JSONDecoder`, about 30 MB/s: a year of nightly runs at 100,000
    /// employees, whose plans name the people they change, is a log of tens of megabytes.
    static func scanned(_ line: Data) -> Event? {
        RecordScanner.read(line) { s in
            var id: String?, kind: Kind?, time: Date?, user: String?, host: String?, command: String?
            var reads: [ObjectID]?, writes: [ObjectID]?, summary: String?, people: [String]?, outcome: [String: Int]?
            var seen: UInt16 = 0
            func mark(_ bit: UInt16) throws {
                guard seen & (1 << bit) == 0 else { throw RecordScanner.Bail() }  // repeated: JSONDecoder's choice is its own
                seen |= 1 << bit
            }
            func ids(_ s: inout RecordScanner) throws -> [ObjectID] {
                try s.array { s in
                    guard let id = ObjectID(hex: try s.string()) else { throw RecordScanner.Bail() }
                    return id
                }
            }
            try s.object { s, key in
                switch key {
                case "id": try mark(0); id = try s.string()
                case "kind":
                    try mark(1)
                    guard let read = Kind(rawValue: try s.string()) else { throw RecordScanner.Bail() }
                    kind = read
                case "time": try mark(2); time = try Self.date(try s.string())
                case "user": try mark(3); user = try s.string()
                case "host": try mark(4); host = try s.string()
                case "command": try mark(5); command = try s.string()
                case "reads": try mark(6); reads = try ids(&s)
                case "writes": try mark(7); writes = try ids(&s)
                case "summary": try mark(8); summary = try s.string()
                case "people": try mark(9); people = try s.strings()
                case "outcome":
                    try mark(10)
                    if !s.null() {
                        var counts: [String: Int] = [:]
                        try s.object { s, status in
                            guard counts.updateValue(try s.int(), forKey: status.text) == nil else { throw RecordScanner.Bail() }
                        }
                        outcome = counts
                    }
                default: throw RecordScanner.Bail()
                }
            }
            guard let id, let kind, let time, let user, let host, let command, let reads, let writes, let summary, let people else {
                throw RecordScanner.Bail()
            }
            // The id as written, not computed again: a damaged line's id is `log`'s to judge, as when JSONDecoder read it.
            return Event(
                id: id, kind: kind, time: time, user: user, host: host, command: command, reads: reads, writes: writes, summary: summary,
                people: people, outcome: outcome)
        }
    }

    /// An entry as read: every field as written, its `id` included.
    private init(
        id: String, kind: Kind, time: Date, user: String, host: String, command: String, reads: [ObjectID], writes: [ObjectID], summary: String,
        people: [String], outcome: [String: Int]?
    ) {
        (self.id, self.kind, self.time, self.user, self.host, self.command) = (id, kind, time, user, host, command)
        (self.reads, self.writes, self.summary, self.people, self.outcome) = (reads, writes, summary, people, outcome)
    }

    /// The log's decoder, for the times alone.
    private static let timeDecoder = decoder

    /// A time as the log's `JSONDecoder` reads it (`.iso8601`): the same decoder, on the string alone.
    private static func date(_ text: String) throws -> Date {
        guard let date = try? timeDecoder.decode(Date.self, from: CanonicalJSON.encode(text)) else { throw RecordScanner.Bail() }
        return date
    }
}
