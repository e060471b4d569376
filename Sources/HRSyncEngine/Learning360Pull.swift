import Foundation
import HRSyncCore
import HRSyncHTTP
import HRSyncStore
import Learning360

/// `pull` for the 360Learning side: everything plans need and nothing more — all users with
/// their status, the `personio` external-id mappings, the user custom-field definitions, the
/// group tree, the roles in the synced groups' subtrees, the connector admin, and, for the users
/// hrsync syncs or may match, their custom-field values (one GET each, only when custom fields
/// are configured) and their links to the managers hrsync must know (one paged GET of
/// subordinates per such manager: see ``ManagerReads``), run concurrently within the read budget.
public struct Learning360Pull: Sendable {
    /// What a 360Learning pull stored, and what `pull` reports of it.
    public struct Outcome: Sendable {
        /// The snapshot just stored, which the `learning360` ref now names.
        public var snapshot: ObjectID
        /// The snapshot the ref named before; nil on the first pull.
        public var previous: ObjectID?
        /// How many users the snapshot holds, whatever their status.
        public var users: Int
        /// How many users were read in detail (values, managers): those hrsync syncs or may match.
        public var detailed: Int
        /// How many groups the platform has.
        public var groups: Int
        /// Records added, changed and removed since `previous`; nil on the first pull.
        public var changes: SnapshotChanges?
        /// What the pull skipped or doubted (ids that are not ids, values over their cap, unknown synced groups), one line each.
        public var warnings: [String]
    }

    /// The `platform` of hrsync's external-id mappings, which tie a 360Learning user to a Personio id (§2).
    public static let platform = "personio"

    let config: HRSyncConfig
    /// nil: a reading that stores nothing (`check`).
    let state: StateDirectory?
    let client: any Learning360API
    /// The Personio side, to know which users hrsync syncs or may match (`run` lets go of it once read).
    var employees: [Int: Employee]
    var concurrency: Int
    var force: Bool
    var now: Date
    var managerReads: ManagerReads

    /// The shrink guard (SYNC-RULES §7) on this side too: a platform that suddenly shows far fewer
    /// users (a wrong base_url, a credential that lost permissions) would plan mass re-creations.
    public enum Refusal: Error, LocalizedError {
        /// `current` users against the previous snapshot's `previous`: `percent` fewer, over `sync.max_shrink` (`limit`).
        case shrunk(previous: Int, current: Int, percent: Double, limit: Double)

        /// What was refused, its likely causes, and `pull --force` if the drop is real.
        public var errorDescription: String? {
            switch self {
            case .shrunk(let previous, let current, let percent, let limit):
                "360Learning returned \(current) users, \(String(format: "%.1f", percent))% fewer than the previous snapshot's \(previous) (sync.max_shrink is \(String(format: "%g", limit))%). A wrong base_url or a credential that lost permissions looks like users vanishing: check it, then run 'hrsync pull --force' if the drop is real. The previous snapshot stays current."
            }
        }
    }

    /// `employees` are the Personio side (this pull's, or the latest snapshot's); `concurrency` bounds the reads in
    /// flight while the client's limiter sets their pace (§9); `managerReads` picks how managers are learnt.
    public init(
        config: HRSyncConfig, state: StateDirectory, client: any Learning360API, employees: [Int: Employee],
        force: Bool = false, concurrency: Int = 16, now: Date = Invocation.now, managerReads: ManagerReads = .fromManagers
    ) {
        self.config = config
        self.state = state
        self.client = client
        self.employees = employees
        self.force = force
        self.concurrency = concurrency
        self.now = now
        self.managerReads = managerReads
    }

