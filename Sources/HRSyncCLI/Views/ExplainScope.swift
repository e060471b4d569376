import HRSyncCore

/// `explain`'s §1 (scope): the status, each filter as hrsync.yaml writes it, the verdict, and for
/// someone out of scope why and what would include them (the explanation ends there).
extension ExplainView {
    /// §1: status, each filter, the verdict; for someone out of scope, why and what would include them.
    static func scopeSteps(_ employee: Employee, _ decision: ScopeRule.Decision, _ input: Planner.Input) -> [Explanation.Step] {
        typealias Step = Explanation.Step
        let sync = input.config.sync
        let status = employee.status
        var steps = [Step(step: 1, rule: "status '\(status ?? "missing")'", verdict: StatusClass.of(status).rawValue, separator: " → ")]
        if case .invalidStatus = decision {
            steps.append(
                Step(
                    step: 1, rule: "in scope",
                    verdict: "no, \(status.map { "'\($0)' is not a status hrsync knows" } ?? "Personio sent no status"): skipped with a warning"))
            steps.append(
                Step(
                    step: 1, rule: "to include them", verdict: "a status of active, onboarding or leave (or inactive for a leaver) in Personio", indented: true)
            )
            return steps
        }
        let leaverUnfiltered = StatusClass.of(status) == .leaver && !sync.filtersApplyToLeavers
        if sync.filters.isEmpty {
            steps.append(Step(step: 1, rule: "sync.filters", verdict: "none configured"))
        } else if leaverUnfiltered {
            steps.append(Step(step: 1, rule: "sync.filters", verdict: "not applied to leavers (sync.filters_apply_to_leavers: false)"))
        } else {
            for (index, filter) in sync.filters.enumerated() {
                let passes = FilterRule.passes(filter, employee)
                steps.append(
                    Step(step: 1, rule: "sync.filters[\(index)] \(filter.yaml)", verdict: "\(passes ? "passes" : "fails") (\(filter.reading(of: employee)))"))
            }
        }
        guard decision == .filteredOut else {
            steps.append(Step(step: 1, rule: "in scope", verdict: describe(decision)))
            if let days = sync.prestartDays, let from = PrestartRule.waitsUntil(employee, days: days, today: input.today) {
                steps.append(
                    Step(
                        step: 1, rule: "pre-start window",
                        verdict: "onboarding, created from \(from) (\(days) days before the hire date, sync.prestart_days)", indented: true))
            }
            return steps
        }
        let failing = sync.filters.indices.filter { !FilterRule.passes(sync.filters[$0], employee) }
        steps.append(
            Step(
                step: 1, rule: "in scope",
                verdict:
                    "no, filtered out by \(failing.map { "sync.filters[\($0)]" }.joined(separator: " and ")): not created, updated or deleted; the rules after §1 do not apply"
            ))
        let include = failing.map { sync.filters[$0].wouldHoldIf }.joined(separator: ", and ")
        steps.append(
            Step(
                step: 1, rule: "to include them",
                verdict: "\(include) in Personio, or a change to \(failing.map { "sync.filters[\($0)]" }.joined(separator: " and ")) in hrsync.yaml",
                indented: true))
        return steps
    }

    static func describe(_ decision: ScopeRule.Decision) -> String {
        switch decision {
        case .wanted: "yes, wanted: created or updated"
        case .leaver: "yes, a leaver: deleted if matched (§7)"
        case .filteredOut: "no, filtered out (not created, updated or deleted)"
        case .invalidStatus: "no, skipped with a warning"
        }
    }
}
