import Foundation

/// The emulated 360Learning API v2, as strict as the vendor documents it: token and
/// `360-api-version: v2.0` on every call, body validation, fixed page sizes with `Link` paging,
/// soft delete and restore-by-create (200), `mailAlreadyUsed`, external-id uniqueness, PUT that
/// replaces all custom values, several managers per user, `user-admin` in role paths, upward
/// learner propagation in public groups, 50 reads/s and 10 writes/s (scalable), faults, and a
/// record of the invitation emails that would have gone out.
public actor Learning360Emulator {
    /// How strict and how fast the emulated platform is, and the group tree it starts with.
    public struct Settings: Sendable {
        /// 1 = the real limits (50 reads/s, 10 writes/s); 10 = ten times faster windows; 0 = no limits,
        /// and bulk operations finish at once.
        public var rateLimitScale: Double = 1
        /// Added before every answer, to imitate a distant server.
        public var latencyMilliseconds = 0
        /// How long a token lasts; 3600 s, like the real one.
        public var tokenLifetimeSeconds = 3600
        /// The office groups under `Employees`, each with every department below it.
        public var offices = CompanyGenerator.offices
        /// The department groups under each office.
        public var departments = CompanyGenerator.departments
        /// The defaults: real limits, no latency, the generator's offices and departments.
        public init() {}
    }

    /// The only client id the token endpoint accepts.
    public static let clientID = "sandbox-360-client"
    /// The only client secret the token endpoint accepts.
    public static let clientSecret = "sandbox-360-secret"
    /// The mail of the platform's owner, there from the start; deleting the owner is refused (`userIsCompanyOwner`).
    public static let adminMail = "lms-admin@acme.example"

    /// Faults to inject into the next matching requests.
    public let faults = FaultPlan()
    let settings: Settings
    var users: [String: LMSUser] = [:]
    var userOrder: [String] = [] { didSet { subordinateIndex = nil } }
    var groups: [String: LMSGroup] = [:]
    var groupOrder: [String] = []
    /// groupId → userId → roles (API spelling, camelCase `userAdmin`).
    var roles: [String: [String: Set<String>]] = [:] { didSet { roleListings = [:] } }
    /// groupId → its roles as the list endpoint pages them (by user, then role), built on the
    /// first read after a change: sorting a 100,000-member group for each page of 1,000 was
    /// 50 ms a request, and the emulator answers one request at a time.
    var roleListings: [String: [(user: String, role: String)]] = [:]
    var mappings: [String: LMSMapping] = [:]
    var mappingOrder: [String] = []
    var fields: [String: LMSField] = [:]
    var fieldOrder: [String] = []
    var values: [String: [LMSValue]] = [:]
    var managers: [String: [String]] = [:] { didSet { subordinateIndex = nil } }
    /// manager → their users in `userOrder`, built on the first read after a change: hrsync reads every
    /// manager's subordinates, and a scan of all users per read made a 100,000-user pull take minutes.
    var subordinateIndex: [String: [String]]?
    /// user → when its scheduled deactivation happens.
    var scheduledDeactivations: [String: Date] = [:]
    /// A test's clock; nil: the wall clock.
    var clock: Date?
    var bulkOperations: [String: LMSBulkOperation] = [:]
    var bulkEnabled = true
    /// How long every bulk operation runs, when a test sets it (else from its size and the scale).
    var bulkDuration: Double?
    var tokens: [String: Date] = [:]
    var nextID = 0x5f00_0000
    private let reads: WindowCounter?
    private let writes: WindowCounter?

    /// The root group, `ACME` (private): the platform itself.
    public internal(set) var rootGroupID = ""
    /// The synced top-level group of the demo and tests ("Employees"), with offices and departments below.
    public internal(set) var employeesGroupID = ""
    /// Every mail an invitation email would have gone to, in order; stays empty while hrsync sends
    /// `sendInvitationEmail=false`.
    public internal(set) var invitationsSent: [String] = []
    /// Requests seen by route (`GET /api/v2/users/{userId}`), token requests and refused ones included.
    public internal(set) var requests: [String: Int] = [:]
    /// Writes (any method but GET) that passed the token, version and rate-limit checks; a bulk
    /// operation counts once, whatever its rows.
    public internal(set) var writesReceived = 0
    /// Rows received by bulk operations (each operation is one write request).
    public internal(set) var bulkRowsReceived = 0

    /// A platform with its root `ACME`, a public `Employees` group holding the office/department tree,
    /// a private `Partners` group, and its owner.
    public init(settings: Settings = Settings()) async {
        self.settings = settings
        let scale = settings.rateLimitScale
        reads = scale > 0 ? WindowCounter([(50, 1 / scale)]) : nil
        writes = scale > 0 ? WindowCounter([(10, 1 / scale)]) : nil
        rootGroupID = makeGroup("ACME", isPublic: false, parent: nil)
        employeesGroupID = makeGroup("Employees", isPublic: true, parent: rootGroupID)
        for office in settings.offices {
            let officeID = makeGroup(office, isPublic: true, parent: employeesGroupID)
            for department in settings.departments { _ = makeGroup(department, isPublic: true, parent: officeID) }
        }
        _ = makeGroup("Partners", isPublic: false, parent: rootGroupID)
        let admin = makeUser(mail: Self.adminMail, status: "active", firstName: "LMS", lastName: "Admin", job: "Administrator")
        roles[rootGroupID, default: [:]][admin, default: []].insert("owner")
    }

    func newID() -> String {
        nextID += 1
        return String(format: "%024x", nextID)
    }

    func makeGroup(_ name: String, isPublic: Bool, parent: String?) -> String {
        let id = newID()
        groups[id] = LMSGroup(id: id, name: name, isPublic: isPublic, parentID: parent)
        groupOrder.append(id)
        return id
    }

    @discardableResult
    func makeUser(mail: String, status: String, firstName: String?, lastName: String?, job: String?, lang: String = "en") -> String {
        let id = newID()
        users[id] = LMSUser(id: id, mail: mail, status: status, lang: lang, firstName: firstName, lastName: lastName, job: job)
        userOrder.append(id)
        return id
    }

    // MARK: - Controls for tests, the demo and benchmarks

    /// Every user, deleted ones included, in creation order.
    public func allUsers() -> [LMSUser] { userOrder.compactMap { users[$0] } }
    /// The user with that mail, regardless of case; nil if none.
    public func userByMail(_ mail: String) -> LMSUser? { users.values.first { $0.mail.lowercased() == mail.lowercased() } }
    /// The groups with exactly that name; a department name appears once per office.
    public func groupsNamed(_ name: String) -> [LMSGroup] { groups.values.filter { $0.name == name } }
    /// Every group, in creation order.
    public func allGroups() -> [LMSGroup] { groupOrder.compactMap { groups[$0] } }
    /// The user's roles by group `_id`, in the stored spelling (`userAdmin`), propagated ones included.
    public func rolesOf(user: String) -> [String: Set<String>] { roles.compactMapValues { $0[user] } }
    /// The `_id`s of the user's managers.
    public func managersOf(user: String) -> [String] { managers[user] ?? [] }
    /// The user's custom-field values.
    public func valuesOf(user: String) -> [LMSValue] { values[user] ?? [] }
    /// Every external id, in creation order.
    public func allMappings() -> [LMSMapping] { mappingOrder.compactMap { mappings[$0] } }
    /// Every custom-field definition, in creation order.
    public func allFields() -> [LMSField] { fieldOrder.compactMap { fields[$0] } }
    /// Every issued token stops working; the next calls get 401 `invalid_token`.
    public func revokeTokens() { tokens.removeAll() }
    /// An admin's edit in the 360Learning UI.
    public func editUser(_ id: String, _ change: (inout LMSUser) -> Void) {
        guard var user = users[id] else { return }
        change(&user)
        users[id] = user
    }

    /// A user created by hand in 360Learning (never touched by hrsync unless matched).
    @discardableResult
    public func addUser(mail: String, firstName: String? = nil, lastName: String? = nil, job: String? = nil, status: String = "active") -> String {
        makeUser(mail: mail, status: status, firstName: firstName, lastName: lastName, job: job)
    }

    /// Creates a user field, as an admin would; returns its `_id`.
    public func addField(name: String, type: String) -> String {
        let id = newID()
        fields[id] = LMSField(id: id, name: name, targetType: "users", type: type)
        fieldOrder.append(id)
        return id
    }

    /// Replaces the user's custom values, as an admin's edit would.
    public func setValues(user: String, _ list: [LMSValue]) { values[user] = list }
    /// Replaces the user's managers, as an admin's edit would.
    public func setManagers(user: String, _ list: [String]) { managers[user] = list }
    /// Ties `user` to `value` on `platform`, as an admin or another integration would; nothing checks uniqueness.
    public func addMapping(platform: String, user: String, value: String) {
        let id = newID()
        mappings[id] = LMSMapping(id: id, platform: platform, targetType: "user", targetID: user, value: value)
        mappingOrder.append(id)
    }
    /// Gives `user` the role in `group` (stored spelling, `userAdmin`), with the API's upward learner propagation.
    public func grant(_ role: String, group: String, user: String) { addRole(role, group: group, user: user) }
    /// Renames a definition, as an admin would in the UI.
    public func renameField(_ id: String, to name: String) { fields[id]?.name = name }
    /// Removes a definition but leaves the users' values (the API's DELETE removes those too).
    public func deleteField(_ id: String) { fields[id] = nil; fieldOrder.removeAll { $0 == id } }

    /// `DELETE /custom-fields/{id}`: 204, or 404 customFieldNotFound; the field's values go with it.
    func deleteCustomField(_ id: String) -> SandboxResponse {
        guard fields[id] != nil else { return LMSAnswer.error(404, "customFieldNotFound") }
        deleteField(id)
        for user in values.keys { values[user]?.removeAll { $0.fieldID == id } }
        return LMSAnswer.noContent
    }

    /// `DELETE /external-ids/{mappingId}`: 204, or 404 mappingIdNotFound.
    func deleteMapping(_ id: String) -> SandboxResponse {
        guard mappings[id] != nil else { return LMSAnswer.error(404, "mappingIdNotFound") }
        mappings[id] = nil
        mappingOrder.removeAll { $0 == id }
        return LMSAnswer.noContent
    }

    /// Requests refused with 429 by the rate limits; injected faults are not counted.
    public var rateLimited: Int {
        get async { (await reads?.rejected ?? 0) + (await writes?.rejected ?? 0) }
    }

    // MARK: - HTTP

    /// Answers one request as 360Learning would: faults first, then the token, `360-api-version` and
    /// rate-limit checks, then the endpoint.
    public func handle(_ request: SandboxRequest) async -> SandboxResponse {
        let route = Self.route(request.method, request.path)
        requests[route, default: 0] += 1
        if settings.latencyMilliseconds > 0 { try? await Task.sleep(for: .milliseconds(settings.latencyMilliseconds)) }
        let fault = await faults.next(for: request.path)
        if let fault,
            let answer = await fault.answer(
                error: { $0 == 429 ? LMSAnswer.bare(429, "tooManyRequests") : LMSAnswer.error($0, "internalError") },
                malformed: Data("[{\"_id\":".utf8))
        {
            return answer
        }
        if route == "POST /api/v2/oauth2/token" { return token(request) }
        guard let header = request.header("Authorization"), header.hasPrefix("Bearer "),
            let expiry = tokens[String(header.dropFirst(7))], expiry > Date()
        else {
            return LMSAnswer.bare(401, "invalid_token")
        }
        guard request.header("360-api-version") == "v2.0" else {
            return LMSAnswer.error(400, "invalidApiVersion", "the 360-api-version header must be v2.0")
        }
        let isRead = request.method == "GET"
        if let limiter = isRead ? reads : writes, !(await limiter.admit()) { return LMSAnswer.bare(429, "tooManyRequests") }
        if !isRead { writesReceived += 1 }
        deactivateDueUsers()
        settleBulk()
        var answer = dispatch(request, route: route)
        if fault == .answerLost { answer.reset = true }
        return answer
    }

    /// "GET /api/v2/users/{userId}"-style route names, for counting and dispatch.
    static func route(_ method: String, _ path: String) -> String {
        let parts = path.split(separator: "/").map(String.init)
        let named = parts.enumerated().map { index, part -> String in
            guard LMSRules.isObjectID(part) else { return part }
            switch parts[index - 1] {
            case "users": return "{userId}"
            case "managers": return "{managerId}"
            case "groups": return "{groupId}"
            case "external-ids": return "{mappingId}"
            case "custom-fields": return "{customFieldId}"
            case "operations": return "{bulkOperationId}"
            default: return LMSRules.pathRoles.contains(parts[index - 1]) ? "{userId}" : "{id}"
            }
        }
        let withRole = named.enumerated().map { index, part in
            index == 4 && named.count == 6 && named[2] == "groups" && LMSRules.pathRoles.union(["owner"]).contains(part) ? "{role}" : part
        }
        return "\(method) /" + withRole.joined(separator: "/")
    }

    func dispatch(_ r: SandboxRequest, route: String) -> SandboxResponse {
        let parts = r.path.split(separator: "/").map(String.init)  // ["api", "v2", …]
        func id(_ index: Int) -> String { parts[index] }
        switch route {
        case "GET /api/v2/users": return listUsers(r)
        case "POST /api/v2/users": return createUser(r)
        case "GET /api/v2/users/{userId}": return getUser(id(3))
        case "PATCH /api/v2/users/{userId}": return patchUser(id(3), r)
        case "DELETE /api/v2/users/{userId}": return deleteUser(id(3))
        case "GET /api/v2/users/{userId}/managers": return listManagers(id(3), r)
        case "GET /api/v2/users/{userId}/subordinates": return listSubordinates(id(3), r)
        case "POST /api/v2/users/{userId}/managers/{managerId}": return addManager(id(3), id(5))
        case "DELETE /api/v2/users/{userId}/managers/{managerId}": return removeManager(id(3), id(5))
        case "GET /api/v2/users/{userId}/roles": return listUserRoles(id(3), r)
        case "GET /api/v2/users/{userId}/custom-fields/values": return getValues(id(3))
        case "PUT /api/v2/users/{userId}/custom-fields/values": return putValues(id(3), r)
        case "GET /api/v2/custom-fields": return listFields(r)
        case "POST /api/v2/custom-fields": return createField(r)
        case "GET /api/v2/groups": return LMSAnswer.page(groupOrder.compactMap { groups[$0]?.json }, request: r, size: LMSRules.pageSizes.groups)
        case "GET /api/v2/groups/{groupId}": return groups[id(3)].map { .json(200, $0.json) } ?? LMSAnswer.error(404, "groupNotFound")
        case "GET /api/v2/groups/{groupId}/roles": return listGroupRoles(id(3), r)
        case "POST /api/v2/groups/{groupId}/{role}/{userId}": return postRole(group: id(3), role: id(4), user: id(5))
        case "DELETE /api/v2/groups/{groupId}/{role}/{userId}": return deleteRole(group: id(3), role: id(4), user: id(5))
        case "GET /api/v2/external-ids": return listMappings(r)
        case "POST /api/v2/external-ids": return createMapping(r)
        case "PUT /api/v2/external-ids/{mappingId}": return replaceMapping(id(3), r)
        case "DELETE /api/v2/external-ids/{mappingId}": return deleteMapping(id(3))
        case "DELETE /api/v2/custom-fields/{customFieldId}": return deleteCustomField(id(3))
        case "POST /api/v2/bulk/groups/memberships": return startBulk(r, remove: false)
        case "DELETE /api/v2/bulk/groups/memberships": return startBulk(r, remove: true)
        case "GET /api/v2/bulk/operations/{bulkOperationId}": return getBulkOperation(id(4))
        case "GET /api/v2/bulk/operations/{bulkOperationId}/results": return getBulkResults(id(4))
        default: return LMSAnswer.error(404, "routeNotFound", "no such endpoint: \(r.method) \(r.path)")
        }
    }

    private func token(_ r: SandboxRequest) -> SandboxResponse {
        guard let body = r.jsonObject(), body["grant_type"] is String, body["client_id"] is String, body["client_secret"] is String else {
            return LMSAnswer.bare(400, "invalid_request")
        }
        guard body["grant_type"] as? String == "client_credentials" else { return LMSAnswer.bare(400, "unsupported_grant_type") }
        guard body["client_id"] as? String == Self.clientID, body["client_secret"] as? String == Self.clientSecret else {
            return LMSAnswer.bare(401, "invalid_client")
        }
        let token = "sbx." + UUID().uuidString.lowercased()
        tokens[token] = Date().addingTimeInterval(Double(settings.tokenLifetimeSeconds))
        return .json(200, ["token_type": "Bearer", "access_token": .string(token), "expires_in": .int(settings.tokenLifetimeSeconds)])
    }
}
