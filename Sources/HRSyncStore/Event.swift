import Foundation
import HRSyncCore

/// One line of the append-only log: a pull, plan, apply (or init/gc) with what it read and wrote.
public struct Event: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case initialize = "init", pull, plan, apply, gc, forget, journal }

    /// SHA-256 of the event's other fields; `show` accepts any unique prefix.
    public var id: String
    public var kind: Kind
    public var time: Date
    public var user: String
    public var host: String
    public var command: String
    public var reads: [ObjectID]
    public var writes: [ObjectID]
    /// One line for `log`, e.g. "personio: 10000 employees (3 hired, 12 changed, 1 left)".
    public var summary: String
    /// Personio ids or emails this event concerns (for `log --person`).
    public var people: [String]
    /// An apply's results by status (`done`, `already_done`, `failed`, `skipped`, `held`): what
    /// `status` reads; absent on other events and on applies logged before it existed.
    public var outcome: [String: Int]?

    public init(kind: Kind, time: Date, user: String, host: String, command: String,
                reads: [ObjectID] = [], writes: [ObjectID] = [], summary: String, people: [String] = [], outcome: [String: Int]? = nil) {
        self.id = ""
        self.kind = kind
        self.time = time
        self.user = user
        self.host = host
        self.command = command
        self.reads = reads
        self.writes = writes
        self.summary = summary
        self.people = people
        self.outcome = outcome
        self.id = Self.identity(of: self)
    }

    /// SHA-256 of the entry's other fields (its `id` left out).
    public static func identity(of event: Event) -> String {
        var event = event
        event.id = ""
        return ObjectID(hashing: (try? CanonicalJSON.encode(event)) ?? Data()).hex
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
