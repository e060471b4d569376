import Foundation
import HRSyncCore

/// One line of the append-only log: a pull, plan, apply (or init/gc) with what it read and wrote.
public struct Event: Codable, Sendable, Equatable {
    /// The command the entry records; the raw value is what the log stores (`init` for `initialize`).
    public enum Kind: String, Codable, Sendable {
        /// `hrsync init`: the state directory was created.
        case initialize = "init"
        /// A pull: reads the side's previous snapshot, writes the one it took (a targeted run: both sides' partial snapshots).
        case pull
        /// A plan, or the plan `revert` writes: reads the snapshots (and the apply reverted), writes the plan.
        case plan
        /// An apply: reads its plan first, then the snapshots; writes the apply record (a held apply writes nothing).
        case apply
        /// `hrsync gc`: the summary says what went; `rewrites` says what became of each id.
        case gc
        /// `hrsync forget`: names the person only by their tombstone.
        case forget
        /// A journal closed because a later full plan superseded it (`closeJournals`).
        case journal
    }

    /// SHA-256 of the event's other fields; `show` accepts any unique prefix.
    public var id: String
    /// What happened: which command ran, or a journal closed.
    public var kind: Kind
    /// When it ran; gc keeps plans and applies by this date.
    public var time: Date
    /// Who ran it (the login name); `log` shows `user@host`.
    public var user: String
    /// The machine it ran on.
    public var host: String
    /// The command line, `hrsync` and its arguments; `forget` takes the person's id and emails out of it.
    public var command: String
    /// The objects it read, in order (an apply's plan first); `History` follows them through gc and forget.
    public var reads: [ObjectID]
    /// The objects it wrote (a snapshot, a plan, an apply record); `History.Entry.written` is the first.
    public var writes: [ObjectID]
    /// One line for `log`, e.g. "personio: 10000 employees (3 hired, 12 changed, 1 left)".
    public var summary: String
    /// Personio ids or emails this event concerns (for `log --person`).
    public var people: [String]
    /// An apply's results by status (`done`, `already_done`, `failed`, `skipped`, `held`): what
    /// `status` reads; absent on other events and on applies logged before it existed.
    public var outcome: [String: Int]?

    /// An entry with its `id` computed from the other fields.
    public init(
        kind: Kind, time: Date, user: String, host: String, command: String,
        reads: [ObjectID] = [], writes: [ObjectID] = [], summary: String, people: [String] = [], outcome: [String: Int]? = nil
    ) {
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
