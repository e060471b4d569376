import Foundation

/// The indexes `PlanContext` builds before it walks the employees: the matches of a part of
/// them, the supervisors' loops by position, the ownership by user.
extension PlanContext {
    /// Some employees' matches, whether each is mapped, and the live users they match.
    struct Matched {
        var outcomes: [MatchRule.Outcome] = []
        var mapped: [Bool] = []
        var synced = Set<String>()
    }

    /// Matches `employees` (§2). A function of its own, its arguments borrowed: in the closure that
    /// captured the index, each employee retained and released every table of it, tables both
    /// halves share (an atomic count two cores take turns at).
    static func match(_ employees: ArraySlice<Employee>, _ index: MatchIndex, order: [MatchKey]) -> Matched {
        var matched = Matched()
        matched.outcomes.reserveCapacity(employees.count)
        matched.mapped.reserveCapacity(employees.count)
        matched.synced.reserveCapacity(employees.count)
        for employee in employees {
            let byExternalID = index.user(byPersonioID: employee.id)
            let outcome = MatchRule.match(employee, index, order: order, byExternalID: byExternalID)
            matched.outcomes.append(outcome)
            matched.mapped.append(byExternalID != nil)
            if case .matched(let user, _) = outcome, !index.deletedUsers.contains(user) { matched.synced.insert(user) }
        }
        return matched
    }

    /// Loops among supervisors (`supervisors[n]` is the supervisor of `ids[n]`), by position in the
    /// sorted `ids` (a supervisor outside them ends a walk).
    static func supervisorCycles(ids: [Int], supervisors: [Int?]) -> [[Int]] {
        supervisorCycles(ids: ids, successors: supervisors.map { $0.flatMap { position(of: $0, in: ids) } })
    }

    /// As `supervisorCycles(ids:supervisors:)`, the supervisors given by position in `ids`.
    static func supervisorCycles(ids: [Int], successors: [Int?]) -> [[Int]] {
        Cycles.find(successors: successors).map { $0.map { ids[$0] } }
    }

    /// Where `id` is in the sorted `ids`; nil when it is not there.
    static func position(of id: Int, in ids: [Int]) -> Int? {
        var (low, high) = (0, ids.count)
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low < ids.count && ids[low] == id ? low : nil
    }

    /// `ownership` by user: user → groups of the learner roles hrsync added, user → managers it linked.
    static func index(_ ownership: Ownership) -> (groups: [String: [String]], managers: [String: [String]]) {
        var groups: [String: [String]] = [:], managers: [String: [String]] = [:]
        groups.reserveCapacity(ownership.learnerRoles.count)
        managers.reserveCapacity(ownership.managerLinks.count)
        for role in ownership.learnerRoles { groups[role.user, default: []].append(role.group) }
        for link in ownership.managerLinks { managers[link.user, default: []].append(link.manager) }
        for (user, list) in groups where list.count > 1 { groups[user] = list.sorted() }
        for (user, list) in managers where list.count > 1 { managers[user] = list.sorted() }
        return (groups, managers)
    }
}
