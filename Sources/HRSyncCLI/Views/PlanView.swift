import Foundation
import HRSyncCore

/// The plan as hrsync(1) and hrsync-plan(5) describe it (Man/): one block per person (`+` create, `~` update, `-` delete,
/// `↺` restore), then group, manager and custom-field lines, warnings and conflicts, one summary
/// line. Everything from the APIs is escaped; colour only on a terminal.
struct PlanView {
    let plan: Plan
    let lms: LMSState
    let console: Console
    let tree: GroupTree
    let fieldNames: [String: String]
    /// Everyone the plan names, by Personio id (for managers this plan creates).
    let people: [Int: PersonRef]
    /// How much of the plan to print, and which warnings are news.
    let rendering: Rendering

    init(_ plan: Plan, lms: LMSState, console: Console, rendering: Rendering = Rendering()) {
        self.plan = plan
        self.lms = lms
        self.console = console
        self.rendering = rendering
        tree = GroupTree(lms.groups)
        fieldNames = Dictionary(lms.fields.values.map { ($0.id, $0.name) }) { first, _ in first }
        people = Dictionary(plan.actions.compactMap(\.person).map { ($0.personioID, $0) }) { first, _ in first }
    }

    /// The warnings in order, those with the same `groupCause` together (at the first one's place).
    static func warningGroups(_ warnings: [PlanNote]) -> [(cause: String?, notes: [PlanNote])] {
        var order: [String?] = [], singles: [[PlanNote]] = [], byCause: [String: [PlanNote]] = [:]
        for warning in warnings {
            guard let cause = warning.groupCause else {
                order.append(nil)
                singles.append([warning])
                continue
            }
            if byCause[cause] == nil { order.append(cause) }
            byCause[cause, default: []].append(warning)
        }
        var single = singles.makeIterator()
        return order.map { cause in cause.map { ($0, byCause[$0] ?? []) } ?? (nil, single.next() ?? []) }
    }

    /// Warnings that repeat for many employees (the same `groupCause`) as one line per cause with
    /// a count and a few ids; every line with `-v` (and always in --json).
    static func groupedWarnings(_ warnings: [PlanNote], all: Bool, examples: Int = 3) -> [String] {
        guard !all else { return warnings.map(\.message) }
        return warningGroups(warnings).map { cause, notes in
            guard let cause, notes.count > 1 else { return notes[0].message }
            let shown = notes.prefix(examples).map { $0.subject?.tag ?? "?" }.joined(separator: ", ")
            return "\(notes.count) employees: \(cause) (\(shown)\(notes.count > examples ? ", …; -v lists all" : ""))"
        }
    }

    static func text(_ plan: Plan, lms: LMSState, console: Console, rendering: Rendering = Rendering()) -> String {
        PlanView(plan, lms: lms, console: console, rendering: rendering).text()
    }

    func text() -> String {
        var lines: [String] = []
        if let reverts = plan.reverts {
            lines.append(console.paint("Revert of apply \(reverts.prefix(12))", "1") + ": undoes what that apply did and the platform still shows")
            lines.append("")
        }
        if let people = plan.targeted {
            lines.append(
                console.paint("Targeted plan", "1")
                    + " for \(TerminalText.escape(people.joined(separator: ", "))) (--person): only their actions; nobody else was read")
            lines.append("")
        }
        if let day = plan.asOf {
            lines.append(
                console.paint("Preview as of \(day)", "1") + " (--as-of): today's data, the date rules taking that day as today; not saved, cannot be applied")
            lines.append("")
        }
        let blocks = grouped()
        if rendering.summarizes(blocks: blocks.count, console: console) {
            lines += summary(of: blocks)
        } else {
            for actions in blocks {
                lines.append(header(actions))
                for action in actions { lines += details(action) }
            }
        }
        let warnings = warningLines()
        if !warnings.isEmpty {
            lines.append("")
            lines.append(console.paint("Warnings:", "33"))
            lines += warnings
        }
        if !plan.conflicts.isEmpty {
            lines.append("")
            lines.append(console.paint("Conflicts (no action):", "31"))
            lines += plan.conflicts.map { "  ! \(TerminalText.escape($0.message))" }
        }
        if let verdict = plan.held {
            lines.append("")
            lines.append(console.paint("Held by the deletion guard: ", "31") + Self.describe(verdict, preview: rendering.isPreview))
        }
        if !plan.blankingHeld.isEmpty {
            lines.append("")
            lines += plan.blankingHeld.map { console.paint("Held by the blanking guard: ", "31") + Self.describe($0, preview: rendering.isPreview) }
        }
        lines.append("")
        lines.append(console.paint(plan.summary.line, "1"))
        return lines.drop { $0.isEmpty }.joined(separator: "\n")
    }

