import Foundation
import HRSyncCore

/// `explain PERSON`: each rule's verdict for one employee, in the order the planner applies
/// them. One model, two renderings: the text lines and `--json`.
struct Explanation: Encodable {
    struct Person: Encodable {
        var personioID: Int
        var name: String
        var email: String?
        var status: String?
        enum CodingKeys: String, CodingKey { case personioID = "personio_id", name, email, status }
    }

    /// One rule's verdict. `step` is the rule's section of docs/sync-rules.md (§1–§7); a step that
    /// continues the one before (the pre-start window, what would include them) is indented in the text.
    struct Step: Encodable {
        var step: Int
        var rule: String
        var verdict: String
        var separator = ": "
        var indented = false
        /// The verdict on a line of its own, under the rule (the match's keys are long).
        var verdictBelow = false
        enum CodingKeys: String, CodingKey { case step, rule, verdict }
    }

    struct Action: Encodable {
        var kind: String
        var reason: String
    }

    var person: Person
    var steps: [Step]
    var actions: [Action]
    var warnings: [String]
    /// `explain --as-of DAY`: the day the date rules took as today (a preview); nil for today.
    var asOf: String?

    enum CodingKeys: String, CodingKey { case asOf = "as_of", person, steps, actions, warnings }
}

enum ExplainView {
    static func text(_ explanation: Explanation) -> [String] {
        var out: [String] = []
        if let day = explanation.asOf {
            out.append("Preview as of \(day) (--as-of): today's data, the date rules taking that day as today")
        }
        out.append("Personio employee \(explanation.person.personioID): \(explanation.person.name)")
        for step in explanation.steps {
            let head = (step.indented ? "   " : "§\(step.step) ") + step.rule
            out += step.verdictBelow ? [head, "   → " + step.verdict] : [head + step.separator + step.verdict]
        }
        out.append(explanation.actions.isEmpty ? "→ actions: none" : "→ actions:")
        for action in explanation.actions { out.append("   \(action.kind): \(action.reason)") }
        for note in explanation.warnings { out.append("   ! \(note)") }
        return out
    }

