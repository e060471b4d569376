import Foundation
import HRSyncCore

/// `diff` and `pull` output for Personio snapshots: per person, per field, `old → new`, escaped.
enum DiffView {
    enum Mode { case full, stat, nameOnly }

    static func text(_ diff: EmployeeDiff, mode: Mode, console: Console, limit: Int = .max) -> String {
        switch mode {
        case .stat:
            return ([diff.summary] + fieldCounts(diff).sorted { $0.key < $1.key }.map { " \($0.key): \($0.value) changed" }).joined(separator: "\n")
        case .nameOnly, .full:
            var lines: [String] = []
            for change in diff.changes.prefix(limit) {
                lines.append(headline(change, console: console))
                guard mode == .full, change.kind != .left else { continue }
                for field in change.fields {
                    let old = field.old.map { "\"\(TerminalText.escape($0))\"" } ?? "(absent)"
                    let new = field.new.map { "\"\(TerminalText.escape($0))\"" } ?? "(absent)"
                    lines.append(change.kind == .hired ? "    \(field.attribute): \(new)" : "    \(field.attribute): \(old) → \(new)")
                }
            }
            if diff.changes.count > limit { lines.append("… and \(diff.changes.count - limit) more (see 'hrsync diff')") }
            return lines.joined(separator: "\n")
        }
    }

    static func fieldCounts(_ diff: EmployeeDiff) -> [String: Int] {
        fieldCounts(diff.changes.filter { $0.kind == .changed || $0.kind == .terminated }.map(\.fields))
    }

    /// How many changes touch each attribute (the `--stat` table of both sides' diffs).
    static func fieldCounts(_ changes: [[EmployeeDiff.FieldChange]]) -> [String: Int] {
        var byField: [String: Int] = [:]
        for fields in changes { for field in fields { byField[field.attribute, default: 0] += 1 } }
        return byField
    }

    static func headline(_ change: EmployeeDiff.PersonChange, console: Console) -> String {
        let (symbol, color) =
            switch change.kind {
            case .hired: ("+", "32")
            case .changed: ("~", "33")
            case .terminated: ("-", "31")
            case .left: ("?", "35")
            }
        let kind = change.kind.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)
        return console.paint("\(symbol) \(kind)", color) + " #\(change.id) \(TerminalText.escape(change.name))"
    }

    struct Document: Encodable {
        struct Person: Encodable {
            var id: Int
            var kind: String
            var name: String
            var email: String?
            /// Left out with --name-only (and --stat, which lists no people).
            var fields: [EmployeeDiff.FieldChange]?
        }
        var format_version = "1.0"
        var from: String?
        var to: String
        var summary: [String: Int]
        var fieldCounts: [String: Int]?
        var changes: [Person]?
        enum CodingKeys: String, CodingKey { case format_version, from, to, summary, fieldCounts = "field_counts", changes }
    }

    /// The same choice of detail as the text: --stat counts, --name-only people without fields.
    static func json(_ diff: EmployeeDiff, from: String?, to: String, mode: Mode = .full) throws -> String {
        return try JSONOutput.render(
            Document(
                from: from, to: to,
                summary: Dictionary(uniqueKeysWithValues: EmployeeDiff.Kind.allCases.map { ($0.rawValue, diff.count($0)) }),
                fieldCounts: mode == .stat ? fieldCounts(diff) : nil,
                changes: mode == .stat
                    ? nil
                    : diff.changes.map {
                        .init(id: $0.id, kind: $0.kind.rawValue, name: $0.name, email: $0.email, fields: mode == .full ? $0.fields : nil)
                    }))
    }
}
