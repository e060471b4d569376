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

extension PlanContext {
    /// Gives this context copies of its own of the small tables every employee reads: the group
    /// tree, the group entries and the configured fields, down to their texts. Shared by both
    /// halves of a pass, each employee's retains and releases of the same objects were atomic
    /// counts the two cores took turns at. Equal by value: the plan is the same.
    mutating func takeOwnCopies() {
        tree = GroupTree(Dictionary(uniqueKeysWithValues: input.lms.groups.map { ($0.key.ownCopy, $0.value.ownCopy) }))
        groupEntries = groupEntries.map { GroupSync(id: $0.id.ownCopy, hierarchy: $0.hierarchy.map(\.ownCopy), filter: $0.filter) }
        fields = fields.map {
            ConfiguredField(key: $0.key.ownCopy, ref: $0.ref.ownCopy, name: $0.name.ownCopy, type: $0.type.ownCopy, apply: $0.apply)
        }
    }
}

extension String {
    /// The same text in storage of its own (a short text is stored inline and has none).
    var ownCopy: String { String(decoding: Array(utf8), as: UTF8.self) }
}

extension LMSGroupRecord {
    /// The same group, its texts in storage of their own.
    var ownCopy: LMSGroupRecord { LMSGroupRecord(id: id.ownCopy, name: name.ownCopy, parentID: parentID?.ownCopy, isPublic: isPublic) }
}

extension FieldRef {
    /// The same reference, its text in storage of its own.
    var ownCopy: FieldRef {
        switch self {
        case .existing(let id): .existing(id.ownCopy)
        case .created(let name): .created(name: name.ownCopy)
        }
    }
}
