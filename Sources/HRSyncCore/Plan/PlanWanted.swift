/// Wanted employees (SYNC-RULES §2–§6): create or restore, map, update, custom values, groups, managers.
extension PlanContext {
    mutating func planWanted(_ employee: Employee, at position: Int) {
        let leaving = leaverOutcome(employee), match = matchAt[position]
        if case .dayPassed(let day) = leaving {
            switch match {
            case .matched(let userID, _): return planPassedTermination(employee, userID: userID, day: day)
            case .unmatched: return planPassedTermination(employee, userID: nil, day: day)
            default: break  // conflicts are reported below
            }
        }
        switch match {
        case .sharedEmail:
            conflicts.append(PlanNote(.sharedEmail, people: [PersonRef(employee)]))
        case .ambiguousEmail(_, let users):
            conflicts.append(PlanNote(.usersShareEmail, people: [PersonRef(employee)], users: users))
        case .conflict(let byEmail, let byExternalID):
            conflicts.append(PlanNote(.matchDisagrees, people: [PersonRef(employee)], users: [byEmail, byExternalID]))
        case .unmatched:
            guard let mail = employee.email, EmailSyntax.isValid(mail) else {
                warnings.append(PlanNote(employee.email == nil ? .noEmail : .invalidEmail, people: [PersonRef(employee)]))
                return
            }
            if let days = input.config.sync.prestartDays, PrestartRule.waitsUntil(employee, days: days, today: input.today) != nil {
                warnings.append(PlanNote(.prestart, people: [PersonRef(employee)], values: ["days": String(days)]))
                return
            }
            planCreate(employee, at: position, mail: mail, leaving: leaving)
        case .matched(let userID, let key):
            planMatched(employee, at: position, userID: userID, by: key, leaving: leaving)
        }
    }

    func placements(_ employee: Employee) -> [String] {
        var result: [String] = []
        for entry in groupEntries {
            if let placement = GroupPlacement.place(employee, in: entry, tree: tree), !result.contains(placement.groupID) { result.append(placement.groupID) }
        }
        return result
    }

    mutating func planCreate(_ employee: Employee, at position: Int, mail: String, leaving: LeaverRule.Outcome) {
        let groups = placements(employee)
        guard let membership = groups.first ?? tree.root?.id else {
            warnings.append(PlanNote(.noGroup, people: [PersonRef(employee)]))
            return
        }
        let user = UserRef.created(personioID: employee.id)
        resolvedAt[position] = Resolution(user: user, creating: true, currentManagers: nil)
        let sync = input.config.sync
        var new = NewUser(
            mail: mail, group: membership, lang: input.config.learning360.defaultLanguage,
            fields: FieldMapping.profile(of: employee).filter { sync.ownership($0.key).allowsCreate })
        if case .deactivate(_, let at) = leaving { new.deactivateAt = at }
        add(.createUser(new), employee, user: user, reason: "new in Personio (no 360Learning user with this email or Personio id)")
        // A Personio id mapped already (to the user of an identity change, §2) keeps that mapping:
        // 360Learning refuses a second one for the same id.
        if !isMappedAt[position] {
            add(.createMapping(personioID: employee.id), employee, user: user, reason: "so the Personio id finds the user next time")
        }
        planValues(employee, user: user, stored: [], creating: true)
        for group in groups.dropFirst() { add(.addRole(group: group), employee, user: user, reason: reasonFor(group)) }
    }

    /// The mapping that names `userID` under another Personio id, if any (`mappingOfUser`).
    mutating func mapping(of userID: String) -> LMSMappingRecord? {
        if mappingOfUser == nil {
            var owners: [String: LMSMappingRecord] = [:]
            func rank(_ mapping: LMSMappingRecord) -> (Int, String) { (Int(mapping.personioID) ?? .max, mapping.personioID) }
            for mapping in input.lms.mappings.values where owners[mapping.userID].map({ rank(mapping) < rank($0) }) ?? true {
                owners[mapping.userID] = mapping
            }
            mappingOfUser = owners
        }
        return mappingOfUser?[userID]
    }

