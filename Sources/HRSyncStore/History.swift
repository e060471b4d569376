import Foundation

/// The log as it reads now: each event with the ids it read and wrote followed through the
/// rewrite map, to where gc and forget put them (or nil, collected). The one place the map is
/// applied to the log: plan, apply, revert, gc, forget, `show`, `status` and `log --person`
/// read their events' objects here.
public struct History: Sendable {
    /// An id an event names: as logged, and where it is now.
    public struct LoggedID: Sendable, Equatable {
        /// The id as the log has it.
        public let logged: ObjectID
        /// Where `logged` is now (itself unless gc or forget rewrote it); nil: gc collected it.
        public let current: ObjectID?

        /// The id to read: where it is now, or the logged one when gc collected it (the read then
        /// fails naming the id the log has, or finds it where a killed gc left it).
        public var readable: ObjectID { current ?? logged }
    }

    /// One event with its reads and writes (in their logged order) as they are now.
    public struct Entry: Sendable {
        /// The event as logged.
        public let event: Event
        /// The event's `reads`, each with where it is now.
        public let reads: [LoggedID]
        /// The event's `writes`, each with where it is now.
        public let writes: [LoggedID]

        /// What the event wrote first (a pull's snapshot, a plan, an apply record) as it is now;
        /// nil when it wrote nothing or gc collected it.
        public var written: ObjectID? { writes.first?.current }

        /// An apply's plan (an apply reads its plan first) as it is now; nil when collected.
        public var appliedPlan: ObjectID? { event.kind == .apply ? reads.first?.current : nil }
    }

    /// The log's readable events, oldest first.
    public let events: [Event]
    /// Line numbers of the log's unreadable lines (at most a crashed final append).
    public let torn: [Int]
    /// What gc and forget did to removed ids (gc and forget add this run's before committing it).
    public private(set) var rewrites: RewriteMap

    /// A history from parts read separately (a caller that reports each read's failure on its own).
    public init(events: [Event], torn: [Int] = [], rewrites: RewriteMap) {
        self.events = events
        self.torn = torn
        self.rewrites = rewrites
    }

    /// Where `id` is now: itself, what gc or forget rewrote it to, or nil if gc collected it.
    /// For ids the log does not hold directly (a journal's plan, the snapshots a plan names).
    public func currentID(of id: ObjectID) -> ObjectID? {
        rewrites.current(id)
    }

    /// `event` (of this log, or one the caller read from it) with its ids as they are now.
    public func entry(for event: Event) -> Entry {
        let resolve = { (id: ObjectID) in LoggedID(logged: id, current: rewrites.current(id)) }
        return Entry(event: event, reads: event.reads.map(resolve), writes: event.writes.map(resolve))
    }

    /// Every event, oldest first, through the map as it is at this call (computed each time:
    /// bind it once; gc and forget call it again after recording their own rewrites).
    public var entries: [Entry] { events.map(entry(for:)) }

    /// The events of one kind, oldest first.
    public func entries(_ kind: Event.Kind) -> [Entry] {
        events.filter { $0.kind == kind }.map(entry(for:))
    }

    /// The newest event that wrote what is now `id` (the entry `log` shows for that object).
    public func lastEntry(writing id: ObjectID) -> Entry? {
        events.reversed().lazy.map(entry(for:)).first { $0.writes.contains { $0.current == id } }
    }

    /// Records what this gc or forget run did to `old` (saved by the caller, before refs move).
    mutating func record(_ old: ObjectID, _ fate: RewriteMap.Fate) {
        rewrites.record(old, fate)
    }
}

extension StateDirectory {
    /// The log through the rewrite map. Throws when either cannot be read (a torn log line is
    /// not an error: `torn` counts it).
    public func history() throws -> History {
        let rewrites = try rewrites()
        let (events, torn) = try log.read()
        return History(events: events, torn: torn, rewrites: rewrites)
    }
}
