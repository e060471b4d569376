import Foundation
import HRSyncCore
import HRSyncStore

/// `log --person P`: under each entry, what changed for that person: the Personio edits a pull
/// saw, and what an apply wrote to the person's 360Learning user (with its outcome).
struct PersonHistory {
    let person: PersonQuery
    let state: StateDirectory
    /// The log's ids as they are now; a damaged rewrite map is read as empty (the ids as logged).
    let history: History
    /// Name groups, custom fields and managers as the plan did (text); false keeps the ids (`--json`).
    var named = true
    /// With names, the ids too (`-v`).
    var verbose = false

    init(person: PersonQuery, state: StateDirectory, events: [Event], named: Bool = true, verbose: Bool = false) {
        self.person = person
        self.state = state
        self.named = named
        self.verbose = verbose
        history = History(events: events, rewrites: (try? state.rewrites()) ?? RewriteMap())
    }

    func matches(_ ref: PersonRef?) -> Bool {
        ref.map(person.matches) ?? false
    }

    /// The lines for one entry (empty when there is nothing person-specific to add).
    func lines(for event: Event) -> [String] {
        switch event.kind {
        case .pull: return pulled(event)
        case .apply: return applied(event)
        default: return []
        }
    }

    func pulled(_ event: Event) -> [String] {
        let entry = history.entry(for: event)
        guard entry.reads.count == 1, entry.writes.count == 1,
            let old = try? state.snapshots.read(entry.reads[0].readable), let new = try? state.snapshots.read(entry.writes[0].readable),
            new.kind == PersonioSnapshotRecords.kind,
            let before = try? PersonioSnapshotRecords.decode(old.records), let after = try? PersonioSnapshotRecords.decode(new.records)
        else { return [] }
        return EmployeeDiff.between(before, after).changes
            .filter { person.matches(id: $0.id, email: $0.email) }
            .flatMap { change in
                ["Personio: \(change.kind.rawValue)"] + change.fields.map { "  \($0.attribute): \($0.old ?? "(absent)") → \($0.new ?? "(absent)")" }
            }
    }

    func applied(_ event: Event) -> [String] {
        // The record may have been rewritten by gc or forget since the entry was logged.
        guard let id = history.entry(for: event).writes.first?.readable, let payload = try? state.objects.get(id, as: .apply),
            let record = try? CanonicalJSON.decode(ApplyRecord.self, from: payload)
        else {
            return event.writes.isEmpty ? [] : ["(the apply record is no longer in the store)"]
        }
        let results = record.results.filter { matches($0.action.person) }
        // The plan and its snapshot are read only for an apply that concerns the person.
        let names = named && !results.isEmpty ? ApplyView.names(of: record, in: state, history: history) : nil
        return results.map { result in
            let change = ApplyView.changes(result.action.change, names: names, verbose: verbose)
            return
                "360Learning: \(result.status.rawValue) \(result.action.kind.rawValue)\(change.isEmpty ? "" : "  \(change)")\(result.error.map { "  (\($0))" } ?? "")"
        }
    }
}
