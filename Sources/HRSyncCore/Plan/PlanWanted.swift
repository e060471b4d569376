import Foundation

/// Wanted employees (SYNC-RULES §2–§6): create or restore, map, update, custom values, groups, managers.
extension PlanContext {
    /// A reference to a user in a plan: its id, or `personio:<id>` for a user this plan creates.
    func reference(_ personioID: Int) -> String? {
        guard let entry = resolved[personioID] else { return nil }
        return entry ?? "personio:\(personioID)"
    }

    mutating func planWanted(_ employee: Employee) {
        var who: String { employee.displayName }
        switch matches[employee.id] ?? .unmatched {
        case .sharedEmail(let mail):
            conflicts.append("Personio employee \(employee.id) (\(who)) shares the email \(mail) with another employee: neither is synced")
        case .conflict(let byEmail, let byExternalID):
            conflicts.append("Personio employee \(employee.id) (\(who)): the email matches 360Learning user \(byEmail) but the Personio id is mapped to user \(byExternalID): no action")
        case .unmatched:
            guard let mail = employee.email, EmailSyntax.isValid(mail) else {
                warnings.append("Personio employee \(employee.id) (\(who)) skipped: \(employee.email == nil ? "no email" : "the email is not valid")")
                return
            }
            planCreate(employee, mail: mail)
        case .matched(let userID, let key):
            planMatched(employee, userID: userID, by: key)
        }
    }

    func placements(_ employee: Employee) -> [String] {
        var result: [String] = []
        for entry in input.config.sync.groups {
            if let placement = GroupPlacement.place(employee, in: entry, tree: tree), !result.contains(placement.groupID) { result.append(placement.groupID) }
        }
        return result
    }

    mutating func planCreate(_ employee: Employee, mail: String) {
        let groups = placements(employee)
        guard let membership = groups.first ?? tree.root?.id else {
            warnings.append("Personio employee \(employee.id) cannot be created: 360Learning has no group to place it in")
            return
        }
        resolved[employee.id] = .some(nil)
        var after: [String: String?] = ["mail": mail, "group": membership, "lang": input.config.learning360.defaultLanguage]
        for (field, _) in FieldMapping.fields where field != "mail" {
            if case .value(let value) = FieldMapping.desired(field, of: employee) { after[field] = value }
        }
        add(.createUser, employee, userID: nil, after: after, reason: "new in Personio (no 360Learning user with this email or Personio id)")
        add(.createMapping, employee, userID: nil, after: ["platform": "personio", "value": String(employee.id)], reason: "so the Personio id finds the user next time")
        planValues(employee, userID: nil, current: [])
        for group in groups.dropFirst() { add(.addRole, employee, userID: nil, after: ["group": group, "role": "learner"], reason: reasonFor(group)) }
    }

    mutating func planMatched(_ employee: Employee, userID: String, by key: MatchKey) {
        guard let user = input.lms.users[userID] else { return }
        resolved[employee.id] = .some(userID)
        let restored = user.status == "deleted"
        if restored {
            guard let mail = user.mail else { return }
            add(.restoreUser, employee, userID: userID, before: ["status": "deleted"], after: ["status": "invited", "mail": mail,
                "group": placements(employee).first ?? tree.root?.id], reason: "active in Personio, deleted in 360Learning")
        }
        let patch = FieldMapping.changes(for: employee, current: user, matchedBy: key)
        if !patch.isEmpty {
            var before: [String: String?] = [:]
            for field in patch.keys {
                before[field] = switch field {
                case "firstName": user.firstName
                case "lastName": user.lastName
                case "mail": user.mail
                default: user.job
                }
            }
            add(.updateUser, employee, userID: userID, before: before, after: patch, reason: "differs from Personio")
        }
        if input.lms.mappings[String(employee.id)] == nil {
            if let other = input.lms.mappings.values.first(where: { $0.userID == userID }) {
                conflicts.append("Personio employee \(employee.id): 360Learning user \(userID) is already mapped to Personio id \(other.personioID): mapping left as it is")
            } else {
                add(.createMapping, employee, userID: userID, after: ["platform": "personio", "value": String(employee.id)], reason: "matched by email; the Personio id finds the user next time")
            }
        }
        if let current = user.customValues { planValues(employee, userID: userID, current: current) }
        else if restored { planValues(employee, userID: userID, current: []) }
        if userID != adminID { planRoles(employee, userID: userID, restored: restored) }
    }

