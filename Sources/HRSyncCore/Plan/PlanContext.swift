import Foundation

/// The planner's working state while it walks the employees.
struct PlanContext {
    let input: Planner.Input
    let index: MatchIndex
    let tree: GroupTree
    var actions: [PlanAction] = []
    var warnings: [String] = []
    var conflicts: [String] = []
    /// Personio id → the 360Learning user (nil id: created by this plan).
    var resolved: [Int: String?] = [:]
    /// Configured custom fields: Personio key → (field id or nil when created by this plan, name, type).
    var fields: [(key: String, id: String?, name: String, type: String)] = []
    var syncedUsers = 0
    var warnedMissing: Set<String> = []
    /// Every group in the synced subtrees (§5: roles outside them are never touched).
    let syncedGroups: Set<String>
    /// Each employee's match, computed once.
    let matches: [Int: MatchRule.Outcome]

    init(input: Planner.Input) {
        self.input = input
        index = MatchIndex(lms: input.lms, employees: input.employees.values)
        tree = GroupTree(input.lms.groups)
        syncedGroups = Set(input.config.sync.groups.flatMap { [tree] in tree.subtree(of: $0.id) })
        var matches: [Int: MatchRule.Outcome] = [:]
        matches.reserveCapacity(input.employees.count)
        var synced = Set<String>()
        for (id, employee) in input.employees {
            let outcome = MatchRule.match(employee, index, order: input.config.sync.match)
            matches[id] = outcome
            if case .matched(let user, _) = outcome, input.lms.users[user]?.status != "deleted" { synced.insert(user) }
        }
        self.matches = matches
        syncedUsers = synced.count
    }

    var adminID: String? { input.lms.admin?.userID }

    /// SYNC-RULES §4: a configured field without a definition (by name, users) is created.
    mutating func planFieldDefinitions() {
        let employees = input.employees.values
        for mapping in input.config.sync.customFields {
            let type = CustomFieldRule.type(of: mapping.personioKey, in: employees, attributeTypes: input.attributeTypes)
            if let existing = input.lms.fields.values.first(where: { $0.name == mapping.name }) {
                if existing.type != type { warnings.append("custom field '\(mapping.name)' is a \(existing.type) field in 360Learning; Personio's \(mapping.personioKey) is written as \(existing.type)") }
                fields.append((mapping.personioKey, existing.id, mapping.name, existing.type))
            } else {
                fields.append((mapping.personioKey, nil, mapping.name, type))
                actions.append(PlanAction(kind: .createField, personioID: nil, person: mapping.name, userID: nil,
                                          after: ["name": mapping.name, "type": type], reason: "configured in sync.custom_fields, not defined in 360Learning"))
            }
        }
        // §3: missing is not empty. A mapped attribute no employee carries is warned about once.
        let mapped = FieldMapping.fields.map(\.personio) + [PersonioKey.supervisor] + input.config.sync.customFields.map(\.personioKey)
        for key in mapped where !employees.isEmpty && !employees.contains(where: { $0[key] != nil }) {
            if warnedMissing.insert(key).inserted {
                warnings.append("attribute '\(key)' is in no Personio employee's payload (not readable with this credential?): what it maps is left as it is")
            }
        }
    }

    mutating func plan(_ employee: Employee) {
        switch ScopeRule.decide(employee, input.config.sync) {
        case .filteredOut:
            return
        case .invalidStatus(let status):
            warnings.append("Personio employee \(employee.id) (\(employee.displayName)) skipped: status '\(status ?? "missing")' is not active, onboarding, leave or inactive")
        case .leaver:
            planLeaver(employee)
        case .wanted:
            planWanted(employee)
        }
    }

    mutating func planLeaver(_ employee: Employee) {
        guard case .matched(let userID, _) = matches[employee.id],
              let user = input.lms.users[userID], user.status != "deleted" else { return }
        if userID == adminID {
            warnings.append("Personio employee \(employee.id) is inactive but is the connector admin \(input.config.learning360.adminEmail): held, not deleted")
            return
        }
        actions.append(PlanAction(kind: .deleteUser, personioID: employee.id, person: employee.displayName, userID: userID,
                                  before: ["status": user.status], after: ["status": "deleted"], reason: "inactive in Personio"))
    }
}
