import Foundation
import HRSyncCore

/// `explain PERSON`: each rule's verdict for one employee, in the order the planner applies them.
enum ExplainView {
    static func lines(for employee: Employee, _ input: Planner.Input, plan: Plan) -> [String] {
        let sync = input.config.sync
        var out: [String] = []
        out.append("Personio employee \(employee.id): \(employee.displayName)")
        let status = employee.status
        out.append("1. status '\(status ?? "missing")' → \(StatusClass.of(status).rawValue) (docs/sync-rules.md §1)")
        if sync.filters.isEmpty {
            out.append("2. filters: none configured")
        } else {
            for (index, filter) in sync.filters.enumerated() {
                out.append("2. sync.filters[\(index)] \(describe(filter)): \(FilterRule.passes(filter, employee) ? "passes" : "fails")")
            }
        }
        let decision = ScopeRule.decide(employee, sync)
        out.append("3. in scope: \(describe(decision))")
        if let days = sync.prestartDays, let from = PrestartRule.waitsUntil(employee, days: days, today: input.today) {
            out.append("   pre-start window: onboarding, created from \(from) (\(days) days before the hire date, sync.prestart_days)")
        }
        out.append("   leavers: \(leaverRule(employee, input))")
        let index = MatchIndex(lms: input.lms, employees: input.employees.values)
        let mail = employee.email.map(MatchRule.normalize)
        out.append("4. match by email \(mail ?? "(none)"): \(mail.flatMap { index.usersByMail[$0] } ?? "no user"); by external id \(employee.id): \(index.usersByPersonioID[String(employee.id)] ?? "no mapping"); order \(sync.match.map(\.rawValue).joined(separator: ", "))")
        out.append("   → \(describe(MatchRule.match(employee, index, order: sync.match)))")
        let tree = GroupTree(input.lms.groups)
        for (number, entry) in sync.groups.enumerated() {
            if let placement = GroupPlacement.place(employee, in: entry, tree: tree) {
                let stop = placement.stoppedAt.map { ", stopped at \($0.attribute) = \($0.value.map { "'\($0)'" } ?? "(none)"): no such group" } ?? ""
                out.append("5. sync.groups[\(number)]: learner of \(tree.groups[placement.groupID]?.name ?? placement.groupID) (\(placement.depth) of \(entry.hierarchy.count) levels\(stop))")
            } else {
                out.append("5. sync.groups[\(number)]: not placed (the group's filter fails or the group does not exist)")
            }
        }
        if case .matched(let userID, _) = MatchRule.match(employee, index, order: sync.match), let user = input.lms.users[userID] {
            for field in LMSField.allCases {
                let actual = field.read(user)
                let desired: String = switch FieldMapping.desired(field, of: employee) {
                case .value(let v): "'\(v)'"
                case .clear: "(empty)"
                case .unknown: "(\(field.personioKey) not in the payload: left as is)"
                }
                out.append("6. \(field.rawValue): Personio \(desired), 360Learning \(actual.map { "'\($0)'" } ?? "(empty)")")
            }
        }
        if let supervisor = employee.supervisorID {
            let boss = input.employees[supervisor]
            out.append("7. supervisor #\(supervisor): \(boss.map { "\($0.displayName), \(ScopeRule.decide($0, sync) == .wanted ? "wanted" : "not wanted")" } ?? "not in the Personio snapshot")")
        } else {
            out.append("7. supervisor: none")
        }
        let actions = plan.actions.filter { $0.personioID == employee.id }
        out.append(actions.isEmpty ? "8. actions: none" : "8. actions:")
        for action in actions { out.append("   \(action.kind.rawValue): \(action.reason)") }
        for note in plan.warnings + plan.conflicts where note.subject?.personioID == employee.id { out.append("   ! \(note.message)") }
        return out
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
            return "sync.leavers: deactivate_on_termination_date: inactive in Personio\(termination.map { " (termination date \($0))" } ?? ""): the user is deleted unless 360Learning already deactivated it"
        case (.deactivateOnTerminationDate, _):
            switch LeaverRule.outcome(for: employee, mode: sync.leavers, today: input.today, zone: sync.timeZone) {
            case .none: return "sync.leavers: deactivate_on_termination_date: no termination date in Personio, no deactivation scheduled"
            case .deactivate(let day, let at): return "sync.leavers: deactivate_on_termination_date: termination date \(day): deactivated at \(at) (the end of that day in \(sync.timezone))"
            case .dayPassed(let day): return "sync.leavers: deactivate_on_termination_date: termination date \(day) has passed: the user is deleted unless already deactivated"
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
        }
    }
}
