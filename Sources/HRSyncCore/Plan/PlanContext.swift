import Foundation

/// The planner's working state while it walks the employees.
struct PlanContext {
    let input: Planner.Input
    let parts: any PartsRunner
    let index: MatchIndex
    let tree: GroupTree
    var actions: [PlanAction] = []
    var warnings: [PlanNote] = []
    var conflicts: [PlanNote] = []
    /// Personio id → the 360Learning user it resolves to (existing, or created by this plan).
    var resolved: [Int: UserRef] = [:]
    /// Configured custom fields: Personio key → the definition (existing or created by this plan), name, type, ownership.
    var fields: [ConfiguredField] = []
    /// Existing definitions of custom fields configured `apply: never`: their values are never written, nor removed.
    var neverFieldIDs: Set<String> = []
    var syncedUsers = 0
    var warnedMissing: Set<String> = []
    /// User → the mapping that names it (of several, the smallest Personio id, numerically), made the first time
    /// a matched employee has no mapping of their own: a scan of every mapping per such employee
    /// was quadratic on a platform half mapped.
    var mappingOfUser: [String: LMSMappingRecord]?
    /// Every group in the synced subtrees (§5: roles outside them are never touched).
    let syncedGroups: Set<String>
    /// Each employee's match, computed once.
    let matches: MatchTable
    /// The employees in the order of their ids, the order of the plan's actions: walked in place,
    /// not each looked up by id in `input.employees` three times (a miss of a large table each).
    let sortedEmployees: [Employee]
    /// `input.ownership` by user, sorted, so each employee costs a lookup rather than a scan of
    /// every role and link hrsync ever added: user → groups of its learner roles, user → managers.
    let ownedLearnerGroups: [String: [String]]
    let ownedManagers: [String: [String]]
    /// Loops among supervisors (`Cycles`), found beside the match index.
    let supervisorCycles: [[Int]]
    /// The Personio keys of every configured group hierarchy, and the zone of the date rules:
    /// read per employee, made once (a `TimeZone` by name takes a lock both halves share).
    let hierarchyKeys: [String]
    let timeZone: TimeZone

    init(input: Planner.Input, parts: any PartsRunner) {
        self.input = input
        self.parts = parts
        (hierarchyKeys, timeZone) = (input.config.sync.groups.flatMap(\.hierarchy), input.config.sync.timeZone)
        // Independent work, each part writing only its own box, in two halves of about the same
        // length at 100,000 employees: the users' side of the match index, the ownership index and
        // the group tree; one pass over the employees for their shared emails and supervisors
        // (each employee's attributes are read once: those reads, not the counting, cost), then
        // the ids sorted and the supervisors' loops. Then each half of the employees' matches.
        let ownership = input.ownership
        let indexBox = Box<MatchIndex?>(nil), ownedBox = Box<(groups: [String: [String]], managers: [String: [String]])>(([:], [:]))
        let treeBox = Box<GroupTree?>(nil), sharedBox = Box<Set<String>>([]), cyclesBox = Box<[[Int]]>([]), sortedBox = Box<[Employee]>([])
        parts.run(2) { part in
            if part == 0 {
                indexBox.value = MatchIndex(lms: input.lms, sharedEmails: [])
                ownedBox.value = Self.index(ownership)
                treeBox.value = GroupTree(input.lms.groups)
            } else {
                var mails = MatchIndex.EmailCount(capacity: input.employees.count)
                var sorted: [Employee] = []
                sorted.reserveCapacity(input.employees.count)
                for employee in input.employees.values {
                    mails.add(employee)
                    sorted.append(employee)
                }
                sharedBox.value = mails.shared
                sorted.sort { $0.id < $1.id }
                sortedBox.value = sorted
                cyclesBox.value = Self.supervisorCycles(ids: sorted.map(\.id), supervisors: sorted.map(\.supervisorID))
            }
        }
        var index = indexBox.value!
        index.sharedEmails = sharedBox.value
        supervisorCycles = cyclesBox.value
        let tree = treeBox.value!
        (self.index, self.tree) = (index, tree)
        (ownedLearnerGroups, ownedManagers) = ownedBox.value
        syncedGroups = Set(input.config.sync.groups.flatMap { tree.subtree(of: $0.id) })
        let sorted = sortedBox.value, split = MatchTable.split(of: sorted.map(\.id)), order = input.config.sync.match
        sortedEmployees = sorted
        let halves = [Box<(matches: [Int: MatchRule.Outcome], synced: Set<String>)>(([:], [])), Box(([:], []))]
        parts.run(2) { part in
            var matches: [Int: MatchRule.Outcome] = [:], synced = Set<String>()
            matches.reserveCapacity(part == 0 ? split.count : sorted.count - split.count)
            for employee in part == 0 ? sorted[..<split.count] : sorted[split.count...] {
                let outcome = MatchRule.match(employee, index, order: order)
                matches[employee.id] = outcome
                if case .matched(let user, _) = outcome, !index.deletedUsers.contains(user) { synced.insert(user) }
            }
            halves[part].value = (matches, synced)
        }
        matches = MatchTable(below: halves[0].value.matches, rest: halves[1].value.matches, split: split.at)
        // Counted without building their union (100,000 ids hashed into a third set).
        let (first, second) = (halves[0].value.synced, halves[1].value.synced)
        syncedUsers = first.count + second.count(where: { !first.contains($0) })
    }