    mutating func planMatched(_ employee: Employee, at position: Int, userID: String, by key: MatchKey, leaving: LeaverRule.Outcome) {
        guard let record = input.lms.users[userID] else { return }
        let user = UserRef.existing(userID)
        let restored = record.status == "deleted"
        resolvedAt[position] = Resolution(user: user, creating: restored, currentManagers: record.managers)
        if restored {
            guard let mail = record.mail else { return }
            add(
                .restoreUser(mail: mail, group: placements(employee).first ?? tree.root?.id), employee, user: user,
                reason: "rehire: active in Personio, deleted in 360Learning (the same user comes back)")
        }
        // §3: a field hrsync does not own (sync.fields) is left as 360Learning has it.
        let sync = input.config.sync
        let changes = FieldMapping.changes(for: employee, current: record, matchedBy: key).filter {
            sync.ownership($0.field).allowsWrite(creating: restored)
        }
        if !changes.isEmpty { add(.updateUser(changes), employee, user: user, reason: "differs from Personio") }
        planDeactivation(employee, userID: userID, current: record.deactivateAt, restored: restored, outcome: leaving)
        if !isMappedAt[position] {
            if let other = mapping(of: userID) {
                conflicts.append(
                    PlanNote(
                        .mappingTaken,
                        people: [
                            PersonRef(employee), Int(other.personioID).map { PersonRef(personioID: $0, name: "", email: nil) } ?? .forgotten(other.personioID)
                        ], users: [userID]))
            } else {
                add(.createMapping(personioID: employee.id), employee, user: user, reason: "matched by email; the Personio id finds the user next time")
            }
        }
        if let current = record.customValues {
            planValues(employee, user: user, stored: current, creating: restored)
        } else if restored {
            planValues(employee, user: user, stored: [], creating: true)
        }
        if userID != adminID { planRoles(employee, userID: userID, restored: restored) }
    }

    /// §4: the full list for PUT, when it differs from what 360Learning holds. `creating`: the plan
    /// creates or restores the user, so `create_only` fields take Personio's value too; otherwise
    /// they keep 360Learning's. `stored`: the user's values as the snapshot has them (made into
    /// `CustomValue`s only when they change: most users' values hold, and a list per user was
    /// an allocation and a retain per value).
    mutating func planValues(_ employee: Employee, user: UserRef, stored: [LMSCustomValue], creating: Bool) {
        guard !fields.isEmpty else { return }
        // Each configured field's wanted (type, value), in `fields`' order (a later one of the same
        // definition wins, as in `desiredValues`).
        var configured: [(ref: FieldRef, type: String, value: String?)] = []
        configured.reserveCapacity(fields.count)
        for field in fields {
            let attribute = employee[field.key]
            // A field missing from the payload is left as it is (§3 "missing is not empty"): from every
            // payload (the credential cannot read it), or from this one (a value over its cap, not read).
            // It stays in the full list with 360Learning's value; left out, the list would drop (clear) it.
            guard attribute != nil && !warnedMissing.contains(field.key) && field.apply.allowsWrite(creating: creating) else {
                // Or `create_only` on a user hrsync did not create in this plan: 360Learning owns the value.
                let kept = stored.first { field.ref.existingID == $0.fieldID }
                configured.append((field.ref, kept?.type ?? field.type, kept?.value))
                continue
            }
            if CustomFieldRule.isUnreadableDate(attribute, type: field.type) {
                // Not a date Personio should send: keep what 360Learning has rather than clear it.
                warnings.append(
                    PlanNote(.notADate, people: [PersonRef(employee)], values: ["key": field.key, "value": attribute?.text ?? "", "field": field.name]))
                configured.append((field.ref, field.type, stored.first { field.ref.existingID == $0.fieldID }?.value))
                continue
            }
            configured.append((field.ref, field.type, CustomFieldRule.value(attribute, type: field.type)))
        }
        if CustomFieldRule.holds(configured, stored: stored, managedEarlier: managedFieldIDs) { return }
        let current = stored.map(CustomValue.init)
        var byField: [FieldRef: (type: String, value: String?)] = [:]
        for wanted in configured { byField[wanted.ref] = (wanted.type, wanted.value) }
        let desired = CustomFieldRule.desiredValues(current: current, configured: byField, managedEarlier: managedFieldIDs)
        let before = current.sorted()
        guard desired != before else { return }
        add(.setCustomValues(before: before, after: desired), employee, user: user, reason: "custom fields differ from Personio")
    }

    /// The definitions hrsync wrote values of earlier and may still remove (not those configured `apply: never`).
    var managedFieldIDs: Set<String> {
        neverFieldIDs.isEmpty ? input.ownership.fieldIDs : input.ownership.fieldIDs.subtracting(neverFieldIDs)
    }