    /// Reads the lists, checks the shrink guard, reads the candidates' details, the synced subtrees' roles and
    /// the connector admin, then stores the snapshot, moves the ref and logs the pull. `progress` gets
    /// (per-user reads done, total). Throws `Refusal` before anything is stored, and the client's errors as they come.
    ///
    /// Consuming: the employees are let go of once read, before the snapshot is encoded, and the
    /// platform table by table while it is encoded, before the records are packed (at 100,000
    /// employees each is about 100 MB).
    public consuming func run(progress: (@Sendable (Int, Int?) -> Void)? = nil) async throws -> Outcome {
        guard let state else { preconditionFailure("Learning360Pull.run needs a state directory") }
        let previousID = try state.refs.get(Refs.learning360)
        let force = self.force, config = self.config
        var (lms, detailed, warnings) = try await read(progress: progress) { lms in
            if !force, let previousID, let before = try state.snapshots.info(previousID).meta["users"].flatMap(Int.init),
                case .refuse(_, _, let percent, let limit) = ShrinkGuard.check(
                    previous: before, current: lms.users.count, maxShrinkPercent: config.sync.maxShrinkPercent)
            {
                throw Refusal.shrunk(previous: before, current: lms.users.count, percent: percent, limit: limit)
            }
        }
        employees = [:]
        let users = lms.users.count, groups = lms.groups.count
        let records = try LMSSnapshotRecords.encode(draining: &lms)
        let snapshot = Snapshot(
            kind: LMSSnapshotRecords.kind, takenAt: now,
            meta: ["base_url": config.learning360.baseURL, "users": String(users), "detailed": String(detailed)],
            records: records)
        let id = try state.snapshots.write(snapshot, parent: previousID)
        try state.refs.set(Refs.learning360, to: id)
        let changes = try previousID.map { try state.snapshots.changes(from: $0, to: id) }
        let changed = Self.describe(changes)
        try state.log.append(
            Invocation.event(
                .pull, reads: previousID.map { [$0] } ?? [], writes: [id],
                summary:
                    "360learning: \(Plural.count(users, "user")), \(detailed) read in detail, \(Plural.count(groups, "group")) (\(changed))"
            ))
        return Outcome(
            snapshot: id, previous: previousID, users: users, detailed: detailed, groups: groups,
            changes: changes, warnings: warnings)
    }

    /// A reading for a check: what `pull` reads, kept in memory (no state directory, no shrink guard).
    public init(readingOnly config: HRSyncConfig, client: any Learning360API, employees: [Int: Employee], concurrency: Int = 16) {
        self.config = config
        self.state = nil
        self.client = client
        self.employees = employees
        self.force = true
        self.concurrency = concurrency
        self.now = Invocation.now
        self.managerReads = .fromManagers
    }

    /// Reads what a pull reads and stores nothing: the state, how many users were read in detail, and the warnings.
    /// `afterLists` may refuse (the shrink guard) before the per-user reads start.
    public func read(
        progress: (@Sendable (Int, Int?) -> Void)? = nil, afterLists: (LMSState) throws -> Void = { _ in }
    ) async throws -> (LMSState, detailed: Int, warnings: [String]) {
        let client = self.client
        async let usersList = client.users(mail: nil, status: nil)
        async let groupsList = client.groups()
        async let fieldsList = client.customFields()
        async let mappingsList = client.externalIDs(platform: Self.platform, type: "user")
        var lms = LMSState()
        var notes: [PlanNote] = []
        for user in try await usersList.withValidIDs("user", \._id, notes: &notes) { lms.users[user._id] = LMSUserRecord(user, notes: &notes) }
        lms.add(try await groupsList, notes: &notes)
        lms.add(try await fieldsList, notes: &notes)
        lms.add(try await mappingsList, notes: &notes)
        var warnings = notes.map(\.message)
        notes = []
        try afterLists(lms)
        let detailed = candidates(lms)
        try await readDetails(of: detailed, into: &lms, notes: &notes, progress: progress)
        warnings += notes.map(\.message)
        try await readMemberships(into: &lms, warnings: &warnings)
        try await readAdmin(into: &lms)
        return (lms, detailed.count, warnings)
    }

