/// `hrsync revert`: an ordinary plan that undoes what one apply did, action by action, checked
/// against the platform as it is now. Pure: the engine loads the record and both platform states.
///
/// Each action the apply did (`done`) is undone when the platform still shows its `after`, skipped
/// when it already shows its `before` (so a second revert writes nothing), and left out as a
/// conflict when it shows something else (someone changed it since). Definitions the apply created
/// (custom fields, external-id mappings) are kept and listed.
public enum RevertPlanner {
    /// The apply to undo and the platform then and now.
    public struct Input: Sendable {
        /// The apply record; only its `done` actions are undone.
        public var record: ApplyRecord
        /// The apply being undone (its record's object id).
        public var applyID: String
        /// The platform as the undone apply's plan saw it: what a deleted user is restored to.
        public var before: LMSState
        /// The platform as just pulled.
        public var now: LMSState
        /// The Personio snapshot id the plan is bound to.
        public var personioSnapshot: String
        /// The id of the snapshot `now` was read from.
        public var learning360Snapshot: String
        /// SHA-256 of the config file's bytes the plan is bound to.
        public var configHash: String
        /// The 360Learning base URL the plan is bound to.
        public var target: String
        /// Also delete the custom fields and external-id mappings the apply created.
        public var includeDefinitions: Bool
        /// `sync.max_deletes`: a revert's deletes are held by the same guard as any plan's.
        public var maxDeletes: DeletionLimit

        /// The inputs; definitions are kept unless `includeDefinitions`.
        public init(
            record: ApplyRecord, applyID: String, before: LMSState, now: LMSState, personioSnapshot: String,
            learning360Snapshot: String, configHash: String, target: String, includeDefinitions: Bool = false,
            maxDeletes: DeletionLimit
        ) {
            self.includeDefinitions = includeDefinitions
            self.maxDeletes = maxDeletes
            self.record = record
            self.applyID = applyID
            self.before = before
            self.now = now
            self.personioSnapshot = personioSnapshot
            self.learning360Snapshot = learning360Snapshot
            self.configHash = configHash
            self.target = target
        }
    }

    /// The revert plan, judged by the deletion guard like any plan (§7); `reverts` names the apply.
    public static func plan(_ input: Input) -> Plan {
        var undo = RevertContext(input)
        for result in input.record.results where result.status == .done { undo.revert(result) }
        undo.removeCopiedUpRoles()
        let actions = undo.actions.enumerated().sorted { ($0.element.kind.phase, $0.offset) < ($1.element.kind.phase, $1.offset) }.map(\.element)
        let synced = Set(input.now.mappings.values.map(\.userID)).filter { input.now.users[$0].map { $0.status != "deleted" } ?? false }.count
        var plan = Plan(
            personioSnapshot: input.personioSnapshot, learning360Snapshot: input.learning360Snapshot, configHash: input.configHash,
            target: input.target, actions: actions, warnings: undo.warnings, conflicts: undo.conflicts,
            held: DeletionGuard.check(actions, syncedUsers: synced, limit: input.maxDeletes),
            syncedUsers: synced, summary: PlanSummary(actions, warnings: undo.warnings.count, conflicts: undo.conflicts.count))
        plan.reverts = input.applyID
        return plan
    }
}

/// The undo of each kind of action (see `RevertPlanner`).
struct RevertContext {
    let input: RevertPlanner.Input
    var actions: [PlanAction] = []
    var warnings: [PlanNote] = []
    var conflicts: [PlanNote] = []
    /// Users this revert deletes (the apply created or restored them): nothing else is undone on them.
    let deleted: Set<String>
    /// Custom fields the apply created, by name → id.
    let createdFields: [String: String]

    init(_ input: RevertPlanner.Input) {
        self.input = input
        let done = input.record.results.filter { $0.status == .done }
        deleted = Set(done.filter { [.createUser, .restoreUser].contains($0.action.kind) }.compactMap(\.userID))
        var fields: [String: String] = [:]
        for result in input.record.results {
            if case .createField(let name, _) = result.action.change, let id = result.vendorID { fields[name] = id }
        }
        createdFields = fields
    }