    /// The actions by person (field definitions each on their own), in plan order.
    func grouped() -> [[PlanAction]] {
        groupedIndices().map { $0.map { plan.actions[$0] } }
    }

    /// The plan's action positions, one group per person (or custom field), in plan order.
    func groupedIndices() -> [[Int]] {
        var order: [String] = [], byKey: [String: [Int]] = [:]
        for (index, action) in plan.actions.enumerated() {
            let key: String
            switch action.change {
            case .createField(let name, _), .deleteField(_, let name): key = "field \(name)"
            default: key = "person \(action.personioID ?? -1)"
            }
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(index)
        }
        return order.map { byKey[$0]! }
    }

    func header(_ actions: [PlanAction]) -> String {
        let kinds = Set(actions.map(\.kind))
        let (symbol, color, verb) =
            kinds.contains(.createField)
            ? ("+", "32", "create custom field")
            : kinds.contains(.deleteField)
                ? ("-", "31", "delete custom field")
                : kinds.contains(.createUser)
                    ? ("+", "32", "create")
                    : kinds.contains(.restoreUser)
                        ? ("↺", "36", "rehire (restore)")
                        : kinds.contains(.deleteUser) ? ("-", "31", "delete") : ("~", "33", "update")
        let name: String
        if case .createField(let field, _) = actions[0].change {
            name = TerminalText.escape(field)
        } else if case .deleteField(let id, let field) = actions[0].change {
            name = "\(TerminalText.escape(field)) (\(id))"
        } else {
            name = actions[0].person.map(Self.describe) ?? "?"
        }
        return console.paint("\(symbol) \(verb)", color) + "  \(name)"
    }

    func details(_ action: PlanAction) -> [String] {
        switch action.change {
        case .createField(_, let type): return ["    type: \(value(type))"]
        case .createUser(let new):
            var lines = ["    mail: \(value(new.mail))"]
            for field in LMSField.allCases { if let text = new.fields[field] { lines.append("    \(field.rawValue): \(value(text))") } }
            if let lang = new.lang { lines.append("    lang: \(value(lang))") }
            if let at = new.deactivateAt { lines.append("    deactivated at: \(value(at)) (the end of the termination day)") }
            return lines + ["    learner in \(group(new.group))"]
        case .restoreUser(_, let placement): return ["    status: \"deleted\" → \"invited\", learner in \(group(placement))"]
        case .setDeactivation(let before, let after): return ["    deactivated at: \(value(before)) → \(value(after))"]
        case .updateUser(let changes): return changes.map { "    \($0.field.rawValue): \(value($0.before)) → \(value($0.after))" }
        case .createMapping(let id): return ["    external id personio = \(value(String(id)))"]
        case .setCustomValues(let before, let after):
            let old = Dictionary(before.map { ($0.field, $0.value) }) { first, _ in first }
            let new = Dictionary(after.map { ($0.field, $0.value) }) { first, _ in first }
            return Set(old.keys).union(new.keys).sorted().compactMap { field in
                old[field] == new[field] ? nil : "    custom field \(name(of: field)): \(value(old[field])) → \(value(new[field]))"
            }
        case .addRole(let id): return [console.paint("    + learner in \(group(id))", "32")]
        case .removeRole(let id): return [console.paint("    - learner in \(group(id))", "31")]
        case .addManager(let manager): return [console.paint("    + manager \(user(manager))", "32")]
        case .removeManager(let manager): return [console.paint("    - manager \(user(.existing(manager)))", "31")]
        case .deleteUser: return ["    \(TerminalText.escape(action.reason))"]
        case .deleteMapping(let id, let personioID): return [console.paint("    - external id personio = \(value(String(personioID))) (\(id))", "31")]
        case .deleteField: return ["    \(TerminalText.escape(action.reason))"]
        }
    }

