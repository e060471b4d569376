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

    /// One rule's verdict. `step` is the rule's number in docs/sync-rules.md order; a step that
    /// continues the one before (leavers under scope) is indented in the text.
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
}

enum ExplainView {
    static func text(_ explanation: Explanation) -> [String] {
        var out = ["Personio employee \(explanation.person.personioID): \(explanation.person.name)"]
        for step in explanation.steps {
            let head = (step.indented ? "   " : "\(step.step). ") + step.rule
            out += step.verdictBelow ? [head, "   → " + step.verdict] : [head + step.separator + step.verdict]
        }
        out.append(explanation.actions.isEmpty ? "8. actions: none" : "8. actions:")
        for action in explanation.actions { out.append("   \(action.kind): \(action.reason)") }
        for note in explanation.warnings { out.append("   ! \(note)") }
        return out
    }

    static func model(for employee: Employee, _ input: Planner.Input, plan: Plan) -> Explanation {
        let sync = input.config.sync
        typealias Step = Explanation.Step
        var steps: [Step] = []
        let status = employee.status
        steps.append(
            Step(step: 1, rule: "status '\(status ?? "missing")'", verdict: "\(StatusClass.of(status).rawValue) (docs/sync-rules.md §1)", separator: " → "))
        if sync.filters.isEmpty {
            steps.append(Step(step: 2, rule: "filters", verdict: "none configured"))
        } else {
            for (index, filter) in sync.filters.enumerated() {
                steps.append(
                    Step(step: 2, rule: "sync.filters[\(index)] \(describe(filter))", verdict: FilterRule.passes(filter, employee) ? "passes" : "fails"))
            }
        }
        let decision = ScopeRule.decide(employee, sync)
        steps.append(Step(step: 3, rule: "in scope", verdict: describe(decision)))
        if let days = sync.prestartDays, let from = PrestartRule.waitsUntil(employee, days: days, today: input.today) {
            steps.append(
                Step(
                    step: 3, rule: "pre-start window", verdict: "onboarding, created from \(from) (\(days) days before the hire date, sync.prestart_days)",
                    indented: true))
        }
        steps.append(Step(step: 3, rule: "leavers", verdict: leaverRule(employee, input), indented: true))
        let index = MatchIndex(lms: input.lms, employees: input.employees.values)
        let mail = employee.email.map(MatchRule.normalize)
        let keys =
            "match by email \(mail ?? "(none)"): \(mail.flatMap { index.usersByMail[$0] } ?? "no user"); by external id \(employee.id): \(index.usersByPersonioID[String(employee.id)] ?? "no mapping"); order \(sync.match.map(\.rawValue).joined(separator: ", "))"
        steps.append(Step(step: 4, rule: keys, verdict: describe(MatchRule.match(employee, index, order: sync.match)), verdictBelow: true))
        let tree = GroupTree(input.lms.groups)
        for (number, entry) in sync.groups.enumerated() {
            if let placement = GroupPlacement.place(employee, in: entry, tree: tree) {
                let stop = placement.stoppedAt.map { ", stopped at \($0.attribute) = \($0.value.map { "'\($0)'" } ?? "(none)"): no such group" } ?? ""
                steps.append(
                    Step(
                        step: 5, rule: "sync.groups[\(number)]",
                        verdict:
                            "learner of \(tree.groups[placement.groupID]?.name ?? placement.groupID) (\(placement.depth) of \(entry.hierarchy.count) levels\(stop))"
                    ))
            } else {
                steps.append(Step(step: 5, rule: "sync.groups[\(number)]", verdict: "not placed (the group's filter fails or the group does not exist)"))
            }
        }
        if case .matched(let userID, _) = MatchRule.match(employee, index, order: sync.match), let user = input.lms.users[userID] {
            for field in LMSField.allCases {
                let actual = field.read(user)
                let desired: String =
                    switch FieldMapping.desired(field, of: employee) {
                    case .value(let v): "'\(v)'"
                    case .clear: "(empty)"
                    case .unknown: "(\(field.personioKey) not in the payload: left as is)"
                    }
                steps.append(Step(step: 6, rule: field.rawValue, verdict: "Personio \(desired), 360Learning \(actual.map { "'\($0)'" } ?? "(empty)")"))
            }
        }
        if let supervisor = employee.supervisorID {
            let boss = input.employees[supervisor]
            steps.append(
                Step(
                    step: 7, rule: "supervisor #\(supervisor)",
                    verdict: boss.map { "\($0.displayName), \(ScopeRule.decide($0, sync) == .wanted ? "wanted" : "not wanted")" }
                        ?? "not in the Personio snapshot"))
        } else {
            steps.append(Step(step: 7, rule: "supervisor", verdict: "none"))
        }
        let actions = plan.actions.filter { $0.personioID == employee.id }.map { Explanation.Action(kind: $0.kind.rawValue, reason: $0.reason) }
        let warnings = (plan.warnings + plan.conflicts).filter { $0.subject?.personioID == employee.id }.map(\.message)
        return Explanation(
            person: .init(personioID: employee.id, name: employee.displayName, email: employee.email, status: status),
            steps: steps, actions: actions, warnings: warnings)
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

    static func describe(_ filter: EmployeeFilter) -> String {
        switch filter {
        case .any(let parts): "any of [\(parts.map(describe).joined(separator: "; "))]"
        case .all(let parts): "all of [\(parts.map(describe).joined(separator: "; "))]"
        case .condition(let attribute, let op): "\(attribute) \(op)"
        }
    }

    static func describe(_ decision: ScopeRule.Decision) -> String {
        switch decision {
        case .wanted: "yes, wanted (created or updated)"
        case .leaver: "yes, a leaver (deleted if matched)"
        case .filteredOut: "no, filtered out (not created, updated or deleted)"
        case .invalidStatus: "no, skipped with a warning"
        }
    }

    static func describe(_ outcome: MatchRule.Outcome) -> String {
        switch outcome {
        case .matched(let user, let key): "matched 360Learning user \(user) by \(key.rawValue)"
        case .unmatched: "no 360Learning user: created if wanted"
        case .conflict(let a, let b): "conflict: email → \(a), external id → \(b); no action"
        case .sharedEmail(let mail): "conflict: another employee has \(mail); no action"
        case .ambiguousEmail(let mail, let users): "conflict: 360Learning users \(users.joined(separator: ", ")) have \(mail) in different case; no action"
        }
    }
}
