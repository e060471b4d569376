import Foundation

/// The pure planner: (Personio employees, 360Learning state, config, ownership) → Plan.
/// Every rule it applies is a named function of `Rules/`; this file only puts them in order.
public struct Planner {
    public struct Input: Sendable {
        public var employees: [Int: Employee]
        public var lms: LMSState
        public var config: HRSyncConfig
        public var ownership: Ownership
        public var attributeTypes: [String: String]
        public var personioSnapshot: String
        public var learning360Snapshot: String
        public var configHash: String

        public init(employees: [Int: Employee], lms: LMSState, config: HRSyncConfig, ownership: Ownership = Ownership(),
                    attributeTypes: [String: String] = [:], personioSnapshot: String = "", learning360Snapshot: String = "", configHash: String = "") {
            self.employees = employees
            self.lms = lms
            self.config = config
            self.ownership = ownership
            self.attributeTypes = attributeTypes
            self.personioSnapshot = personioSnapshot
            self.learning360Snapshot = learning360Snapshot
            self.configHash = configHash
        }
    }

    public enum Failure: Error, Equatable, LocalizedError {
        case adminNotUsable(String)

        public var errorDescription: String? {
            switch self {
            case .adminNotUsable(let why): why
            }
        }
    }

    /// `twoCoresFrom`: from this many employees on, employees are planned in two halves at once
    /// (the plan is the same either way; tests compare both).
    public static func plan(_ input: Input, twoCoresFrom threshold: Int = 2_000) throws -> Plan {
        try AdminRule.check(input.lms.admin, mail: input.config.learning360.adminEmail)
        var context = PlanContext(input: input)
        context.planFieldDefinitions()
        let ids = input.employees.keys.sorted()
        context.forEachEmployee(ids, twoCoresFrom: threshold) { context, id in context.plan(context.input.employees[id]!) }
        context.forEachEmployee(ids, twoCoresFrom: threshold) { context, id in context.planManager(id) }
        var actions = context.actions.enumerated().sorted { ($0.element.kind.phase, $0.offset) < ($1.element.kind.phase, $1.offset) }.map(\.element)
        var summary = PlanSummary()
        var people: [String: Set<PlanAction.Kind>] = [:]
        for action in actions { people[action.userID ?? "p\(action.personioID ?? 0)", default: []].insert(action.kind) }
        for kinds in people.values {
            if kinds.contains(.createUser) { summary.create += 1 }
            else if kinds.contains(.restoreUser) { summary.restore += 1 }
            else if kinds.contains(.deleteUser) { summary.delete += 1 }
            else if !kinds.subtracting([.createField]).isEmpty { summary.update += 1 }
        }
        summary.warnings = context.warnings.count
        summary.conflicts = context.conflicts.count
        let guardVerdict = DeletionGuard.check(deletes: summary.delete, syncedUsers: context.syncedUsers, limit: input.config.sync.maxDeletes)
        if actions.isEmpty { actions = [] }
        return Plan(formatVersion: Plan.formatVersion, personioSnapshot: input.personioSnapshot, learning360Snapshot: input.learning360Snapshot,
                    configHash: input.configHash, target: input.config.learning360.baseURL, actions: actions,
                    warnings: context.warnings, conflicts: context.conflicts, held: guardVerdict != nil, heldReason: guardVerdict, summary: summary)
    }
}

/// SYNC-RULES §1: the connector admin must be an active user with admin or owner in the root group.
public enum AdminRule {
    public static func check(_ admin: LMSAdminRecord?, mail: String) throws {
        guard let admin, admin.userID != nil else {
            throw Planner.Failure.adminNotUsable("the connector admin \(mail) (learning360.admin_email) is not a 360Learning user; set it to a platform admin or owner")
        }
        guard admin.status == "active" else {
            throw Planner.Failure.adminNotUsable("the connector admin \(mail) is \(admin.status ?? "not active") in 360Learning; it must be an active user")
        }
        guard admin.rootRoles.contains(where: { $0 == "admin" || $0 == "owner" }) else {
            throw Planner.Failure.adminNotUsable("the connector admin \(mail) holds no admin or owner role in the platform's root group")
        }
    }
}

/// SYNC-RULES §7, deletion guard: more deletes than `sync.max_deletes` allows holds the plan.
public enum DeletionGuard {
    /// The reason the plan is held, or nil.
    public static func check(deletes: Int, syncedUsers: Int, limit: DeletionLimit) -> String? {
        let allowed = limit.allowedDeletes(syncedUsers: syncedUsers)
        guard deletes > allowed else { return nil }
        return "\(deletes) deletes exceed sync.max_deletes (\(limit) of \(syncedUsers) synced users allows \(allowed)); run 'hrsync apply --allow-deletes \(deletes)' if they are real"
    }
}
