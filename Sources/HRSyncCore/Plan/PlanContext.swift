import Foundation

/// The planner's working state while it walks the employees.
struct PlanContext {
    let input: Planner.Input
    let parts: any PartsRunner
    let index: MatchIndex
    /// The group tree and `sync.groups`; each half of a pass has its own copies (`takeOwnCopies`).
    var tree: GroupTree
    var groupEntries: [GroupSync]
    var actions: [PlanAction] = []
    var warnings: [PlanNote] = []
    var conflicts: [PlanNote] = []
    /// The employees in the order of their ids, the order of the plan's actions. Everything the
    /// planner keeps per employee is an array in this order, read by position: no table keyed by
    /// id (100,000 hashed lookups per pass, each a miss of a large table).
    let sortedEmployees: [Employee]
    /// Each employee's match (§2), computed once.
    let matchAt: [MatchRule.Outcome]
    /// The position of each employee's supervisor; nil: none, or not among the employees.
    let supervisorAt: [Int?]
    /// Whether each employee's Personio id has its `personio` mapping in 360Learning.
    let isMappedAt: [Bool]
    /// The 360Learning user each employee resolves to (existing, or created by this plan); nil: none.
    var resolvedAt: [Resolution?]

    /// An employee's user, and what the managers pass needs of it, kept by the pass that read its
    /// record (the managers pass looked the record up again and copied it whole).
    struct Resolution {
        /// The user.
        let user: UserRef
        /// This plan creates or restores it.
        let creating: Bool
        /// Its managers as 360Learning has them (nil: not read, or a user this plan creates).
        let currentManagers: [String]?
    }
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
        groupEntries = input.config.sync.groups
        // Independent work, each part writing only its own box, in two halves of about the same
        // length at 100,000 employees: the users' side of the match index, the ownership index and
        // the group tree; one pass over the employees for their shared emails and supervisors
        // (each employee's attributes are read once: those reads, not the counting, cost), then
        // the ids sorted and the supervisors' loops. Then each half of the employees' matches.
        let ownership = input.ownership
        let indexBox = Box<MatchIndex?>(nil), ownedBox = Box<(groups: [String: [String]], managers: [String: [String]])>(([:], [:]))
        let treeBox = Box<GroupTree?>(nil), sharedBox = Box<Set<String>>([]), cyclesBox = Box<[[Int]]>([]), sortedBox = Box<[Employee]>([])
        let supervisorsBox = Box<[Int?]>([])
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
                let ids = sorted.map(\.id)
                supervisorsBox.value = sorted.map { $0.supervisorID.flatMap { Self.position(of: $0, in: ids) } }
                cyclesBox.value = Self.supervisorCycles(ids: ids, successors: supervisorsBox.value)
            }
        }
        var index = indexBox.value!
        index.sharedEmails = sharedBox.value
        supervisorCycles = cyclesBox.value
        let tree = treeBox.value!
        (self.index, self.tree) = (index, tree)
        (ownedLearnerGroups, ownedManagers) = ownedBox.value
        syncedGroups = Set(input.config.sync.groups.flatMap { tree.subtree(of: $0.id) })
        let sorted = sortedBox.value, split = sorted.count / 2, order = input.config.sync.match
        (sortedEmployees, supervisorAt) = (sorted, supervisorsBox.value)
        resolvedAt = Array(repeating: nil, count: sorted.count)
        let halves = [Box<Matched>(Matched()), Box(Matched())]
        let matchIndex = index
        parts.run(2) { part in halves[part].value = Self.match(part == 0 ? sorted[..<split] : sorted[split...], matchIndex, order: order) }
        var (matchAt, isMappedAt) = (halves[0].value.outcomes, halves[0].value.mapped)
        (halves[0].value.outcomes, halves[0].value.mapped) = ([], [])  // the box let go of them: appending copies nothing
        matchAt += halves[1].value.outcomes
        isMappedAt += halves[1].value.mapped
        (self.matchAt, self.isMappedAt) = (matchAt, isMappedAt)
        // Counted without building their union (100,000 ids hashed into a third set).
        let (first, second) = (halves[0].value.synced, halves[1].value.synced)
        syncedUsers = first.count + second.count(where: { !first.contains($0) })
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

    /// Plans the employee at `position` (of `sortedEmployees`).
    mutating func plan(at position: Int) {
        let employee = sortedEmployees[position]
        switch ScopeRule.decide(employee, input.config.sync) {
        case .filteredOut:
            return
        case .invalidStatus(let status):
            warnings.append(PlanNote(.statusNotSynced, people: [PersonRef(employee)], values: status.map { ["status": $0] } ?? [:]))
        case .leaver:
            planLeaver(employee, at: position)
        case .wanted:
            planWanted(employee, at: position)
        }
    }

    /// A targeted run: employees read only as someone's supervisor resolve to their live user, if
    /// wanted; nothing is planned for them.
    mutating func resolveOnly(_ positions: [Int]) {
        for position in positions {
            guard ScopeRule.decide(sortedEmployees[position], input.config.sync) == .wanted,
                case .matched(let userID, _) = matchAt[position], input.lms.users[userID]?.status != "deleted"
            else { continue }
            resolvedAt[position] = Resolution(user: .existing(userID), creating: false, currentManagers: nil)
        }
    }

    mutating func planLeaver(_ employee: Employee, at position: Int) {
        guard case .matched(let userID, _) = matchAt[position],
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
    /// Runs `body` for each of `positions` (of `sortedEmployees`, ascending), in two parts when
    /// there are many. One employee's actions depend on nobody else's, so both halves start from
    /// the same context and are joined in order: the plan is the one a single pass gives.
    mutating func forEachEmployee(_ positions: [Int], splitFrom threshold: Int, _ body: (inout PlanContext, Int) -> Void) {
        guard positions.count >= max(threshold, 2) else {
            for position in positions { body(&self, position) }
            return
        }
        let start = self
        var own = start
        own.takeOwnCopies()
        let halves = [Box(start), Box(own)]
        let secondHalf = positions[(positions.count / 2)...]
        parts.run(2) { part in
            var context = halves[part].value
            for position in part == 0 ? positions[..<(positions.count / 2)] : secondHalf { body(&context, position) }
            halves[part].value = context
        }
        let second = halves[1].value
        self = halves[0].value
        halves[0].value = start  // the box let go of the first half's tables: appending copies nothing
        actions += second.actions.dropFirst(start.actions.count)
        warnings += second.warnings.dropFirst(start.warnings.count)
        conflicts += second.conflicts.dropFirst(start.conflicts.count)
        // Each half sets only the users of its own employees. A pass that set none (the managers
        // pass) left the second half's table the one it started from: nothing to copy, and copying
        // would duplicate the whole table for nothing.
        let secondWrote = second.resolvedAt.withUnsafeBufferPointer { $0.baseAddress } != start.resolvedAt.withUnsafeBufferPointer { $0.baseAddress }
        if secondWrote {
            for position in secondHalf where second.resolvedAt[position] != nil { resolvedAt[position] = second.resolvedAt[position] }
        }
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