    /// Loops among supervisors (`supervisors[n]` is the supervisor of `ids[n]`), by position in the
    /// sorted `ids` (a supervisor outside them ends a walk).
    static func supervisorCycles(ids: [Int], supervisors: [Int?]) -> [[Int]] {
        func position(of id: Int) -> Int? {
            var (low, high) = (0, ids.count)
            while low < high {
                let middle = (low + high) / 2
                if ids[middle] < id { low = middle + 1 } else { high = middle }
            }
            return low < ids.count && ids[low] == id ? low : nil
        }
        let successors = supervisors.map { $0.flatMap(position) }
        return Cycles.find(successors: successors).map { $0.map { ids[$0] } }
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

    var adminID: String? { input.lms.admin?.userID }

    /// Loops in vendor graphs are named once (they are walked once: see `Cycles`).
    mutating func noteCycles() {
        for cycle in tree.cycles { warnings.append(PlanNote(.groupCycle, values: ["groups": (cycle + [cycle[0]]).joined(separator: " → ")])) }
        let employees = input.employees
        for cycle in supervisorCycles where cycle.count > 1 {
            warnings.append(PlanNote(.supervisorCycle, people: cycle.compactMap { employees[$0].map(PersonRef.init) }))
        }
    }

    /// SYNC-RULES §4: a configured field without a definition (by name, users) is created.
    mutating func planFieldDefinitions() {
        let employees = input.employees.values
        for mapping in input.config.sync.customFields {
            guard mapping.apply.allowsCreate else {
                // `apply: never`: as if not configured, except that values hrsync wrote earlier stay.
                if let existing = input.lms.fields.values.first(where: { $0.name == mapping.name }) { neverFieldIDs.insert(existing.id) }
                continue
            }
            let type = CustomFieldRule.type(of: mapping.personioKey, in: employees, attributeTypes: input.attributeTypes)
            if let existing = input.lms.fields.values.first(where: { $0.name == mapping.name }) {
                if existing.type != type {
                    warnings.append(PlanNote(.fieldTypeDiffers, values: ["field": mapping.name, "type": existing.type, "key": mapping.personioKey]))
                }
                fields.append(
                    ConfiguredField(key: mapping.personioKey, ref: .existing(existing.id), name: mapping.name, type: existing.type, apply: mapping.apply))
            } else if input.targets != nil {
                // A field's type is taken from every employee's values: a targeted run sees too few.
                warnings.append(PlanNote(.fieldNotDefined, values: ["field": mapping.name]))
            } else {
                fields.append(
                    ConfiguredField(key: mapping.personioKey, ref: .created(name: mapping.name), name: mapping.name, type: type, apply: mapping.apply))
                actions.append(
                    PlanAction(
                        .createField(name: mapping.name, type: type), person: nil, user: nil,
                        reason: "configured in sync.custom_fields, not defined in 360Learning"))
            }
        }
        // §3: missing is not empty. A mapped attribute no employee carries is warned about once.
        let sync = input.config.sync
        let mapped =
            LMSField.allCases.filter { sync.ownership($0).allowsCreate }.map(\.personioKey)
            + (sync.ownership(.manager).allowsCreate ? [PersonioKey.supervisor] : [])
            + sync.customFields.filter(\.apply.allowsCreate).map(\.personioKey)
            + sync.groups.flatMap(\.hierarchy).filter { sync.ownership(.group).allowsCreate && !$0.isEmpty }
        for key in mapped where !employees.isEmpty && !employees.contains(where: { $0[key] != nil }) {
            if warnedMissing.insert(key).inserted {
                warnings.append(PlanNote(.attributeUnreadable, values: ["key": key]))
            }
        }
    }

    mutating func plan(_ employee: Employee) {
        switch ScopeRule.decide(employee, input.config.sync) {
        case .filteredOut:
            return
        case .invalidStatus(let status):
            warnings.append(PlanNote(.statusNotSynced, people: [PersonRef(employee)], values: status.map { ["status": $0] } ?? [:]))
        case .leaver:
            planLeaver(employee)
        case .wanted:
            planWanted(employee)
        }
    }

    /// A targeted run: employees read only as someone's supervisor resolve to their live user, if
    /// wanted; nothing is planned for them.
    mutating func resolveOnly(_ ids: [Int]) {
        for id in ids {
            guard let employee = input.employees[id], ScopeRule.decide(employee, input.config.sync) == .wanted,
                case .matched(let userID, _)? = matches[id], input.lms.users[userID]?.status != "deleted"
            else { continue }
            resolved[id] = .existing(userID)
        }
    }

    mutating func planLeaver(_ employee: Employee) {
        guard case .matched(let userID, _) = matches[employee.id],
            let user = input.lms.users[userID], user.status != "deleted"
        else { return }
        if userID == adminID {
            warnings.append(PlanNote(.adminHeld, people: [PersonRef(employee)], values: ["admin": input.config.learning360.adminEmail]))
            return
        }
        add(.deleteUser(status: user.status), employee, user: .existing(userID), reason: "inactive in Personio")
    }

    mutating func add(_ change: PlanAction.Change, _ employee: Employee, user: UserRef, reason: String) {
        actions.append(PlanAction(change, person: PersonRef(employee), user: user, reason: reason))
    }
}

/// A result slot one concurrent part of the planner writes and nobody else touches until all are done.
final class Box<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

extension PlanContext {
    /// Runs `body` for each of `ids` (sorted), in two parts when there are many. One employee's
    /// actions depend on nobody else's, so both halves start from the same context and are joined
    /// in order: the plan is the one a single pass gives.
    mutating func forEachEmployee(_ employees: [Employee], splitFrom threshold: Int, _ body: (inout PlanContext, Employee) -> Void) {
        guard employees.count >= max(threshold, 2) else {
            for employee in employees { body(&self, employee) }
            return
        }
        let start = self
        let halves = [Box(start), Box(start)]
        parts.run(2) { part in
            var context = halves[part].value
            for employee in part == 0 ? employees[..<(employees.count / 2)] : employees[(employees.count / 2)...] { body(&context, employee) }
            halves[part].value = context
        }
        let second = halves[1].value
        self = halves[0].value
        halves[0].value = start  // the box let go of the first half's tables: appending copies nothing
        actions += second.actions.dropFirst(start.actions.count)
        warnings += second.warnings.dropFirst(start.warnings.count)
        conflicts += second.conflicts.dropFirst(start.conflicts.count)
        // Entries are only added, each by the half that plans that employee: no new one, nothing to merge.
        if second.resolved.count > start.resolved.count { resolved.merge(second.resolved) { mine, _ in mine } }
    }
}

/// A configured custom field as the planner writes it: Personio key, definition (existing or created
/// by this plan), name, type and ownership. A class, so that reading one per employee borrows it:
/// a tuple of five strings was copied, five retains and releases, per field per employee.
final class ConfiguredField: Sendable {
    let key: String, ref: FieldRef, name: String, type: String, apply: FieldOwnership

    init(key: String, ref: FieldRef, name: String, type: String, apply: FieldOwnership) {
        (self.key, self.ref, self.name, self.type, self.apply) = (key, ref, name, type, apply)
    }
}