    mutating func revert(_ result: ApplyRecord.Result) {
        let action = result.action
        if case .createField(let name, _) = action.change { return revertField(result, name) }
        guard let user = result.userID else { return }
        if deleted.contains(user) && ![.createUser, .restoreUser, .createMapping].contains(action.kind) { return }
        let live = input.now.users[user]
        let reason = "revert of apply \(input.applyID.prefix(12))"
        func add(_ change: PlanAction.Change) { actions.append(PlanAction(change, person: action.person, user: .existing(user), reason: reason)) }
        switch action.change {
        case .createField:
            break
        case .createMapping(let personioID):
            guard input.includeDefinitions else { return keepDefinition(result) }
            if let mapping = input.now.mappings[String(personioID)], mapping.userID == user, !mapping.mappingID.isEmpty {
                add(.deleteMapping(mappingID: mapping.mappingID, personioID: personioID))
            }
        case .deleteMapping, .deleteField:
            conflict(action, "definitions a revert deleted are not created again")
        case .createUser, .restoreUser:
            guard let live, live.status != "deleted" else { return }
            add(.deleteUser(status: live.status))
        case .updateUser(let changes):
            guard let live, live.status != "deleted" else { return conflict(action, "the user was deleted since") }
            if changes.allSatisfy({ $0.field.read(live) == $0.before }) { return }
            guard changes.allSatisfy({ [$0.before, $0.after].contains($0.field.read(live)) }) else {
                return conflict(action, "\(changes.map(\.field.rawValue).joined(separator: ", ")) changed again since")
            }
            add(.updateUser(changes.filter { $0.field.read(live) == $0.after }.map { FieldChange(field: $0.field, before: $0.after, after: $0.before) }))
        case .setCustomValues(let before, let after):
            guard let values = live?.customValues else { return conflict(action, "its custom-field values were not read") }
            let old = resolved(before), new = resolved(after)
            let current = Set(values.map { "\($0.fieldID)\u{0}\($0.value)" })
            if current == Set(old.map(\.key)) { return }
            guard current == Set(new.map(\.key)) else { return conflict(action, "its custom-field values changed again since") }
            add(.setCustomValues(before: new.map(\.value), after: old.map(\.value)))
        case .setDeactivation(let before, let after):
            guard let live, live.status != "deleted" else { return conflict(action, "the user was deactivated or deleted since") }
            if LeaverRule.sameInstant(live.deactivateAt, before) { return }
            guard LeaverRule.sameInstant(live.deactivateAt, after) else { return conflict(action, "its deactivation date changed again since") }
            add(.setDeactivation(before: after, after: before))
        case .addRole(let group):
            if hasLearnerRole(user, group) { add(.removeRole(group: group)) }
        case .removeRole(let group):
            if !hasLearnerRole(user, group) { add(.addRole(group: group)) }
        case .addManager:
            guard let manager = result.vendorID, let managers = live?.managers else { return conflict(action, "its managers were not read") }
            if managers.contains(manager) { add(.removeManager(userID: manager)) }
        case .removeManager(let manager):
            guard let managers = live?.managers else { return conflict(action, "its managers were not read") }
            if !managers.contains(manager) { add(.addManager(.existing(manager))) }
        case .deleteUser:
            guard live?.status == "deleted" else { return }
            restore(user, action)
        }
    }

    /// A deleted user comes back with the roles, managers and values it had before the apply.
    mutating func restore(_ user: String, _ action: PlanAction) {
        let reason = "revert of apply \(input.applyID.prefix(12)): restore what the delete removed"
        let previous = input.before.users[user]
        guard let mail = previous?.mail ?? action.person?.email else { return conflict(action, "its mail is unknown") }
        let groups = input.before.memberships.values.filter { $0.userID == user && $0.roles.contains("learner") }.map(\.groupID).sorted()
        func add(_ change: PlanAction.Change) { actions.append(PlanAction(change, person: action.person, user: .existing(user), reason: reason)) }
        add(.restoreUser(mail: mail, group: groups.first ?? input.now.groups.values.first { $0.parentID == nil }?.id))
        for group in groups.dropFirst() { add(.addRole(group: group)) }
        for manager in previous?.managers ?? [] { add(.addManager(.existing(manager))) }
        if input.before.managersRead != nil {
            warnings.append(PlanNote(.revertManagerLinks, people: action.person.map { [$0] } ?? [], users: [user]))
        }
        if let values = previous?.customValues, !values.isEmpty {
            add(.setCustomValues(before: [], after: values.map { CustomValue(field: .existing($0.fieldID), type: $0.type, value: $0.value) }))
        }
    }

