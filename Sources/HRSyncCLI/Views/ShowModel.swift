import Foundation
import HRSyncCore
import HRSyncStore

/// What `hrsync show` prints: a log entry with the objects it wrote, or one object.
struct ShowModel: Encodable {
    struct SnapshotPart: Encodable {
        var id: String
        var kind: String
        var takenAt: Date
        var records: Int
        var parent: String?
        var storedAsDelta: Bool
        var changes: SnapshotChanges?
        /// Personio id → "Name <email>", for the people a Personio pull changed.
        var people: [String: String] = [:]
    }

    var event: Event?
    var snapshots: [SnapshotPart] = []
    /// Objects other than snapshots and apply records, as their stored JSON.
    var documents: [String: String] = [:]
    /// Apply records, as data (`--json`) and as their story (text).
    var applies: [String: ApplyRecord] = [:]
    /// Per apply record, the view of its plan that names groups, custom fields and managers (text only).
    var names: [String: PlanView] = [:]

    static func load(_ target: String, from state: StateDirectory) throws -> ShowModel {
        var model = ShowModel()
        let history = try state.history()
        let ids: [ObjectID]
        if let event = try state.log.event(prefix: target) {
            model.event = event
            ids = event.writes
        } else if let event = try Self.removedEntry(target, in: state, history: history) {
            // The id `log` shows for an entry whose object gc collected: the entry, saying so.
            model.event = event
            ids = event.writes
        } else {
            let id = try Revision.resolve(target, in: state)
            ids = [id]
            // The id `log` shows is the object an entry wrote: show that entry with it.
            model.event = history.lastEntry(writing: id)?.event
        }
        for written in ids {
            // An entry whose object gc collected says so instead of failing; one forget or gc
            // rewrote is shown where it now is.
            guard let id = history.currentID(of: written), state.objects.contains(id) else {
                model.documents[written.hex] = "(\(state.removedNote(for: written) ?? "no longer stored"))"
                continue
            }
            let (kind, payload) = try state.objects.get(id)
            switch kind {
            case .snapshot:
                let info = try state.snapshots.info(id)
                let changes = try info.parent.map { try state.snapshots.changes(from: $0, to: id) }
                var part = SnapshotPart(
                    id: id.hex, kind: info.kind, takenAt: info.takenAt, records: info.count,
                    parent: info.parent?.hex, storedAsDelta: info.isDelta, changes: changes)
                if info.kind == PersonioSnapshotRecords.kind, let changes {
                    part.people = try Self.names(of: changes, in: [id] + (info.parent.map { [$0] } ?? []), state: state)
                }
                model.snapshots.append(part)
            case .pack:
                model.documents[id.hex] = "(a pack of \(payload.split(separator: 0x0A).count) snapshot records)"
            case .apply:
                if let record = try? CanonicalJSON.decode(ApplyRecord.self, from: payload) {
                    model.applies[id.hex] = record
                    model.names[id.hex] = ApplyView.names(of: record, in: state, history: history)
                } else {
                    model.documents[id.hex] = String(decoding: payload, as: UTF8.self)
                }
            default:
                model.documents[id.hex] = String(decoding: payload, as: UTF8.self)
            }
        }
        return model
    }

    /// The log entry that wrote the object `target` names when gc collected it (nil otherwise).
    static func removedEntry(_ target: String, in state: StateDirectory, history: History) throws -> Event? {
        guard let prefix = IDPrefix(target), (try? state.objects.resolve(prefix: prefix.text)) == nil else { return nil }
        return history.entries.last { entry in
            entry.writes.count == 1 && prefix.matches(entry.writes[0].logged.hex) && entry.writes[0].current == nil
        }?.event
    }

    /// Who the changed Personio records are, from the snapshot (or its parent, for those removed).
    static func names(of changes: SnapshotChanges, in snapshots: [ObjectID], state: StateDirectory) throws -> [String: String] {
        var names: [String: String] = [:]
        for snapshot in snapshots {
            // Best effort: names are a courtesy; the keys are shown whatever the records hold.
            guard let people = try? PersonioSnapshotRecords.decode(try state.snapshots.read(snapshot).records) else { continue }
            for (id, employee) in people where names[String(id)] == nil {
                let name = [employee.firstName, employee.lastName].compactMap { $0 }.joined(separator: " ")
                names[String(id)] = name + (employee.email.map { " <\($0)>" } ?? "")
            }
        }
        return names.filter { Set(changes.added + changes.changed + changes.removed).contains($0.key) }
    }

