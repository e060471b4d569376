import Foundation

/// A sandbox saved to a file (`hrsync-sandbox serve --state FILE`): its company, its platform and
/// its ports, so a restarted sandbox is the same one and a config pointing at it stays valid.
public struct SandboxState: Codable, Sendable {
    /// The emulated Personio's port, bound again on restore so a config pointing at it stays valid.
    public var personioPort: Int
    /// The emulated 360Learning's port, bound again on restore so a config pointing at it stays valid.
    public var learning360Port: Int
    /// The emulated Personio's people, in their order.
    public var employees: [SandboxEmployee]
    /// The emulated 360Learning's records.
    public var platform: Learning360Emulator.Saved
    /// A replica's people (`serve --from-state`), served instead of `employees`.
    public var replicaEmployees: [ReplicaEmployee]?
    /// Where a replica comes from; nil for a synthetic sandbox.
    public var replica: ReplicaOrigin?

    enum CodingKeys: String, CodingKey {
        case personioPort = "personio_port", learning360Port = "learning360_port", employees, platform
        case replicaEmployees = "replica_employees", replica
    }

    /// Reads a saved state; throws when the file is missing or does not hold one.
    public static func read(_ path: String) throws -> SandboxState {
        try JSONDecoder().decode(SandboxState.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Written whole to a temp file and renamed, so a reader never sees half of it.
    public func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let temp = path + ".tmp-\(getpid())"
        // 0600 from the start: a replica's file holds personal data (and no sandbox file is anyone else's business).
        let bytes = try encoder.encode(self)
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission) }
        defer { close(fd) }
        fchmod(fd, 0o600)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        // On disk before the rename: a crash leaves the old file or the new one, never an empty one.
        guard written == bytes.count, fsync(fd) == 0, rename(temp, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}

extension Sandbox {
    /// Requests answered by either API that may have changed something (see ``SandboxServer/writesAnswered``).
    public var writesAnswered: Int { personioServer.writesAnswered + learning360Server.writesAnswered }

    /// The sandbox as it is now, for ``SandboxState/write(to:)``.
    public func state() async -> SandboxState {
        SandboxState(
            personioPort: personioServer.port, learning360Port: learning360Server.port,
            employees: await personio.all, platform: await learning360.saved(),
            replicaEmployees: await personio.replicaPeople, replica: await personio.replicaOrigin)
    }

    /// A sandbox as saved: the same ports, people and platform (settings give limits and latency).
    public static func start(restoring state: SandboxState, _ settings: Settings = Settings()) async throws -> Sandbox {
        var settings = settings
        settings.personioPort = state.personioPort
        settings.learning360Port = state.learning360Port
        let sandbox = try await start(settings)
        await sandbox.personio.replaceAll(state.employees)
        if let people = state.replicaEmployees { await sandbox.personio.serveReplica(people, origin: state.replica) }
        await sandbox.learning360.restore(state.platform)
        return sandbox
    }
}

extension PersonioEmulator {
    /// Replaces the whole company with `people`, in that order (a restored sandbox).
    public func replaceAll(_ people: [SandboxEmployee]) {
        employees = Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0) })
        order = people.map(\.id)
    }

    /// Serves `people` instead of the synthetic company (a replica of `origin`).
    public func serveReplica(_ people: [ReplicaEmployee], origin: ReplicaOrigin?) {
        replica = Dictionary(people.map { ($0.id, $0) }) { _, last in last }
        replicaOrigin = origin
        // The synthetic company goes: nothing but the snapshot's people is served or saved.
        employees = [:]
        order = []
    }

    /// A replica's people by Personio id; nil for a synthetic sandbox.
    public var replicaPeople: [ReplicaEmployee]? { replica.map { $0.values.sorted { $0.id < $1.id } } }
}

extension Learning360Emulator {
    /// The emulated platform's records as saved in a ``SandboxState``: users, groups, roles, mappings,
    /// fields, values, managers, and the id counter, so a restored platform never hands out an id twice.
    public struct Saved: Codable, Sendable {
        var users: [LMSUser]
        var groups: [LMSGroup]
        var roles: [String: [String: [String]]]
        var mappings: [LMSMapping]
        var fields: [LMSField]
        var values: [String: [LMSValue]]
        var managers: [String: [String]]
        var nextID: Int
        var rootGroupID: String
        /// The synced group a config for this sandbox names.
        public var employeesGroupID: String
    }