    func value(_ text: String?) -> String { text.map { "\"\(TerminalText.escape($0))\"" } ?? "(empty)" }

    /// "Berlin › Sales": the path below the root group.
    func group(_ id: String?) -> String {
        TerminalText.escape(groupLabel(id))
    }

    /// A manager by name and mail where the snapshot or the plan knows them.
    func user(_ ref: UserRef) -> String {
        TerminalText.escape(userLabel(ref))
    }

    func name(of field: FieldRef) -> String {
        TerminalText.escape(fieldLabel(field))
    }

    // The names unescaped, for views that escape whole lines (`show` of an apply, `log --person`).

    /// The group's path below the root, or its id when the snapshot does not have it.
    func groupLabel(_ id: String?) -> String {
        id.flatMap(tree.path) ?? id ?? "?"
    }

    /// "Ada Lovelace <ada@acme.example>", "… (created by this plan)", or `user ID` when nobody knows the user.
    func userLabel(_ ref: UserRef) -> String {
        switch ref {
        case .created(let personioID):
            return (people[personioID].map(Self.label) ?? "#\(personioID)") + " (created by this plan)"
        case .existing(let id):
            guard let record = lms.users[id] else { return "user \(id)" }
            let name = [record.firstName, record.lastName].compactMap { $0 }.joined(separator: " ")
            let label = [name.isEmpty ? nil : name, record.mail.map { "<\($0)>" }].compactMap { $0 }.joined(separator: " ")
            return label.isEmpty ? "user \(id)" : label
        }
    }

    /// The custom field's name in the snapshot (or the one the plan creates), else its id.
    func fieldLabel(_ field: FieldRef) -> String {
        switch field {
        case .existing(let id): fieldNames[id] ?? id
        case .created(let name): name
        }
    }

    /// "Ada Lovelace <ada@acme.example> (#12)", escaped for the terminal.
    static func describe(_ person: PersonRef) -> String {
        TerminalText.escape(label(person))
    }

    /// "Ada Lovelace <ada@acme.example> (#12)", unescaped.
    static func label(_ person: PersonRef) -> String {
        var parts: [String] = []
        if !person.name.isEmpty { parts.append(person.name) }
        if let mail = person.email { parts.append(parts.isEmpty ? mail : "<\(mail)>") }
        if parts.isEmpty { return "#\(person.personioID)" }
        return parts.joined(separator: " ") + " (#\(person.personioID))"
    }

    /// A preview's guard names no command: `apply` would run today's plan, not the preview's day.
    static func describe(_ verdict: DeletionGuard.Verdict, preview: Bool = false) -> String {
        let exceed =
            "\(Plural.count(verdict.deletes, "delete")) \(verdict.deletes == 1 ? "exceeds" : "exceed") sync.max_deletes (\(TerminalText.escape(verdict.limit)) of \(verdict.syncedUsers) synced users allows \(verdict.allowed))"
        guard !preview else { return exceed + " (on that day the deletion guard would hold \(Plural.count(verdict.deletes, "delete")))" }
        return exceed + "; run 'hrsync apply --allow-deletes \(verdict.deletes)' if they are real"
    }

    static func describe(_ verdict: BlankingGuard.Verdict, preview: Bool = false) -> String {
        let blanked = TerminalText.escape(BlankingGuard.describe(verdict))
        guard !preview else { return blanked + " (on that day the blanking guard would hold it)" }
        return blanked + "; run 'hrsync apply \(TerminalText.escape(BlankingGuard.allowOptions([verdict.field])))' if it is really empty now"
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