    func json() throws -> String {
        try JSONOutput.render(self)
    }

    func text(console: Console) -> String {
        var lines: [String] = []
        if let event {
            lines.append("\(console.paint(event.kind.rawValue, "1")) \(console.paint(EventView.displayID(event), "33"))")
            lines.append("Date:    \(JSONOutput.timestamp.string(from: event.time))")
            lines.append("By:      \(TerminalText.escape("\(event.user)@\(event.host)"))")
            lines.append("Command: \(TerminalText.escape(event.command))")
            if event.kind == .apply, let plan = event.reads.first {
                lines.append("Plan:    \(plan.hex)")
                lines.append(
                    "From:    \(event.reads.dropFirst().map(\.short).joined(separator: " ")) (the Personio and 360Learning snapshots it was planned on)")
            } else {
                lines.append("Read:    \(event.reads.map(\.short).joined(separator: " "))")
            }
            lines.append("Wrote:   \(event.writes.map(\.short).joined(separator: " "))")
            lines.append("")
            lines.append("    \(TerminalText.escape(event.summary))")
        }
        for part in snapshots {
            lines.append("")
            lines.append("snapshot \(console.paint(part.id, "33")) (\(part.kind))")
            lines.append("Taken:   \(JSONOutput.timestamp.string(from: part.takenAt))")
            lines.append("Records: \(part.records)\(part.storedAsDelta ? " (stored as a delta)" : "")")
            lines.append("Parent:  \(part.parent ?? "none (first snapshot)")")
            if let changes = part.changes {
                lines.append("Changes: \(changes.added.count) added, \(changes.changed.count) changed, \(changes.removed.count) removed")
                let who = { (key: String) in TerminalText.escape(part.people[key].map { "#\(key) \($0)" } ?? key) }
                lines += changes.added.map { "  " + console.paint("+ \(who($0))", "32") }
                lines += changes.changed.map { "  " + console.paint("~ \(who($0))", "33") }
                lines += changes.removed.map { "  " + console.paint("- \(who($0))", "31") }
            }
        }
        for (id, record) in applies.sorted(by: { $0.key < $1.key }) {
            lines.append("")
            // Under the entry that wrote it, the record needs no second header.
            if event?.writes.map(\.hex).contains(id) != true { lines.append("apply \(console.paint(id, "33"))") }
            lines += ApplyView.details(record, names: names[id], verbose: console.verbose).split(separator: "\n").map { TerminalText.escape(String($0)) }
            let failed = record.results.filter { $0.status == .failed }
            if !failed.isEmpty {
                lines.append("")
                lines.append(console.paint("Failed (\(failed.count)):", "31"))
                lines += failed.map {
                    "  ! \(TerminalText.escape(ApplyView.who($0.action))) \($0.action.kind.rawValue): \(TerminalText.escape($0.error ?? "no error recorded"))"
                }
            }
        }
        for (id, text) in documents.sorted(by: { $0.key < $1.key }) {
            lines.append("")
            lines.append("object \(console.paint(id, "33"))")
            lines += text.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.escape(String($0)) }
        }
        return lines.drop { $0.isEmpty }.joined(separator: "\n")
    }

    enum CodingKeys: String, CodingKey { case event, snapshots, documents, applies }
}

extension ShowModel.SnapshotPart {
    enum CodingKeys: String, CodingKey {
        case id, kind, records, parent, changes, people
        case takenAt = "taken_at"
        case storedAsDelta = "stored_as_delta"
    }
}

extension SnapshotChanges: Encodable {
    enum CodingKeys: String, CodingKey { case added, changed, removed }

    /// The keys added, changed and removed, as `show --json` writes a snapshot's changes.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(added, forKey: .added)
        try c.encode(changed, forKey: .changed)
        try c.encode(removed, forKey: .removed)
    }
}
