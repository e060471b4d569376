import Foundation
import HRSyncCore
import HRSyncStore

/// What an apply did: a summary line, and every failed action with the vendor's error.
enum ApplyView {
    /// Every action of an apply with its outcome and before → after: what `show` prints to undo by hand.
    /// Unescaped (`show` escapes each line). Groups, custom fields and managers are named by `names`
    /// (the plan's view, see `names(of:in:)`), with their ids too when `verbose`; by id without it.
    static func details(_ record: ApplyRecord, names: PlanView? = nil, verbose: Bool = false) -> String {
        var lines = ["apply of plan \(record.plan.prefix(12)): \(Plural.count(record.results.count, "action"))"]
        for result in record.results {
            let action = result.action
            var line = "\(result.status.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)) \(action.kind.rawValue) \(who(action))"
            if let user = result.userID, names == nil || verbose { line += " [user \(user)]" }
            let change = changes(action.change, names: names, verbose: verbose)
            if !change.isEmpty { line += "  \(change)" }
            if let error = result.error { line += "  (\(error))" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// Who an action is for, unescaped: "Ada Lovelace <ada@acme.example> (#12)" or "field NAME".
    static func who(_ action: PlanAction) -> String {
        if case .createField(let name, _) = action.change { return "field \(name)" }
        if case .deleteField(_, let name) = action.change { return "field \(name)" }
        return action.person.map(PlanView.label) ?? "?"
    }

    /// The change in one line, unescaped: "job: A → B", "+ learner in Berlin › Sales", … Names as the
    /// plan printed them when `names` is given (ids too when `verbose`), else the ids (`--json`).
    static func changes(_ change: PlanAction.Change, names: PlanView? = nil, verbose: Bool = false) -> String {
        func text(_ value: String?) -> String { value ?? "∅" }
        func named(_ label: String?, _ id: String) -> String {
            guard let label, label != id else { return id }
            return verbose ? "\(label) [\(id)]" : label
        }
        func group(_ id: String?) -> String { id.map { named(names?.groupLabel($0), $0) } ?? "∅" }
        func user(_ id: String) -> String { named(names?.userLabel(.existing(id)), id) }
        func field(_ ref: FieldRef) -> String {
            if let names { return named(names.fieldLabel(ref), ref.existingID ?? "new field") }
            return ref.existingID ?? "new field \(ref)"
        }
        func list(_ values: [CustomValue]) -> String {
            "[" + values.map { "\(field($0.field))=\($0.value)" }.joined(separator: ", ") + "]"
        }
        return switch change {
        case .createField(let name, let type): "name=\(name), type=\(type)"
        case .createUser(let new):
            (["mail=\(new.mail)", "group=\(group(new.group))"] + new.fields.sorted { $0.key < $1.key }.map { "\($0.key.rawValue)=\($0.value)" }
                + (new.deactivateAt.map { ["toBeDeactivatedAt=\($0)"] } ?? [])).joined(separator: ", ")
        case .restoreUser(let mail, let placement): "status: deleted → invited, mail=\(mail), group=\(group(placement))"
        case .createMapping(let id): "personio=\(id)"
        case .updateUser(let fields): fields.map { "\($0.field.rawValue): \(text($0.before)) → \(text($0.after))" }.joined(separator: ", ")
        case .setCustomValues(let before, let after): "custom values: \(list(before)) → \(list(after))"
        case .setDeactivation(let before, let after): "toBeDeactivatedAt: \(text(before)) → \(text(after))"
        case .addRole(let id): "+ learner in \(group(id))"
        case .removeRole(let id): "- learner in \(group(id))"
        case .addManager(.existing(let id)): "+ manager \(user(id))"
        case .addManager(.created(let personioID)):
            names.map { "+ manager \($0.userLabel(.created(personioID: personioID)))" } ?? "+ manager created for #\(personioID)"
        case .removeManager(let id): "- manager \(user(id))"
        case .deleteUser(let status): "status: \(status) → deleted"
        case .deleteMapping(let id, let personioID): "- mapping personio=\(personioID) (\(id))"
        case .deleteField(let id, let name): "- custom field \(name) (\(id))"
        }
    }

    /// The plan view that names what `record` did as its plan named it: the plan, and the 360Learning
    /// snapshot it was planned on (ids forget or gc rewrote read where they now are). Nil when the plan
    /// is no longer stored; an unreadable snapshot leaves only the names the plan itself has.
    static func names(of record: ApplyRecord, in state: StateDirectory, history: History?) -> PlanView? {
        func current(_ hex: String) -> ObjectID? {
            ObjectID(hex: hex).flatMap { id in history.map { $0.currentID(of: id) } ?? id }
        }
        guard let planID = current(record.plan), let payload = try? state.objects.get(planID, as: .plan),
            let plan = try? CanonicalJSON.decode(Plan.self, from: payload)
        else { return nil }
        let keys = LMSSnapshotRecords.namingKeys(users: plan.learning360IDs)
        let lms = current(plan.learning360Snapshot).flatMap { try? LMSSnapshotRecords.decode(state.snapshots.read($0, keys: keys).records) }
        return PlanView(plan, lms: lms ?? LMSState(), console: Console())
    }

    /// Failed actions listed by name before the rest is counted.
    static let listed = 20

    static func text(_ record: ApplyRecord, id: ObjectID, console: Console) -> String {
        let outcome = record.outcome
        let count = { (status: ApplyRecord.Status) in outcome[status] ?? 0 }
        var lines = [
            "Apply \(id.short): \(count(.done)) done, \(count(.alreadyDone)) already done, \(count(.failed)) failed, \(count(.skipped)) skipped\(count(.held) > 0 ? ", \(count(.held)) held" : "")."
        ]
        // Failures each (up to a page); held actions one line per reason with a count and a few people:
        // a mass termination held by the guard mails a few lines, not one per leaver.
        let failed = record.results.filter { ($0.status == .failed || $0.status == .skipped) && !$0.isHeld }
        for result in failed.prefix(Self.listed) {
            lines.append(
                console.paint(
                    "  ! \(result.action.kind.rawValue) \(TerminalText.escape(who(result.action))): \(TerminalText.escape(result.error ?? "failed"))", "31"))
        }
        if failed.count > Self.listed { lines.append(console.paint("  ! … and \(failed.count - Self.listed) more not applied", "31")) }
        var heldOrder: [String] = [], held: [String: [ApplyRecord.Result]] = [:]
        for result in record.results where result.isHeld {
            let why = result.error.flatMap { $0.hasPrefix("held by the blanking guard") ? $0 : nil } ?? "held by the deletion guard"
            if held[why] == nil { heldOrder.append(why) }
            held[why, default: []].append(result)
        }
        for why in heldOrder {
            let results = held[why] ?? []
            guard results.count > 1 else {
                lines.append(
                    console.paint("  ! \(results[0].action.kind.rawValue) \(TerminalText.escape(who(results[0].action))): \(TerminalText.escape(why))", "31"))
                continue
            }
            let names = results.prefix(3).map { TerminalText.escape(who($0.action)) }.joined(separator: ", ")
            lines.append(
                console.paint("  ! \(Plural.count(results.count, "action")) \(TerminalText.escape(why)): \(names)\(results.count > 3 ? ", …" : "")", "31"))
        }
        lines.append("See 'hrsync show \(id.short)' for every action with before and after.")
        return lines.joined(separator: "\n")
    }
}