    /// §4: the full list for PUT, when it differs from what 360Learning holds.
    mutating func planValues(_ employee: Employee, userID: String?, current: [LMSCustomValue]) {
        guard !fields.isEmpty else { return }
        var configured: [String: (type: String, value: String?)] = [:]
        for field in fields {
            // A field missing from every payload is left as it is (§3 "missing is not empty").
            guard !warnedMissing.contains(field.key) else { continue }
            configured[field.id ?? "name:\(field.name)"] = (field.type, CustomFieldRule.value(employee[field.key], type: field.type))
        }
        let desired = CustomFieldRule.desiredValues(current: current, configured: configured, managedEarlier: input.ownership.fieldIDs)
        guard desired != current.sorted(by: { $0.fieldID < $1.fieldID }) else { return }
        func map(_ list: [LMSCustomValue]) -> [String: String?] {
            Dictionary(uniqueKeysWithValues: list.map { ("\($0.fieldID)#\($0.type)", .some($0.value)) })
        }
        add(.setCustomValues, employee, userID: userID, before: map(current), after: map(desired), reason: "custom fields differ from Personio")
    }

    /// §5: learner roles in the placements; roles hrsync added earlier elsewhere in the synced subtrees are removed.
    mutating func planRoles(_ employee: Employee, userID: String, restored: Bool) {
        let wanted = placements(employee)
        for (index, group) in wanted.enumerated() where !(restored && index == 0) {
            let roles = input.lms.memberships["\(group)/\(userID)"]?.roles ?? []
            if restored || !roles.contains("learner") {
                add(.addRole, employee, userID: userID, after: ["group": group, "role": "learner"], reason: reasonFor(group))
            }
        }
        // A learner of a public group is copied up to its parents, and removing a learner role also
        // removes it from the public subgroups: never remove one above a wanted placement.
        let above = Set(wanted.flatMap { tree.ancestors(of: $0) })
        for group in ownedLearnerGroups[userID] ?? [] {
            guard syncedGroups.contains(group), !wanted.contains(group), !above.contains(group),
                  input.lms.memberships["\(group)/\(userID)"]?.roles.contains("learner") == true else { continue }
            add(.removeRole, employee, userID: userID, before: ["group": group, "role": "learner"], reason: "moved: no longer placed in \(tree.groups[group]?.name ?? group)")
        }
    }

    func reasonFor(_ group: String) -> String {
        "placed in \(tree.groups[group]?.name ?? group) by \(input.config.sync.groups.map { $0.hierarchy.joined(separator: " → ") }.filter { !$0.isEmpty }.first ?? "the synced group")"
    }

    /// §6: the supervisor becomes a manager; links hrsync added earlier to a former supervisor go.
    /// Runs after every employee is planned, since it needs to know who resolves to which user.
    mutating func planManager(_ id: Int) {
        guard let employee = input.employees[id], let entry = resolved[id] else { return }
        let userID = entry
        guard userID == nil || userID != adminID else { return }
        let current = userID.flatMap { input.lms.users[$0]?.managers }
        var managerRef: String?
        if let supervisor = employee.supervisorID {
            let boss = input.employees[supervisor]
            if boss.map({ ScopeRule.decide($0, input.config.sync) == .wanted }) == true, let ref = reference(supervisor) {
                managerRef = ref
                if !(current?.contains(ref) ?? false) {
                    add(.addManager, employee, userID: userID, after: ["manager": ref], reason: "supervisor in Personio: #\(supervisor)")
                }
            } else {
                warnings.append("Personio employee \(id): supervisor #\(supervisor) is not a synced 360Learning user; no manager change")
                return
            }
        }
        guard let userID else { return }
        for manager in ownedManagers[userID] ?? [] {
            guard manager != managerRef, current?.contains(manager) == true else { continue }
            add(.removeManager, employee, userID: userID, before: ["manager": manager], reason: "the supervisor changed in Personio")
        }
    }

    mutating func add(_ kind: PlanAction.Kind, _ employee: Employee, userID: String?, before: [String: String?] = [:],
                      after: [String: String?] = [:], reason: String) {
        actions.append(PlanAction(kind: kind, personioID: employee.id, person: employee.displayName, userID: userID,
                                  before: before, after: after, reason: reason))
    }
}
