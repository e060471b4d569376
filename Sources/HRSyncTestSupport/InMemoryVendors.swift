import Foundation
import HRSyncCore
import HRSyncEngine
import Learning360
import Personio

/// Personio in memory: the employees a test sets, all on one "page".
public actor InMemoryPersonio: PersonioSource {
    /// What every read answers from; a test changes it between pulls (or calls `set`).
    public var employees: [Employee]
    /// Reads so far, of any kind.
    public private(set) var reads = 0

    /// Personio with these employees.
    public init(_ employees: [Employee]) { self.employees = employees }

    /// Replaces the employees from outside the actor: the next pull sees the new ones.
    public func set(_ employees: [Employee]) { self.employees = employees }

    /// Every attribute key some employee carries, typed `standard`; counts a read.
    public func attributeDefinitions() async throws -> [PersonioClient.AttributeDefinition] {
        reads += 1
        return Set(employees.flatMap(\.attributes.keys)).sorted().map { .init(key: $0, type: "standard") }
    }

    /// Every employee with only the `keep` attributes, on one page (no progress reported); counts a read.
    public func allEmployees(keep: Set<String>?, knownTypes: [String: String], progress: (@Sendable (Int, Int?) -> Void)?) async throws
        -> PersonioClient.EmployeeList
    {
        reads += 1
        let kept = employees.map { employee in
            Employee(id: employee.id, attributes: keep.map { keep in employee.attributes.filter { keep.contains($0.key) } } ?? employee.attributes)
        }
        return PersonioClient.EmployeeList(employees: kept)
    }

    /// The employee with this id, or none; counts a read.
    public func employee(id: Int, keep: Set<String>?, knownTypes: [String: String]) async throws -> PersonioClient.EmployeeList {
        reads += 1
        return PersonioClient.EmployeeList(employees: employees.filter { $0.id == id }.prefix(1).map { Self.kept($0, keep) })
    }

    /// The employees with this email, compared case-insensitively; counts a read.
    public func employees(email: String, keep: Set<String>?, knownTypes: [String: String]) async throws -> PersonioClient.EmployeeList {
        reads += 1
        return PersonioClient.EmployeeList(employees: employees.filter { $0.email?.lowercased() == email.lowercased() }.map { Self.kept($0, keep) })
    }

    static func kept(_ employee: Employee, _ keep: Set<String>?) -> Employee {
        Employee(id: employee.id, attributes: keep.map { keep in employee.attributes.filter { keep.contains($0.key) } } ?? employee.attributes)
    }
}