    mutating func revertField(_ result: ApplyRecord.Result, _ name: String) {
        guard input.includeDefinitions else { return keepDefinition(result) }
        guard let id = result.vendorID, input.now.fields[id] != nil else { return }
        actions.append(
            PlanAction(.deleteField(id: id, name: name), person: nil, user: nil, reason: "revert of apply \(input.applyID.prefix(12)) (--include-definitions)"))
    }

    mutating func keepDefinition(_ result: ApplyRecord.Result) {
        switch result.action.change {
        case .createField(let name, _):
            warnings.append(PlanNote(.revertKeepsField, values: ["field": name].merging(result.vendorID.map { ["id": $0] } ?? [:]) { a, _ in a }))
        case .createMapping(let personioID):
            warnings.append(
                PlanNote(
                    .revertKeepsMapping, people: [result.action.person ?? PersonRef(personioID: personioID, name: "", email: nil)],
                    users: result.userID.map { [$0] } ?? []))
        default:
            break
        }
    }

    /// 360Learning copies a learner role up to the parent groups, so an undone placement leaves
    /// those copies: roles go back to what the before-snapshot had, so a learner role above a
    /// removed one that the before-snapshot did not show is removed too. Not when the user keeps
    /// a learner role below that group (removing cascades down to it), and only in groups whose
    /// roles the before-snapshot read (a group outside its synced subtrees says nothing).
    mutating func removeCopiedUpRoles() {
        let tree = GroupTree(input.now.groups)
        var planned = Set<RoleKey>()
        for action in actions {
            if case .removeRole(let group) = action.change, let user = action.user?.existingID { planned.insert(RoleKey(group: group, user: user)) }
        }
        let readBefore = Set(input.before.memberships.keys.map(\.group))
        for action in actions {
            guard case .removeRole(let group) = action.change, let user = action.user?.existingID else { continue }
            for ancestor in tree.ancestors(of: group) {
                let key = RoleKey(group: ancestor, user: user)
                let keptBelow = tree.subtree(of: ancestor).dropFirst().contains { below in
                    hasLearnerRole(user, below) && !planned.contains(RoleKey(group: below, user: user))
                }
                guard readBefore.contains(ancestor), !keptBelow, hasLearnerRole(user, ancestor),
                    input.before.memberships[key]?.roles.contains("learner") != true, planned.insert(key).inserted
                else { continue }
                actions.append(
                    PlanAction(
                        .removeRole(group: ancestor), person: action.person, user: .existing(user),
                        reason: action.reason + ": the learner role 360Learning copied up from the undone placement"))
            }
        }
    }

    mutating func conflict(_ action: PlanAction, _ why: String) {
        conflicts.append(
            PlanNote(
                .notReverted, people: action.person.map { [$0] } ?? [], users: action.user?.existingID.map { [$0] } ?? [],
                values: ["action": action.kind.rawValue, "why": why]))
    }

    func hasLearnerRole(_ user: String, _ group: String) -> Bool {
        input.now.memberships[RoleKey(group: group, user: user)]?.roles.contains("learner") ?? false
    }

    /// Values with fields created by the apply named by their ids, keyed for comparison, in field order.
    func resolved(_ values: [CustomValue]) -> [(key: String, value: CustomValue)] {
        values.compactMap { value in
            let id: String? =
                switch value.field {
                case .existing(let id): id
                case .created(let name): createdFields[name]
                }
            guard let id else { return nil }
            return ("\(id)\u{0}\(value.value)", CustomValue(field: .existing(id), type: value.type, value: value.value))
        }.sorted { $0.key < $1.key }
    }
}
