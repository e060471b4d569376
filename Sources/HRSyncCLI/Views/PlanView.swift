import Foundation
import HRSyncCore

/// The plan as CLI.md describes it: one block per person (`+` create, `~` update, `-` delete,
/// `↺` restore), then group, manager and custom-field lines, warnings and conflicts, one summary
/// line. Everything from the APIs is escaped; colour only on a terminal.
enum PlanView {
    static func text(_ plan: Plan, lms: LMSState, console: Console) -> String {
        var lines: [String] = []
        let tree = GroupTree(lms.groups)
        let fieldNames = Dictionary(uniqueKeysWithValues: lms.fields.values.map { ($0.id, $0.name) })
        func group(_ id: String?) -> String {
            guard var current = id.flatMap({ tree.groups[$0] }) else { return id ?? "?" }
            var names = [current.name]
            while let parent = current.parentID.flatMap({ tree.groups[$0] }), parent.parentID != nil {
                names.insert(parent.name, at: 0)
                current = parent
            }
            return TerminalText.escape(names.joined(separator: " › "))
        }
        func value(_ v: String??) -> String { (v ?? nil).map { "\"\(TerminalText.escape($0))\"" } ?? "(empty)" }
        func person(_ ref: String??) -> String {
            guard let ref = ref ?? nil else { return "?" }
            return ref.hasPrefix("personio:") ? "#\(ref.dropFirst(9)) (created by this plan)" : "user \(TerminalText.escape(ref))"
        }
        func field(_ key: String) -> String {
            let ref = String(key.split(separator: "#")[0])
            return TerminalText.escape(ref.hasPrefix("name:") ? String(ref.dropFirst(5)) : fieldNames[ref] ?? ref)
        }

        var byPerson: [(key: String, actions: [PlanAction])] = []
        for action in plan.actions {
            let key = action.kind == .createField ? "field:\(action.person)" : "p\(action.personioID ?? 0)"
            if let index = byPerson.firstIndex(where: { $0.key == key }) { byPerson[index].actions.append(action) } else { byPerson.append((key, [action])) }
        }
        for (_, actions) in byPerson {
            let kinds = Set(actions.map(\.kind))
            let first = actions[0]
            let name = TerminalText.escape(first.person) + (first.personioID.map { " (#\($0))" } ?? "")
            let (symbol, color, verb) = kinds.contains(.createField) ? ("+", "32", "create custom field")
                : kinds.contains(.createUser) ? ("+", "32", "create") : kinds.contains(.restoreUser) ? ("↺", "36", "restore")
                : kinds.contains(.deleteUser) ? ("-", "31", "delete") : ("~", "33", "update")
            lines.append(console.paint("\(symbol) \(verb)", color) + "  \(name)")
            for action in actions {
                switch action.kind {
                case .createField: lines.append("    type: \(value(action.after["type"]))")
                case .createUser:
                    for key in ["mail", "firstName", "lastName", "job", "lang"] where action.after[key] != nil { lines.append("    \(key): \(value(action.after[key]))") }
                    lines.append("    learner in \(group(action.after["group"] ?? nil))")
                case .restoreUser: lines.append("    status: \"deleted\" → \"invited\", learner in \(group(action.after["group"] ?? nil))")
                case .updateUser:
                    for key in action.after.keys.sorted() { lines.append("    \(key): \(value(action.before[key])) → \(value(action.after[key]))") }
                case .createMapping: lines.append("    external id personio = \(value(action.after["value"]))")
                case .setCustomValues:
                    let keys = Set(action.before.keys.map(field)).union(action.after.keys.map(field)).sorted()
                    for name in keys {
                        let old = action.before.first { field($0.key) == name }?.value, new = action.after.first { field($0.key) == name }?.value
                        if old != new { lines.append("    custom field \(name): \(value(old)) → \(value(new))") }
                    }
                case .addRole: lines.append(console.paint("    + learner in \(group(action.after["group"] ?? nil))", "32"))
                case .removeRole: lines.append(console.paint("    - learner in \(group(action.before["group"] ?? nil))", "31"))
                case .addManager: lines.append(console.paint("    + manager \(person(action.after["manager"]))", "32"))
                case .removeManager: lines.append(console.paint("    - manager \(person(action.before["manager"]))", "31"))
                case .deleteUser: lines.append("    \(TerminalText.escape(action.reason))")
                }
            }
        }
        if !plan.warnings.isEmpty {
            lines.append("")
            lines.append(console.paint("Warnings:", "33"))
            lines += plan.warnings.map { "  ! \(TerminalText.escape($0))" }
        }
        if !plan.conflicts.isEmpty {
            lines.append("")
            lines.append(console.paint("Conflicts (no action):", "31"))
            lines += plan.conflicts.map { "  ! \(TerminalText.escape($0))" }
        }
        if plan.held, let reason = plan.heldReason {
            lines.append("")
            lines.append(console.paint("Held by the deletion guard: ", "31") + TerminalText.escape(reason))
        }
        lines.append("")
        lines.append(console.paint(plan.summary.line, "1"))
        return lines.drop { $0.isEmpty }.joined(separator: "\n")
    }

    static func json(_ plan: Plan, id: String) throws -> String {
        struct Document: Encodable {
            var id: String
            var plan: Plan
            func encode(to encoder: Encoder) throws {
                try plan.encode(to: encoder)
                var c = encoder.container(keyedBy: Key.self)
                try c.encode(id, forKey: .id)
            }
            enum Key: String, CodingKey { case id }
        }
        return try JSONOutput.render(Document(id: id, plan: plan))
    }
}