    /// §5: learner roles in the placements; roles hrsync added earlier elsewhere in the synced subtrees are removed.
    mutating func planRoles(_ employee: Employee, userID: String, restored: Bool) {
        // `sync.fields.group: create_only`: the first group was set on create or restore; no moves after.
        guard input.config.sync.ownership(.group).allowsWrite(creating: restored) else { return }
        // §3: a hierarchy attribute missing from the payload (every payload, or this one's value over its
        // cap) is unknown, not empty: placing by it would move the person up to the level above.
        guard !hierarchyKeys.contains(where: { warnedMissing.contains($0) || employee[$0] == nil }) else { return }
        let wanted = placements(employee)
        for (index, group) in wanted.enumerated() where !(restored && index == 0) {
            if restored || input.lms.memberships[RoleKey(group: group, user: userID)]?.roles.contains("learner") != true {
                add(.addRole(group: group), employee, user: .existing(userID), reason: reasonFor(group))
            }
        }
        // A learner of a public group is copied up to its parents, and removing a learner role also
        // removes it from the public subgroups: never remove one above a wanted placement.
        // Made only for a role hrsync added outside the placements (a move): most employees have none.
        var above: Set<String>?
        guard let owned = ownedLearnerGroups[userID] else { return }  // not `?? []`: the empty array is one object both cores retain
        for group in owned where !wanted.contains(group) {
            if above == nil { above = Set(wanted.flatMap { tree.ancestors(of: $0) }) }
            guard syncedGroups.contains(group), above?.contains(group) == false,
                input.lms.memberships[RoleKey(group: group, user: userID)]?.roles.contains("learner") == true
            else { continue }
            add(.removeRole(group: group), employee, user: .existing(userID), reason: "moved: no longer placed in \(tree.groups[group]?.name ?? group)")
        }
    }

    func reasonFor(_ group: String) -> String {
        "placed in \(tree.groups[group]?.name ?? group) by \(input.config.sync.groups.map { $0.hierarchy.joined(separator: " → ") }.filter { !$0.isEmpty }.first ?? "the synced group")"
    }

    /// Why a supervisor cannot be linked as a manager, for the warning (one cause per wording, so
    /// repeated warnings group by it).
    /// The supervisor a note names: as Personio has them, or by id alone.
    func supervisorRef(_ id: Int) -> PersonRef {
        input.employees[id].map(PersonRef.init) ?? PersonRef(personioID: id, name: "", email: nil)
    }

    static func whyNotAManager(_ decision: ScopeRule.Decision?) -> String {
        switch decision {
        case nil: "is not in Personio's answer"
        case .leaver?: "has left (inactive in Personio)"
        case .filteredOut?: "is filtered out by sync.filters"
        case .invalidStatus(let status)?: "has status '\(status ?? "")', which is not synced"
        default: "has no 360Learning user (see the conflicts)"
        }
    }

    /// §6: the supervisor becomes a manager; links hrsync added earlier to a former supervisor go.
    /// Runs after every employee is planned, since it needs to know who resolves to which user.
    mutating func planManager(at position: Int) {
        let employee = sortedEmployees[position], id = employee.id
        guard let resolution = resolvedAt[position] else { return }
        let user = resolution.user
        let userID = user.existingID
        guard userID == nil || userID != adminID else { return }
        // `sync.fields.manager`: never, or create_only on a user this plan neither creates nor restores.
        let creating = resolution.creating
        guard input.config.sync.ownership(.manager).allowsWrite(creating: creating) else { return }
        // §3 "missing is not empty": no payload carries `supervisor` (the credential cannot read it),
        // so nobody's supervisor is known; removing every link hrsync added would blank them all.
        guard !warnedMissing.contains(PersonioKey.supervisor) else { return }
        let current = resolution.currentManagers
        var wantedManager: UserRef?
        if let supervisor = employee.supervisorID {
            guard supervisor != id else {
                warnings.append(PlanNote(.ownSupervisor, people: [PersonRef(employee)]))
                return
            }
            // Only a wanted employee resolves to a user (`planWanted`, `resolveOnly`), so a resolved
            // supervisor needs no scope decision; the others' decision says why in the warning.
            if let manager = supervisorAt[position].flatMap({ resolvedAt[$0]?.user }) {
                // Links are read from the managers' side, for the managers the pull chose: one it
                // did not read (a Personio snapshot newer than the 360Learning one) is unknown.
                if userID != nil, let read = input.lms.managersRead, let managerID = manager.existingID, !read.contains(managerID) {
                    warnings.append(PlanNote(.managersNotRead, people: [PersonRef(employee), supervisorRef(supervisor)]))
                    return
                }
                wantedManager = manager
                if !(manager.existingID.map { current?.contains($0) ?? false } ?? false) {
                    add(.addManager(manager), employee, user: user, reason: "supervisor in Personio")
                }
            } else {
                let decision = input.employees[supervisor].map { ScopeRule.decide($0, input.config.sync) }
                warnings.append(
                    PlanNote(.supervisorNotAManager, people: [PersonRef(employee), supervisorRef(supervisor)], values: ["why": Self.whyNotAManager(decision)]))
                return
            }
        }
        guard let userID else { return }
        for manager in ownedManagers[userID] ?? [] {
            guard manager != wantedManager?.existingID, current?.contains(manager) == true else { continue }
            add(.removeManager(userID: manager), employee, user: user, reason: "the supervisor changed in Personio")
        }
    }
}