/// 360Learning in memory, behaving as the vendor does where the sync relies on it: restore by
/// create, "already done" answers, PUT replacing all custom values. Counts writes.
public actor InMemoryLearning360: Learning360API {
    /// Users by id, as a test seeds and inspects them.
    public var users: [String: LMSUserDTO] = [:]
    /// The group tree (`seed` sets up the usual one).
    public var groups: [GroupDTO] = []
    /// The user custom-field definitions.
    public var fields: [CustomFieldDTO] = []
    /// The external-id mappings of every platform.
    public var mappings: [ExternalIDDTO] = []
    /// Custom values by user id.
    public var values: [String: [CustomValueDTO]] = [:]
    /// Manager ids by user id.
    public var managers: [String: [String]] = [:]
    /// (group, user) → roles.
    public var roles: [RoleKey: Set<String>] = [:]
    /// Writes so far (a bulk operation counts once); hand edits do not count.
    public private(set) var writes = 0
    /// Reads by endpoint ("GET /api/v2/users/{userId}/managers" → count), to check what a pull costs.
    public private(set) var reads: [String: Int] = [:]
    private var nextID = 0x100

    /// An empty platform; `seed` adds the usual groups and the connector admin.
    public init() {}

    /// A root group, an employees group under it, and the connector admin as owner of the root.
    public func seed(adminMail: String, groups extra: [GroupDTO] = []) {
        groups =
            [
                GroupDTO(_id: Self.id(1), name: "ACME", public: false, parentId: nil),
                GroupDTO(_id: Self.id(2), name: "Employees", public: true, parentId: Self.id(1))
            ] + extra
        users[Self.id(3)] = LMSUserDTO(_id: Self.id(3), mail: adminMail, status: "active")
        roles[RoleKey(group: Self.id(1), user: Self.id(3))] = ["owner"]
    }

    /// The `n`th id in 360Learning's form: 24 hex digits, zero-padded.
    public static func id(_ n: Int) -> String { String(repeating: "0", count: 24 - String(n, radix: 16).count) + String(n, radix: 16) }

    func fresh() -> String {
        nextID += 1
        return Self.id(nextID)
    }

    func notFound(_ endpoint: String) -> Learning360Error { .api(status: 404, code: "notFound", message: nil, endpoint: endpoint) }

    // MARK: reads

    /// Users by mail (case-insensitive) and status, each filter optional, sorted by id.
    public func users(mail: String?, status: String?) async throws -> [LMSUserDTO] {
        users.values.filter { user in
            (mail.map { user.mail?.lowercased() == $0.lowercased() } ?? true) && (status.map { user.status == $0 } ?? true)
        }.sorted { $0._id < $1._id }
    }

    /// One user; an unknown id throws a 404.
    public func user(_ id: String) async throws -> LMSUserDTO {
        guard let user = users[id] else { throw notFound("GET /api/v2/users/{userId}") }
        return user
    }

    /// `groups` as they are.
    public func groups() async throws -> [GroupDTO] { groups }
    /// `fields` as they are.
    public func customFields() async throws -> [CustomFieldDTO] { fields }
    /// The mappings of one platform and target type.
    public func externalIDs(platform: String, type: String) async throws -> [ExternalIDDTO] {
        mappings.filter { $0.platform == platform && $0.targetType == type }
    }
    /// A platform's user mappings, filtered by value and/or target user.
    public func externalIDs(platform: String, value: String?, targetID: String?) async throws -> [ExternalIDDTO] {
        mappings.filter { mapping in
            mapping.platform == platform && mapping.targetType == "user" && (value.map { mapping.value == $0 } ?? true)
                && (targetID.map { mapping.targetId == $0 } ?? true)
        }
    }
    /// A user's values (none when unset); counts a read of the endpoint.
    public func customValues(of userID: String) async throws -> [CustomValueDTO] {
        reads["GET /api/v2/users/{userId}/custom-fields/values", default: 0] += 1
        return values[userID] ?? []
    }
    /// A user's managers (none when unset); counts a read of the endpoint.
    public func managers(of userID: String) async throws -> [String] {
        reads["GET /api/v2/users/{userId}/managers", default: 0] += 1
        return managers[userID] ?? []
    }
    /// The users listing `managerID` among their managers, sorted; an unknown manager throws a 404 as the vendor
    /// does for a deleted one. Counts a read of the endpoint.
    public func subordinates(of managerID: String) async throws -> [String] {
        let endpoint = "GET /api/v2/users/{userId}/subordinates"
        reads[endpoint, default: 0] += 1
        guard users[managerID] != nil else { throw notFound(endpoint) }
        return managers.filter { $0.value.contains(managerID) }.keys.sorted()
    }
    /// One row per user and role in the group; counts a read of the endpoint.
    public func roles(inGroup groupID: String) async throws -> [MembershipDTO] {
        reads["GET /api/v2/groups/{groupId}/roles", default: 0] += 1
        return roles.filter { $0.key.group == groupID }.flatMap { key, roles in
            roles.sorted().map { MembershipDTO(userId: key.user, groupId: groupID, role: $0) }
        }
    }
    /// One row per group and role the user holds (learners are not copied to the parent groups here).
    public func roles(ofUser userID: String) async throws -> [MembershipDTO] {
        roles.filter { $0.key.user == userID }.flatMap { key, roles in roles.sorted().map { MembershipDTO(userId: userID, groupId: key.group, role: $0) } }
    }

    // MARK: writes

    /// Creates an invited user, restores a deleted one with the mail (keeping its profile), or answers
    /// `mailAlreadyUsed`; the user gets the body's first membership.
    public func createUser(_ body: CreateUserBody, sendInvitationEmail: Bool) async throws -> CreateUserOutcome {
        writes += 1
        let same = users.values.filter { $0.mail?.lowercased() == body.mail.lowercased() }
        if same.contains(where: { $0.status != "deleted" }) { return .mailAlreadyUsed }
        var user = same.first ?? LMSUserDTO(_id: fresh(), mail: body.mail, status: "invited")
        let restored = user.status == "deleted"
        user.status = "invited"
        if !restored { (user.firstName, user.lastName, user.job, user.lang) = (body.firstName, body.lastName, body.job, body.lang) }
        user.toBeDeactivatedAt = body.toBeDeactivatedAt
        users[user._id] = user
        roles[RoleKey(group: body.membership.groupId, user: user._id), default: []].insert(body.membership.role)
        return restored ? .restored(user) : .created(user)
    }

    /// Patches the profile fields and `toBeDeactivatedAt`; any other key fails 400 `invalidBody`, an unknown user 404.
    public func updateUser(_ id: String, _ fields: [String: String?]) async throws -> LMSUserDTO {
        writes += 1
        guard var user = users[id] else { throw notFound("PATCH /api/v2/users/{userId}") }
        for (key, value) in fields {
            switch key {
            case "firstName": user.firstName = value
            case "lastName": user.lastName = value
            case "mail": user.mail = value
            case "job": user.job = value
            case "toBeDeactivatedAt": user.toBeDeactivatedAt = value
            default: throw Learning360Error.api(status: 400, code: "invalidBody", message: key, endpoint: "PATCH /api/v2/users/{userId}")
            }
        }
        users[id] = user
        return user
    }

    /// Sets `status` to `deleted` (a soft delete); an unknown user is a 404.
    public func deleteUser(_ id: String) async throws -> WriteOutcome {
        writes += 1
        guard users[id] != nil else { throw notFound("DELETE /api/v2/users/{userId}") }
        users[id]?.status = "deleted"
        return .done
    }

    /// Stores the mapping with a fresh id; one for the same platform and value is `mappingAlreadyExists` (already done).
    public func createExternalID(_ mapping: ExternalIDDTO) async throws -> WriteOutcome {
        writes += 1
        if mappings.contains(where: { $0.platform == mapping.platform && $0.value == mapping.value }) { return .alreadyDone("mappingAlreadyExists") }
        var stored = mapping
        stored._id = fresh()
        mappings.append(stored)
        return .done
    }

    /// Removes the mapping; an unknown id is `mappingIdNotFound` (already done).
    public func deleteExternalID(_ id: String) async throws -> WriteOutcome {
        writes += 1
        guard mappings.contains(where: { $0._id == id }) else { return .alreadyDone("mappingIdNotFound") }
        mappings.removeAll { $0._id == id }
        return .done
    }

    /// Removes the field and every user's value of it; an unknown id is `customFieldNotFound` (already done).
    public func deleteCustomField(_ id: String) async throws -> WriteOutcome {
        writes += 1
        guard fields.contains(where: { $0._id == id }) else { return .alreadyDone("customFieldNotFound") }
        fields.removeAll { $0._id == id }
        for user in values.keys { values[user]?.removeAll { $0.customFieldId == id } }
        return .done
    }

    /// Adds a field with a fresh id; a taken name fails 400 `nameAlreadyTaken`.
    public func createCustomField(name: String, type: String) async throws -> CustomFieldDTO {
        writes += 1
        if fields.contains(where: { $0.name == name }) {
            throw Learning360Error.api(status: 400, code: "nameAlreadyTaken", message: nil, endpoint: "POST /api/v2/custom-fields")
        }
        var field = CustomFieldDTO(name: name, type: type)
        field._id = fresh()
        fields.append(field)
        return field
    }

    /// Replaces all of the user's values, as the vendor's PUT does.
    public func replaceCustomValues(of userID: String, _ list: [CustomValueDTO]) async throws -> [CustomValueDTO] {
        writes += 1
        values[userID] = list
        return list
    }

    /// Adds the role; one held already is `alreadyInGroup` (already done).
    public func addRole(_ role: String, group groupID: String, user userID: String) async throws -> WriteOutcome {
        writes += 1
        return roles[RoleKey(group: groupID, user: userID), default: []].insert(role).inserted ? .done : .alreadyDone("alreadyInGroup")
    }

    /// Removes the role; one not held is `userNotFoundInGroup` (already done).
    public func removeRole(_ role: String, group groupID: String, user userID: String) async throws -> WriteOutcome {
        writes += 1
        return roles[RoleKey(group: groupID, user: userID)]?.remove(role) != nil ? .done : .alreadyDone("userNotFoundInGroup")
    }

    /// Bulk operations run at once; a row naming an unknown user, or removing a role the user
    /// lacks, fails alone. `bulkEnabled` false answers 503 `bulkAPIDisabled`.
    public private(set) var bulkResultsByID: [String: [BulkResultDTO]] = [:]
    /// What a status read of a known operation answers (tests of operations that never finish).
    public var bulkStatus = "completed"
    /// Sets `bulkStatus` from outside the actor.
    public func setBulkStatus(_ status: String) { bulkStatus = status }
    /// Rows sent in bulk operations so far.
    public private(set) var bulkRows = 0
    /// False: every bulk operation is refused (503), as on a platform without the bulk API.
    public var bulkEnabled = true
    /// Sets `bulkEnabled` from outside the actor.
    public func setBulkEnabled(_ enabled: Bool) { bulkEnabled = enabled }

    /// Applies the rows at once and keeps their results under a fresh operation id, which it returns; counts one write.
    public func startBulkMemberships(remove: Bool, _ rows: [BulkMembershipRow]) async throws -> String {
        let endpoint = "\(remove ? "DELETE" : "POST") /api/v2/bulk/groups/memberships"
        guard bulkEnabled else { throw Learning360Error.api(status: 503, code: "bulkAPIDisabled", message: nil, endpoint: endpoint) }
        writes += 1
        bulkRows += rows.count
        let id = fresh()
        bulkResultsByID[id] = rows.map { row in
            let key = RoleKey(group: row.groupId, user: row.userId)
            guard users[row.userId] != nil else { return BulkResultDTO(input: row, status: "error", errorMessage: "userNotFound") }
            if remove {
                guard roles[key]?.remove(row.role) != nil else { return BulkResultDTO(input: row, status: "error", errorMessage: "userNotFoundInGroup") }
            } else {
                roles[key, default: []].insert(row.role)
            }
            return BulkResultDTO(input: row, status: "success")
        }
        return id
    }

    /// The operation, in `bulkStatus`; an unknown id is a 404. Counts a read.
    public func bulkOperation(_ id: String) async throws -> BulkOperationDTO {
        reads["GET /api/v2/bulk/operations/{bulkOperationId}", default: 0] += 1
        guard bulkResultsByID[id] != nil else { throw notFound("GET /api/v2/bulk/operations/{bulkOperationId}") }
        return BulkOperationDTO(_id: id, status: bulkStatus)
    }

    /// The rows' results of the operation; an unknown id is a 404. Counts a read.
    public func bulkResults(_ id: String) async throws -> [BulkResultDTO] {
        reads["GET /api/v2/bulk/operations/{bulkOperationId}/results", default: 0] += 1
        guard let results = bulkResultsByID[id] else { throw notFound("GET /api/v2/bulk/operations/{bulkOperationId}/results") }
        return results
    }

    /// Adds the link; an existing one is `managerAlreadyAdded` (already done).
    public func addManager(_ managerID: String, to userID: String) async throws -> WriteOutcome {
        writes += 1
        if managers[userID]?.contains(managerID) == true { return .alreadyDone("managerAlreadyAdded") }
        managers[userID, default: []].append(managerID)
        return .done
    }

    /// Removes the link; a missing one is `managerNotFound` (already done).
    public func removeManager(_ managerID: String, from userID: String) async throws -> WriteOutcome {
        writes += 1
        guard managers[userID]?.contains(managerID) == true else { return .alreadyDone("managerNotFound") }
        managers[userID]?.removeAll { $0 == managerID }
        return .done
    }

    /// A hand edit in the admin UI (not counted as hrsync's write).
    /// Users disappear from every answer (a platform switched, a credential that lost scope).
    public func vanish(where predicate: @Sendable (LMSUserDTO) -> Bool) {
        users = users.filter { !predicate($0.value) }
    }

    /// Changes a user in place, as an admin in the UI would (not counted as hrsync's write); an unknown id is ignored.
    public func editByHand(_ id: String, _ change: @Sendable (inout LMSUserDTO) -> Void) {
        if var user = users[id] { change(&user); users[id] = user }
    }

    /// A user made by hand in the admin UI (not counted as hrsync's write).
    public func addByHand(mail: String, status: String = "active") -> String {
        let id = fresh()
        users[id] = LMSUserDTO(_id: id, mail: mail, status: status)
        return id
    }

    /// Records as a faulty answer would carry them, ids unchecked (what a pull must survive).
    public func addMalformed(user: LMSUserDTO? = nil, group: GroupDTO? = nil, field: CustomFieldDTO? = nil, mapping: ExternalIDDTO? = nil) {
        if let user { users[user._id] = user }
        if let group { groups.append(group) }
        if let field { fields.append(field) }
        if let mapping { mappings.append(mapping) }
    }

    /// A user's managers set by hand in the admin UI (not counted as hrsync's write).
    public func setManagersByHand(_ userID: String, _ list: [String]) {
        managers[userID] = list
    }
}