    /// The platform's records as they are now.
    public func saved() -> Saved {
        Saved(
            users: userOrder.compactMap { users[$0] }, groups: groupOrder.compactMap { groups[$0] },
            roles: roles.mapValues { $0.mapValues { $0.sorted() } }, mappings: mappingOrder.compactMap { mappings[$0] },
            fields: fieldOrder.compactMap { fields[$0] }, values: values, managers: managers, nextID: nextID,
            rootGroupID: rootGroupID, employeesGroupID: employeesGroupID)
    }

    /// Replaces the platform's records with saved ones and schedules their pending deactivations again.
    public func restore(_ saved: Saved) {
        users = Dictionary(uniqueKeysWithValues: saved.users.map { ($0.id, $0) })
        userOrder = saved.users.map(\.id)
        groups = Dictionary(uniqueKeysWithValues: saved.groups.map { ($0.id, $0) })
        groupOrder = saved.groups.map(\.id)
        roles = saved.roles.mapValues { $0.mapValues(Set.init) }
        mappings = Dictionary(uniqueKeysWithValues: saved.mappings.map { ($0.id, $0) })
        mappingOrder = saved.mappings.map(\.id)
        fields = Dictionary(uniqueKeysWithValues: saved.fields.map { ($0.id, $0) })
        fieldOrder = saved.fields.map(\.id)
        values = saved.values
        managers = saved.managers
        scheduledDeactivations = saved.users.reduce(into: [:]) { due, user in
            if user.status != "deleted", let at = user.toBeDeactivatedAt.flatMap(LMSRules.instant) { due[user.id] = at }
        }
        nextID = saved.nextID
        rootGroupID = saved.rootGroupID
        employeesGroupID = saved.employeesGroupID
    }
}

extension SandboxEmployee: Codable {
    enum CodingKeys: String, CodingKey {
        case id, firstName = "first_name", lastName = "last_name", email, status, position, supervisorID = "supervisor_id", office
        case department, team, employmentType = "employment_type", hireDate = "hire_date", weeklyHours = "weekly_hours"
        case costCenter = "cost_center", skills, terminationDate = "termination_date"
    }

    /// Decodes an employee as ``SandboxState`` saves it: snake_case keys, dates as `[year, month, day]`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let day = try c.decode([Int].self, forKey: .hireDate)
        guard day.count == 3 else { throw DecodingError.dataCorruptedError(forKey: .hireDate, in: c, debugDescription: "[year, month, day]") }
        self.init(
            id: try c.decode(Int.self, forKey: .id), firstName: try c.decode(String.self, forKey: .firstName),
            lastName: try c.decode(String.self, forKey: .lastName), email: try c.decode(String.self, forKey: .email),
            status: try c.decode(String.self, forKey: .status), position: try c.decode(String.self, forKey: .position),
            supervisorID: try c.decodeIfPresent(Int.self, forKey: .supervisorID), office: try c.decodeIfPresent(String.self, forKey: .office),
            department: try c.decodeIfPresent(String.self, forKey: .department), team: try c.decodeIfPresent(String.self, forKey: .team),
            employmentType: try c.decode(String.self, forKey: .employmentType), hireDate: (day[0], day[1], day[2]),
            weeklyHours: try c.decode(String.self, forKey: .weeklyHours), costCenter: try c.decode(String.self, forKey: .costCenter),
            skills: try c.decode([String].self, forKey: .skills))
        if let end = try c.decodeIfPresent([Int].self, forKey: .terminationDate) {
            guard end.count == 3 else { throw DecodingError.dataCorruptedError(forKey: .terminationDate, in: c, debugDescription: "[year, month, day]") }
            terminationDate = (end[0], end[1], end[2])
        }
    }

    /// Encodes an employee with snake_case keys and dates as `[year, month, day]`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(firstName, forKey: .firstName)
        try c.encode(lastName, forKey: .lastName)
        try c.encode(email, forKey: .email)
        try c.encode(status, forKey: .status)
        try c.encode(position, forKey: .position)
        try c.encodeIfPresent(supervisorID, forKey: .supervisorID)
        try c.encodeIfPresent(office, forKey: .office)
        try c.encodeIfPresent(department, forKey: .department)
        try c.encodeIfPresent(team, forKey: .team)
        try c.encode(employmentType, forKey: .employmentType)
        try c.encode([hireDate.0, hireDate.1, hireDate.2], forKey: .hireDate)
        try c.encode(weeklyHours, forKey: .weeklyHours)
        try c.encode(costCenter, forKey: .costCenter)
        try c.encode(skills, forKey: .skills)
        try c.encodeIfPresent(terminationDate.map { [$0.0, $0.1, $0.2] }, forKey: .terminationDate)
    }
}
