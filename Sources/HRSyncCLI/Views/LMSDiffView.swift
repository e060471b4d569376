import Foundation
import HRSyncCore

/// `diff` of two 360Learning snapshots: per user, per field, `old → new`, escaped; the same modes
/// and JSON shape as Personio diffs (ids are 360Learning user ids).
enum LMSDiffView {
    static func text(_ diff: LMSDiff, mode: DiffView.Mode, console: Console) -> String {
        if mode == .stat {
            let counts = DiffView.fieldCounts(diff.changes.filter { $0.kind == .changed }.map(\.fields))
            return ([diff.summary] + counts.sorted { $0.key < $1.key }.map { " \($0.key): \($0.value) changed" }).joined(separator: "\n")
        }
        var lines: [String] = []
        for change in diff.changes {
            let (symbol, color) =
                switch change.kind {
                case .added: ("+", "32")
                case .changed: ("~", "33")
                case .removed: ("-", "31")
                }
            let who = [change.name, change.mail.map { "<\($0)>" }].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            lines.append(
                console.paint("\(symbol) \(change.kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))", color)
                    + " \(change.id) \(TerminalText.escape(who))")
            guard mode == .full else { continue }
            for field in change.fields {
                let old = field.old.map { "\"\(TerminalText.escape($0))\"" } ?? "(absent)"
                let new = field.new.map { "\"\(TerminalText.escape($0))\"" } ?? "(absent)"
                lines.append(
                    change.kind == .added
                        ? "    \(TerminalText.escape(field.attribute)): \(new)" : "    \(TerminalText.escape(field.attribute)): \(old) → \(new)")
            }
        }
        return lines.joined(separator: "\n")
    }

    struct Document: Encodable {
        struct User: Encodable {
            var id: String
            var kind: String
            var name: String
            var mail: String?
            var fields: [EmployeeDiff.FieldChange]?
        }
        var format_version = "1.0"
        var side = "360learning"
        var from: String
        var to: String
        var summary: [String: Int]
        var changes: [User]?
    }

    static func json(_ diff: LMSDiff, from: String, to: String, mode: DiffView.Mode) throws -> String {
        try JSONOutput.render(
            Document(
                from: from, to: to, summary: Dictionary(uniqueKeysWithValues: LMSDiff.Kind.allCases.map { ($0.rawValue, diff.count($0)) }),
                changes: mode == .stat
                    ? nil
                    : diff.changes.map {
                        .init(id: $0.id, kind: $0.kind.rawValue, name: $0.name, mail: $0.mail, fields: mode == .full ? $0.fields : nil)
                    }))
    }
}
