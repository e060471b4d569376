import Foundation
import HRSyncCore
import HRSyncStore

/// `hrsync log`: one block per event, like `git log`.
enum EventView {
    /// `removed` says what became of an object gc or forget removed (see `StateDirectory.removedNote`);
    /// `details` adds lines under an entry (`log --person`).
    static func text(
        _ events: [Event], console: Console, removed: (ObjectID) -> String? = { _ in nil },
        details: ((Event) -> [String])? = nil
    ) -> String {
        guard !events.isEmpty else { return "(no entries)" }
        return events.map { event in
            let head = "\(console.paint(event.kind.rawValue, "1")) \(console.paint(String(displayID(event).prefix(12)), "33"))"
            let who = TerminalText.escape("\(event.user)@\(event.host)")
            let notes = event.writes.compactMap(removed).map { "\n    (\($0))" }.joined()
            let more = (details?(event) ?? []).map { "\n      " + TerminalText.escape($0) }.joined()
            return "\(head)  \(JSONOutput.timestamp.string(from: event.time))  \(who)\n    \(TerminalText.escape(event.summary))\(notes)\(more)"
        }.joined(separator: "\n")
    }

    /// The one id a user sees for an entry: what it wrote when that is one object (the plan, the
    /// apply record, the snapshot: the id `plan -o`, `apply` and `pull` print), else the entry's own.
    static func displayID(_ event: Event) -> String {
        event.writes.count == 1 ? event.writes[0].hex : event.id
    }

    static func json(_ events: [Event], details: ((Event) -> [String])? = nil) throws -> String {
        let changes = details.map { lines in Dictionary(uniqueKeysWithValues: events.map { ($0.id, lines($0)) }.filter { !$0.1.isEmpty }) }
        return try JSONOutput.render(LogDocument(formatVersion: "1.0", events: events, personChanges: changes))
    }

    struct LogDocument: Encodable {
        var formatVersion: String
        var events: [Event]
        /// With --person: per entry id, what changed for that person.
        var personChanges: [String: [String]]?
        enum CodingKeys: String, CodingKey {
            case formatVersion = "format_version"
            case events
            case personChanges = "person_changes"
        }
    }
}

enum FsckView {
    struct Document: Encodable {
        struct Fault: Encodable { var path: String; var message: String }
        var clean: Bool
        var objects: Int
        var refs: Int
        var events: Int
        var faults: [Fault]
        var notes: [String]
    }

    static func json(_ report: FsckReport) throws -> String {
        try JSONOutput.render(
            Document(
                clean: report.isClean, objects: report.objectsChecked, refs: report.refsChecked, events: report.eventsChecked,
                faults: report.faults.map { .init(path: $0.path, message: $0.message) }, notes: report.notes))
    }
}