    /// Users hrsync syncs or may match: mapped to a Personio id, or with a Personio employee's email.
    func candidates(_ lms: LMSState) -> [String] {
        let mails = Set(employees.values.compactMap { $0.email.map(MatchRule.normalize) })
        var ids = Set(lms.mappings.values.filter { Int($0.personioID).map { employees[$0] != nil } ?? false }.map(\.userID))
        for user in lms.users.values where user.mail.map({ mails.contains(MatchRule.normalize($0)) }) ?? false {
            ids.insert(user.id)
        }
        return ids.filter { lms.users[$0] != nil }.sorted()
    }

    func readDetails(of ids: [String], into lms: inout LMSState, notes: inout [PlanNote], progress: (@Sendable (Int, Int?) -> Void)?) async throws {
        let client = self.client
        // The apply records name the links hrsync added; if they cannot be read (plan will
        // refuse and say why), read every user's managers rather than guess.
        // Without a state directory (a check's reading) hrsync has added nothing yet.
        let records: [ApplyRecord]? = state.map { state in (try? PlanEngine(config: config, configBytes: Data(), state: state).applyRecords())?.0 } ?? []
        let named = managerReads == .fromManagers ? records.map { ManagerLinks.named(by: $0) } : nil
        let managers = named.map { ManagerLinks.managersToRead(lms: lms, employees: employees, order: config.sync.match, named: $0) }
        let valueReads = config.sync.customFields.isEmpty ? [] : ids
        let total = valueReads.count + (managers?.count ?? ids.count)
        var done = 0
        try await forEachConcurrently(valueReads, width: concurrency) { id in
            try await client.customValues(of: id)
        } collect: { id, values in
            lms.users[id]?.customValues = LMSUserRecord.values(values, of: id, notes: &notes)
            done += 1
            progress?(done, total)
        }
        if let managers {
            var subordinates: [String: [String]] = [:]
            try await forEachConcurrently(managers, width: concurrency) { id in
                try await Self.subordinates(of: id, client)
            } collect: { id, list in
                subordinates[id] = list
                done += 1
                progress?(done, total)
            }
            ManagerLinks.invert(subordinates, onto: ids, in: &lms)
            lms.managersRead = Set(managers)
        } else {
            try await forEachConcurrently(ids, width: concurrency) { id in
                try await client.managers(of: id)
            } collect: { id, list in
                lms.users[id]?.managers = list
                done += 1
                progress?(done, total)
            }
        }
    }

    /// A manager deleted for good since the users list was read (404 `userNotFound`) has no
    /// subordinates left; any other 404 is an error, not an empty list.
    static func subordinates(of id: String, _ client: any Learning360API) async throws -> [String] {
        do { return try await client.subordinates(of: id) } catch let error as Learning360Error {
            if case .api(404, "userNotFound", _, _) = error { return [] }
            throw error
        }
    }

    /// The role lists of every group in the synced subtrees, read concurrently.
    func readMemberships(into lms: inout LMSState, warnings: inout [String]) async throws {
        let tree = GroupTree(lms.groups)
        var groupIDs: [String] = []
        for (index, synced) in config.sync.groups.enumerated() {
            let subtree = tree.subtree(of: synced.id)
            if index == 0 {
                for cycle in tree.cycles {
                    warnings.append("360Learning's group tree has a cycle (\((cycle + [cycle[0]]).joined(separator: " → "))): each group in it is read once")
                }
            }
            if subtree.isEmpty { warnings.append("sync.groups[\(index)]: \(synced.id) is not a 360Learning group; it is skipped") }
            groupIDs += subtree.filter { !groupIDs.contains($0) }
        }
        let client = self.client
        try await forEachConcurrently(groupIDs, width: concurrency) { id in
            try await client.roles(inGroup: id)
        } collect: { groupID, entries in
            for entry in entries {
                guard let userID = entry.userId else { continue }
                lms.addRole(entry.role, group: groupID, user: userID)
            }
        }
        lms.sortRoles()
    }

    func readAdmin(into lms: inout LMSState) async throws {
        let mail = config.learning360.adminEmail
        try await lms.setAdmin(mail: mail, user: LMSState.connectorAdmin(mail: mail, among: lms.users.values), client: client)
    }
}
