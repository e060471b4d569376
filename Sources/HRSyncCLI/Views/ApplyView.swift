import Foundation
import HRSyncCore
import HRSyncStore

/// What an apply did: a summary line, and every failed action with the vendor's error.
enum ApplyView {
    /// Every action of an apply with its outcome and before → after: what `show` prints to undo by hand.
    static func details(_ record: ApplyRecord) -> String {
        var lines = ["apply of plan \(record.plan.prefix(12)): \(Plural.count(record.results.count, "action"))"]
        for result in record.results {
            let action = result.action
            var line = "\(result.status.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)) \(action.kind.rawValue) \(who(action))"
            if let user = result.userID { line += " [user \(user)]" }
            let change = changes(action.change)
            if !change.isEmpty { line += "  \(change)" }
            if let error = result.error { line += "  (\(error))" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    static func who(_ action: PlanAction) -> String {
        if case .createField(let name, _) = action.change { return "field \(name)" }
        if case .deleteField(_, let name) = action.change { return "field \(name)" }
        return action.person.map(PlanView.describe) ?? "?"
    }

    /// The change in one line: "job: A → B", "group=g1", …
    static func changes(_ change: PlanAction.Change) -> String {
        func text(_ value: String?) -> String { value ?? "∅" }
        func list(_ values: [CustomValue]) -> String {
            "[" + values.map { "\($0.field.existingID ?? "new field \($0.field)")=\($0.value)" }.joined(separator: ", ") + "]"
        }
        return switch change {
        case .createField(let name, let type): "name=\(name), type=\(type)"
        case .createUser(let new):
            (["mail=\(new.mail)", "group=\(new.group)"] + new.fields.sorted { $0.key < $1.key }.map { "\($0.key.rawValue)=\($0.value)" }
                + (new.deactivateAt.map { ["toBeDeactivatedAt=\($0)"] } ?? [])).joined(separator: ", ")
        case .restoreUser(let mail, let group): "status: deleted → invited, mail=\(mail), group=\(text(group))"
        case .createMapping(let id): "personio=\(id)"
        case .updateUser(let fields): fields.map { "\($0.field.rawValue): \(text($0.before)) → \(text($0.after))" }.joined(separator: ", ")
        case .setCustomValues(let before, let after): "custom values: \(list(before)) → \(list(after))"
        case .setDeactivation(let before, let after): "toBeDeactivatedAt: \(text(before)) → \(text(after))"
        case .addRole(let group): "+ learner in \(group)"
        case .removeRole(let group): "- learner in \(group)"
        case .addManager(.existing(let id)): "+ manager \(id)"
        case .addManager(.created(let personioID)): "+ manager created for #\(personioID)"
        case .removeManager(let id): "- manager \(id)"
        case .deleteUser(let status): "status: \(status) → deleted"
        case .deleteMapping(let id, let personioID): "- mapping personio=\(personioID) (\(id))"
        case .deleteField(let id, let name): "- custom field \(name) (\(id))"
        }
    }

    static func text(_ record: ApplyRecord, id: ObjectID, console: Console) -> String {
        let outcome = record.outcome
        let count = { (status: ApplyRecord.Status) in outcome[status] ?? 0 }
        var lines = [
            "Apply \(id.short): \(count(.done)) done, \(count(.alreadyDone)) already done, \(count(.failed)) failed, \(count(.skipped)) skipped\(count(.held) > 0 ? ", \(count(.held)) held" : "")."
        ]
        for result in record.results where [.failed, .skipped, .held].contains(result.status) {
            let why =
                result.isHeld
                ? result.error.flatMap { $0.hasPrefix("held by the blanking guard") ? $0 : nil } ?? "held by the deletion guard" : result.error ?? "failed"
            lines.append(console.paint("  ! \(result.action.kind.rawValue) \(who(result.action)): \(TerminalText.escape(why))", "31"))
        }
        lines.append("See 'hrsync show \(id.short)' for every action with before and after.")
        return lines.joined(separator: "\n")
    }
}