    /// One step per rule, numbered by its section of docs/sync-rules.md (§1 scope, §2 matching,
    /// §3 fields, §4 custom fields, §5 groups, §6 managers, §7 leavers). Someone out of scope (§1)
    /// ends there: the rules after it do not apply to them.
    static func model(for employee: Employee, _ input: Planner.Input, plan: Plan) -> Explanation {
        let sync = input.config.sync
        typealias Step = Explanation.Step
        let decision = ScopeRule.decide(employee, sync)
        var steps = scopeSteps(employee, decision, input)
        let actions = plan.actions.filter { $0.personioID == employee.id }.map { Explanation.Action(kind: $0.kind.rawValue, reason: $0.reason) }
        // Their own notes, and an identity change that pairs them with someone else (§2): the leaver too.
        let warnings = (plan.warnings + plan.conflicts).filter {
            $0.subject?.personioID == employee.id || ($0.kind == .identityChange && $0.concerns(personioID: employee.id))
        }.map(\.message)
        let person = Explanation.Person(personioID: employee.id, name: employee.displayName, email: employee.email, status: employee.status)
        guard decision == .wanted || decision == .leaver else {
            return Explanation(person: person, steps: steps, actions: actions, warnings: warnings)
        }
        let index = MatchIndex(lms: input.lms, employees: input.employees.values)
        let mail = employee.email.map(MatchRule.normalize)
        let keys =
            "match by email \(mail ?? "(none)"): \(mail.flatMap { index.usersByMail[$0] } ?? "no user"); by external id \(employee.id): \(index.user(byPersonioID: employee.id) ?? "no mapping"); order \(sync.match.map(\.rawValue).joined(separator: ", "))"
        let match = MatchRule.match(employee, index, order: sync.match)
        steps.append(Step(step: 2, rule: keys, verdict: describe(match, decision), verdictBelow: true))
        if case .matched(let userID, _) = match, let user = input.lms.users[userID] {
            for field in LMSField.allCases {
                let actual = field.read(user)
                let wanted = FieldMapping.desired(field, of: employee)
                let desired: String =
                    switch wanted {
                    case .value(let v): "'\(v)'"
                    case .clear: "(empty)"
                    case .unknown: "(\(field.personioKey) not in the payload: left as is)"
                    }
                let shown = "Personio \(desired), 360Learning \(actual.map { "'\($0)'" } ?? "(empty)")"
                let verdict =
                    sync.fields[OwnedField(field)].map {
                        owned($0, personio: desired, actual: actual, differs: differs(wanted, actual), restored: user.status == "deleted", shown: shown)
                    } ?? shown
                steps.append(Step(step: 3, rule: field.rawValue, verdict: verdict))
            }
            steps += customFieldSteps(employee, user: user, input)
        } else if decision == .wanted {
            // Not matched: the user is created; say what it is created with.
            for field in LMSField.allCases {
                switch sync.fields[OwnedField(field)] {
                case .createOnly?:
                    steps.append(Step(step: 3, rule: field.rawValue, verdict: "create_only (sync.fields): set on create, then 360Learning owns it"))
                case .never?: steps.append(Step(step: 3, rule: field.rawValue, verdict: "never (sync.fields): not synced, not sent on create"))
                default: break
                }
            }
        }
        let tree = GroupTree(input.lms.groups)
        for (number, entry) in sync.groups.enumerated() {
            let rule = "sync.groups[\(number)]"
            if let placement = GroupPlacement.place(employee, in: entry, tree: tree) {
                let stop = placement.stoppedAt.map { ", stopped at \($0.attribute) = \($0.value.map { "'\($0)'" } ?? "(none)"): no such group" } ?? ""
                let path = tree.path(of: placement.groupID) ?? tree.groups[placement.groupID]?.name ?? placement.groupID
                steps.append(Step(step: 5, rule: rule, verdict: "learner of \(path) (\(placement.depth) of \(entry.hierarchy.count) levels\(stop))"))
            } else if tree.groups[entry.id] == nil {
                steps.append(Step(step: 5, rule: rule, verdict: "not placed: the group \(entry.id) is not on the platform"))
            } else if let filter = entry.filter {
                steps.append(Step(step: 5, rule: rule, verdict: "not placed: its filter \(filter.yaml) fails (\(filter.reading(of: employee)))"))
            }
        }
        if let line = linkOwnership(.group, employee, index, input) { steps.append(Step(step: 5, rule: "group", verdict: line)) }
        if let supervisor = employee.supervisorID {
            let boss = input.employees[supervisor]
            steps.append(
                Step(
                    step: 6, rule: "supervisor #\(supervisor)",
                    verdict: boss.map { "\($0.displayName), \(ScopeRule.decide($0, sync) == .wanted ? "wanted" : "not wanted")" }
                        ?? "not in the Personio snapshot"))
        } else {
            steps.append(Step(step: 6, rule: "supervisor", verdict: "none"))
        }
        if let line = linkOwnership(.manager, employee, index, input) { steps.append(Step(step: 6, rule: "manager", verdict: line)) }
        steps.append(Step(step: 7, rule: "leavers", verdict: leaverRule(employee, input)))
        return Explanation(person: person, steps: steps, actions: actions, warnings: warnings)
    }

    /// A field with an ownership in `sync.fields`: whether the difference (if any) is acted on.
    static func owned(_ ownership: FieldOwnership, personio: String, actual: String?, differs: Bool, restored: Bool, shown: String) -> String {
        let theirs = actual.map { "'\($0)'" } ?? "(empty)"
        switch ownership {
        case .always:
            return "always (sync.fields): \(shown)\(differs ? ": updated, Personio owns it" : "")"
        case .createOnly where restored:
            return "create_only (sync.fields): \(shown)\(differs ? ": set, as the user is restored" : "")"
        case .createOnly:
            return differs
                ? "create_only (sync.fields): Personio has \(personio), 360Learning \(theirs): not updated, 360Learning owns it"
                : "create_only (sync.fields): \(shown)"
        case .never:
            return "never (sync.fields): not synced (Personio \(personio), 360Learning \(theirs))"
        }
    }

    /// Whether Personio's value would change the field, were it synced.
    static func differs(_ wanted: FieldMapping.Desired, _ actual: String?) -> Bool {
        switch wanted {
        case .unknown: false
        case .clear: actual != nil
        case .value(let v): v != actual
        }
    }

