import Foundation

/// The emulated Personio Personnel Data API v1, as strict as the real one: token required,
/// `limit` ≤ 100, localised labels, the real error shapes, the employees endpoint's rate limits
/// (15/s and 300/min, scalable), auth's 60/min, and injectable faults.
public actor PersonioEmulator {
    /// The company and how strict and fast the emulated API is.
    public struct Settings: Sendable {
        /// The size of the generated company.
        public var employees = 50
        /// The generator's seed; the same seed gives the same company.
        public var seed: UInt64 = 1
        /// 1 = the real limits; 10 = ten times faster windows; 0 = no limits.
        public var rateLimitScale: Double = 1
        /// Added before every answer, to imitate a distant server.
        public var latencyMilliseconds = 0
        /// The account language of attribute labels: `de` (the default, like many real accounts), else English.
        public var language = "de"
        /// How long a token lasts; 86,400 s (24 h), like the real one.
        public var tokenLifetimeSeconds = 86_400
        /// Attribute keys the credential may not read: left out of every payload and of the attribute list.
        public var hiddenAttributes: Set<String> = []
        /// The defaults: 50 employees with German labels, real limits, no latency.
        public init() {}
    }

    /// The only client id `POST /v1/auth` accepts.
    public static let clientID = "sandbox-personio-client"
    /// The only client secret `POST /v1/auth` accepts.
    public static let clientSecret = "sandbox-personio-secret"

    /// Faults to inject into the next matching requests (never into the `/_sandbox/` controls).
    public let faults = FaultPlan()
    private let settings: Settings
    private var rendering: PersonioRendering
    var employees: [Int: SandboxEmployee] = [:] { didSet { listedIDs = nil } }
    var order: [Int] = [] { didSet { listedIDs = nil } }
    /// The ids the list pages through, built on the first page after a change: filtering the whole
    /// order for every page (copying each employee out to test it) made a 100,000-employee pull wait
    /// 61 ms a page on the sandbox.
    private var listedIDs: [Int]?
    /// A replica's people (`serve --from-state`), served instead of the synthetic company when set.
    var replica: [Int: ReplicaEmployee]? { didSet { listedIDs = nil } }
    /// Where the replica comes from; nil for a synthetic sandbox.
    public internal(set) var replicaOrigin: ReplicaOrigin?
    private var generator: CompanyGenerator
    private var tokens: [String: Date] = [:]
    private let employeesLimit: WindowCounter?
    private let authLimit: WindowCounter?
    /// Requests seen, by "METHOD /path" (no query), and whether each carried the app id header.
    public private(set) var requests: [String: Int] = [:]
    /// Requests without `X-Personio-App-ID`, the header Personio asks every client to send.
    public private(set) var requestsWithoutAppID = 0
    /// `POST /v1/auth` calls, refused ones included; a client that caches its 24 h token makes one per run.
    public private(set) var authCalls = 0

    /// Generates the company and sets up the rate limits.
    public init(settings: Settings = Settings()) {
        self.settings = settings
        rendering = PersonioRendering(language: settings.language, hidden: settings.hiddenAttributes)
        generator = CompanyGenerator(seed: settings.seed)
        let scale = settings.rateLimitScale
        employeesLimit = scale > 0 ? WindowCounter([(15, 1 / scale), (300, 60 / scale)]) : nil
        authLimit = scale > 0 ? WindowCounter([(60, 60 / scale)]) : nil
        for e in generator.company(count: settings.employees) { employees[e.id] = e; order.append(e.id) }
    }

    // MARK: - Test and demo controls (what HR does in Personio)

    /// Takes attributes off the credential's whitelist (or puts them back): from now on no employee's
    /// payload and no attribute list carries them, as when an admin edits the API credential.
    /// `stillListed`: the attribute list keeps naming them while no payload carries them (the
    /// "Readable employee attributes" whitelist narrower than the listing: what `hrsync discover` flags).
    public func setHiddenAttributes(_ keys: Set<String>, stillListed: Bool = false) {
        rendering = PersonioRendering(language: settings.language, hidden: keys, listed: stillListed ? keys : [])
    }

    /// Every employee, in Personio's order.
    public var all: [SandboxEmployee] { order.compactMap { employees[$0] } }

    /// The employee with that id; nil if there is none.
    public func employee(_ id: Int) -> SandboxEmployee? { employees[id] }

    /// A new employee, with the next free id; returns it.
    @discardableResult
    public func hire(supervisorID: Int? = nil, _ change: (inout SandboxEmployee) -> Void = { _ in }) -> SandboxEmployee {
        let id = (order.max() ?? 999) + 1
        var e = generator.employee(id: id, supervisorID: supervisorID ?? order.first)
        e.status = "active"
        change(&e)
        employees[id] = e
        order.append(id)
        return e
    }

    /// Changes an employee as HR would; an unknown id is ignored.
    public func edit(_ id: Int, _ change: (inout SandboxEmployee) -> Void) {
        guard var e = employees[id] else { return }
        change(&e)
        employees[id] = e
    }

    /// Sets the status to `inactive`; without a termination date the payload then shows 2026-06-30.
    public func terminate(_ id: Int) { edit(id) { $0.status = "inactive" } }

    /// Removes employees from the payload (a credential that lost access, a deleted record).
    public func remove(_ ids: [Int]) {
        for id in ids { employees[id] = nil }
        order.removeAll { !ids.contains($0) ? false : true }
    }

    /// Every issued token stops working (Personio then answers 403).
    public func revokeTokens() { tokens.removeAll() }

    /// Requests refused with 429 by the rate limits; injected faults are not counted.
    public var rateLimited: Int {
        get async { (await employeesLimit?.rejected ?? 0) + (await authLimit?.rejected ?? 0) }
    }

    // MARK: - HTTP

    /// Answers one request as Personio v1 would: the `/_sandbox/` controls first, then faults, token,
    /// rate limits and the employee endpoints.
    public func handle(_ request: SandboxRequest) async -> SandboxResponse {
        if request.path.hasPrefix(Self.controlPrefix) { return control(request) }  // not the vendor's API: no faults, no limits
        requests["\(request.method) \(request.path)", default: 0] += 1
        if request.header("X-Personio-App-ID") == nil { requestsWithoutAppID += 1 }
        if settings.latencyMilliseconds > 0 { try? await Task.sleep(for: .milliseconds(settings.latencyMilliseconds)) }
        if let fault = await faults.next(for: request.path),
            let answer = await fault.answer(
                error: { Self.error($0, $0 == 429 ? "Too Many Requests" : "Something went wrong") },
                malformed: Data("{\"success\": true, \"data\": [".utf8))
        {
            return answer
        }
        switch (request.method, request.path) {
        case ("POST", "/v1/auth"):
            return await authenticate(request)
        case ("GET", "/v1/company/employees"):
            if let refusal = authorize(request) { return refusal }
            if let limit = employeesLimit, !(await limit.admit()) { return Self.error(429, "Too Many Requests") }
            return list(request)
        case ("GET", "/v1/company/employees/attributes"), ("GET", "/v1/company/employees/custom-attributes"):
            if let refusal = authorize(request) { return refusal }
            if let replica { return .json(200, ["success": true, "data": ReplicaEmployee.attributeList(replica.values.sorted { $0.id < $1.id })]) }
            return .json(200, ["success": true, "data": rendering.attributeList()])
        case ("GET", let path) where path.hasPrefix("/v1/company/employees/"):
            if let refusal = authorize(request) { return refusal }
            if let replica, let person = Int(path.dropFirst("/v1/company/employees/".count)).flatMap({ replica[$0] }) {
                return .json(200, ["success": true, "data": person.rendered])
            }
            guard let id = Int(path.dropFirst("/v1/company/employees/".count)), let e = employees[id] else {
                return Self.error(404, "Es ist ein Problem aufgetreten ")
            }
            return .json(200, ["success": true, "data": rendering.render(e, company: employees)])
        default:
            return Self.error(404, "Not found")
        }
    }

    private func authenticate(_ request: SandboxRequest) async -> SandboxResponse {
        authCalls += 1
        if let limit = authLimit, !(await limit.admit()) { return Self.error(429, "Too Many Requests") }
        var id = request.queryValue("client_id"), secret = request.queryValue("client_secret")
        let type = request.header("Content-Type") ?? ""
        if type.hasPrefix("application/json"), let body = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any] {
            id = body["client_id"] as? String ?? id
            secret = body["client_secret"] as? String ?? secret
        } else if type.hasPrefix("application/x-www-form-urlencoded") {
            var form = URLComponents()
            form.percentEncodedQuery = String(decoding: request.body, as: UTF8.self)
            id = form.queryItems?.first { $0.name == "client_id" }?.value ?? id
            secret = form.queryItems?.first { $0.name == "client_secret" }?.value ?? secret
        }
        guard id == Self.clientID, secret == Self.clientSecret else {
            return Self.error(401, "Wrong credentials")
        }
        // The same stable token for the same credentials during its lifetime.
        let now = Date()
        let token = tokens.first { $0.value > now }?.key ?? "papi-" + UUID().uuidString.lowercased()
        if tokens[token] == nil { tokens[token] = now.addingTimeInterval(Double(settings.tokenLifetimeSeconds)) }
        return .json(200, ["success": true, "data": ["token": .string(token), "expires_in": .int(settings.tokenLifetimeSeconds), "scope": "employees:read"]])
    }

    private func authorize(_ request: SandboxRequest) -> SandboxResponse? {
        guard let header = request.header("Authorization"), header.hasPrefix("Bearer ") else {
            return Self.error(401, "Authorization is not provided")
        }
        guard let expiry = tokens[String(header.dropFirst(7))], expiry > Date() else {
            return Self.error(403, "Provided authorization is not valid")
        }
        return nil
    }

    private func list(_ request: SandboxRequest) -> SandboxResponse {
        let limitText = request.queryValue("limit") ?? "10"
        let offsetText = request.queryValue("offset") ?? "0"
        guard let limit = Int(limitText), (1...100).contains(limit) else {
            return Self.error(400, "The limit parameter must be an integer between 1 and 100")
        }
        guard let offset = Int(offsetText), offset >= 0 else {
            return Self.error(400, "The offset parameter must be a non-negative integer")
        }
        if listedIDs == nil { listedIDs = replica.map { $0.keys.sorted() } ?? order.filter { employees.index(forKey: $0) != nil } }
        var ids = listedIDs ?? []
        // `email`: exact address, still a list (ignored with updated_since, which the sandbox does not offer).
        if let email = request.queryValue("email") { ids = ids.filter { mail(of: $0)?.lowercased() == email.lowercased() } }
        let page = ids.dropFirst(offset).prefix(limit)
        let total = ids.count
        return .json(
            200,
            [
                "success": true,
                "metadata": ["total_elements": .int(total), "current_page": .int(offset / limit), "total_pages": .int((total + limit - 1) / limit)],
                "offset": .int(offset), "limit": .int(limit),
                "data": .array(page.compactMap(render))
            ])
    }

    private func render(_ id: Int) -> SandboxJSON? {
        if let replica { return replica[id]?.rendered }
        return employees[id].map { rendering.render($0, company: employees) }
    }

    private func mail(of id: Int) -> String? {
        guard let replica else { return employees[id]?.email }
        if case .text(let mail)? = replica[id]?.attributes["email"] { return mail }
        return nil
    }

    static func error(_ code: Int, _ message: String) -> SandboxResponse {
        .json(code, ["success": false, "error": ["code": .int(code), "message": .string(message)]])
    }
}