    /// `sync.custom_fields` entries with `apply:` other than `always`, for a matched user.
    static func customFieldSteps(_ employee: Employee, user: LMSUserRecord, _ input: Planner.Input) -> [Explanation.Step] {
        var steps: [Explanation.Step] = []
        for (number, mapping) in input.config.sync.customFields.enumerated() where mapping.apply != .always {
            let rule = "custom field \(mapping.name)", origin = "(sync.custom_fields[\(number)].apply)"
            guard mapping.apply == .createOnly else {
                steps.append(Explanation.Step(step: 4, rule: rule, verdict: "never \(origin): not synced"))
                continue
            }
            let definition = input.lms.fields.values.first { $0.name == mapping.name }
            let personio = CustomFieldRule.value(employee[mapping.personioKey], type: definition?.type ?? "string")
            let actual = definition.flatMap { field in user.customValues?.first { $0.fieldID == field.id }?.value }
            let shown = "Personio \(personio.map { "'\($0)'" } ?? "(empty)"), 360Learning \(actual.map { "'\($0)'" } ?? "(empty)")"
            let verdict: String
            if user.status == "deleted" {
                verdict = "create_only \(origin): \(shown): set, as the user is restored"
            } else if personio != actual && employee[mapping.personioKey] != nil {
                verdict =
                    "create_only \(origin): Personio has \(personio.map { "'\($0)'" } ?? "(empty)"), 360Learning \(actual.map { "'\($0)'" } ?? "(empty)"): not updated, 360Learning owns it"
            } else {
                verdict = "create_only \(origin): \(shown)"
            }
            steps.append(Explanation.Step(step: 4, rule: rule, verdict: verdict))
        }
        return steps
    }

    /// `sync.fields.group` / `.manager` other than `always`: what the plan does not do.
    static func linkOwnership(_ field: OwnedField, _ employee: Employee, _ index: MatchIndex, _ input: Planner.Input) -> String? {
        guard let ownership = input.config.sync.fields[field], ownership != .always else { return nil }
        let what = field == .group ? "learner roles" : "manager links"
        if ownership == .never { return "never (sync.fields): \(what) are not added or removed" }
        if case .matched(let userID, _) = MatchRule.match(employee, index, order: input.config.sync.match),
            input.lms.users[userID]?.status != "deleted"
        {
            return "create_only (sync.fields): the user exists: \(what) are not added or removed, 360Learning owns them"
        }
        return "create_only (sync.fields): set when the user is created or restored, then 360Learning owns them"
    }

    /// The leaver rule that applies (docs/sync-rules.md §7), with the date it acts on.
    static func leaverRule(_ employee: Employee, _ input: Planner.Input) -> String {
        let sync = input.config.sync
        let termination = employee[PersonioKey.terminationDate].flatMap { value -> String? in
            if case .date(let day) = value { return day } else { return nil }
        }
        switch (sync.leavers, ScopeRule.decide(employee, sync)) {
        case (.delete, .leaver):
            return "sync.leavers: delete: inactive in Personio, the user is deleted"
        case (.delete, _):
            return "sync.leavers: delete: deleted once Personio marks the employee inactive"
        case (.deactivateOnTerminationDate, .leaver):
            return
                "sync.leavers: deactivate_on_termination_date: inactive in Personio\(termination.map { " (termination date \($0))" } ?? ""): the user is deleted unless 360Learning already deactivated it"
        case (.deactivateOnTerminationDate, _):
            switch LeaverRule.outcome(for: employee, mode: sync.leavers, today: input.today, zone: sync.timeZone) {
            case .none: return "sync.leavers: deactivate_on_termination_date: no termination date in Personio, no deactivation scheduled"
            case .deactivate(let day, let at):
                return "sync.leavers: deactivate_on_termination_date: termination date \(day): deactivated at \(at) (the end of that day in \(sync.timezone))"
            case .dayPassed(let day):
                return "sync.leavers: deactivate_on_termination_date: termination date \(day) has passed: the user is deleted unless already deactivated"
            }
        }
    }

    static func describe(_ outcome: MatchRule.Outcome, _ decision: ScopeRule.Decision) -> String {
        switch outcome {
        case .matched(let user, let key): "matched 360Learning user \(user) by \(key.rawValue)"
        case .unmatched: decision == .leaver ? "no 360Learning user: nothing to delete" : "no 360Learning user: one is created"
        case .conflict(let a, let b): "conflict: email → \(a), external id → \(b); no action"
        case .sharedEmail(let mail): "conflict: another employee has \(mail); no action"
        case .ambiguousEmail(let mail, let users): "conflict: 360Learning users \(users.joined(separator: ", ")) have \(mail) in different case; no action"
        }
    }
}
