import Foundation
import HRSyncCore
import HRSyncHTTP

/// The read-only client of Personio's Personnel Data API v1.
/// - Auth: `POST /v1/auth` once; the token is cached for its lifetime (24 h) and renewed once on a
///   401/403; a token in an `authorization` response header is adopted.
/// - Employees: `limit=100`, `offset` stepping by 100 until `total_elements` or a short page.
/// - Pacing: 15 requests/s and 300/min on the employees endpoint, 60/min on auth.
public actor PersonioClient: BearerAuthenticated {
    /// Where the client connects and how it introduces itself; built from the config's `personio:` section.
    public struct Settings: Sendable {
        /// The API root, `https://api.personio.de` in production; `v1/…` paths are appended to it.
        public var baseURL: URL
        /// Sent as `X-Personio-App-ID` on every request (UPPER_SNAKE_CASE, `HRSYNC` by default), as Personio
        /// asks, so its support can find our calls.
        public var appID: String
        /// Employees per page (`limit`); 100 is the most Personio accepts since 2025-01-31.
        public var pageSize = 100
        /// Pages in flight at once; the limiter, not this, sets the pace.
        public var concurrentPages = 4

        /// Creates settings with the default page size and concurrency.
        public init(baseURL: URL, appID: String) {
            self.baseURL = baseURL
            self.appID = appID
        }
    }

    /// Reads the client id and secret when the client first authenticates, never earlier; throws when
    /// a secret cannot be read.
    public typealias CredentialSource = @Sendable () throws -> (clientID: String, clientSecret: String)

    let settings: Settings
    let executor: RequestExecutor
    let credentials: CredentialSource
    let employeesLimiter: RateLimiter
    let authLimiter: RateLimiter
    /// Requests this client sent, by endpoint and status, for reports and benchmarks.
    public nonisolated let counter: RequestExecutor.Counter
    /// The `/v1/auth` token, cached for its 24 h and renewed once on a 401 or 403.
    public nonisolated let session: BearerSession

    /// `employeesLimiter` paces the employee reads (15/s and 300/min by default); `authLimiter` paces
    /// `POST /v1/auth` at Personio's 60/min.
    public init(
        settings: Settings, executor: RequestExecutor, credentials: @escaping CredentialSource,
        employeesLimiter: RateLimiter = PersonioClient.defaultEmployeesLimiter(),
        authLimiter: RateLimiter = RateLimiter([.init(limit: 60, seconds: 60)])
    ) {
        self.settings = settings
        self.executor = executor
        self.credentials = credentials
        self.employeesLimiter = employeesLimiter
        self.authLimiter = authLimiter
        let counter = RequestExecutor.Counter()
        self.counter = counter
        session = BearerSession(renewOn: [401, 403]) {
            try await Self.requestToken(settings: settings, credentials: credentials, executor: executor, limiter: authLimiter, counter: counter)
        }
    }

    /// Personio's documented limits on `GET /v1/company/employees`; `scale` > 1 speeds them up (tests).
    public static func defaultEmployeesLimiter(scale: Double = 1) -> RateLimiter {
        RateLimiter([.init(limit: 15, seconds: 1 / scale), .init(limit: 300, seconds: 60 / scale)])
    }

    // MARK: - Employees

    /// An employee whose payload could not be read: who (as far as known) and why.
    public struct Skipped: Sendable, Equatable {
        /// Personio's numeric employee id; nil when the payload had none that could be read.
        public var employeeID: Int?
        /// Where it stood when it has no id: the list's offset, or the email asked for.
        public var position: String
        /// Why it could not be read, e.g. `no numeric id`.
        public var reason: String

        /// One warning line naming the employee (or where it stood) and the reason.
        public var description: String {
            "\(employeeID.map { "Personio employee \($0)" } ?? position) skipped: \(reason)"
        }
    }

    /// One page of `GET /v1/company/employees`: what was read, what was skipped, and the total Personio reported.
    public struct EmployeePage: Sendable {
        /// The employees read from this page, in Personio's order.
        public var employees: [Employee]
        /// One per item of the page that could not be read.
        public var skipped: [Skipped]
        /// Values not kept (over their `TextCap`).
        public var notes: [PlanNote] = []
        /// The skipped employees and the notes, as warning lines.
        public var warnings: [String] { skipped.map(\.description) + notes.map(\.message) }
        /// `metadata.total_elements`, the employees at all offsets; nil when the answer has no `metadata`
        /// (older payloads), and the pages are then read until a short one.
        public var totalElements: Int?
    }

    /// The employees a pull read from Personio, with what it could not read.
    public struct EmployeeList: Sendable {
        /// Each employee once (by id), in Personio's order.
        public var employees: [Employee]
        /// One per malformed employee (with its id when known); the rest was read.
        public var skipped: [Skipped]
        /// Values not kept (over their `TextCap`): each employee is read without it.
        public var notes: [PlanNote]
        /// The skipped employees and the notes, as warning lines.
        public var warnings: [String] { skipped.map(\.description) + notes.map(\.message) }
        /// Keys in `keep` that no employee carried: the credential cannot read them.
        public var missingAttributes: [String]

        /// Creates a list from its parts.
        public init(employees: [Employee], skipped: [Skipped] = [], notes: [PlanNote] = [], missingAttributes: [String] = []) {
            self.employees = employees
            self.skipped = skipped
            self.notes = notes
            self.missingAttributes = missingAttributes
        }
    }

    /// Every employee, all pages. `keep` limits the attributes kept (nil: all).
    /// The first page tells `total_elements`; the other pages are then fetched a few at a time
    /// (the limiter keeps the pace), so latency does not add up page after page. Without
    /// `metadata`, pages are read one by one until a short page.
    public func allEmployees(
        keep: Set<String>?, knownTypes: [String: String] = [:],
        progress: (@Sendable (Int, Int?) -> Void)? = nil
    ) async throws -> EmployeeList {
        let size = settings.pageSize
        var pages = [try await employeesPage(offset: 0, keep: keep, knownTypes: knownTypes)]
        progress?(pages[0].employees.count, pages[0].totalElements)
        if let total = pages[0].totalElements, total > size {
            let offsets = Array(stride(from: size, to: total, by: size))
            var fetched: [Int: EmployeePage] = [:]
            var done = pages[0].employees.count
            try await forEachConcurrently(offsets, width: settings.concurrentPages) { offset in
                try await self.employeesPage(offset: offset, keep: keep, knownTypes: knownTypes)
            } collect: { offset, page in
                fetched[offset] = page
                done += page.employees.count
                progress?(done, total)
            }
            pages += offsets.compactMap { fetched[$0] }
        } else if pages[0].totalElements == nil {
            var offset = size
            while let last = pages.last, last.employees.count + last.skipped.count >= size {
                pages.append(try await employeesPage(offset: offset, keep: keep, knownTypes: knownTypes))
                offset += size
                progress?(pages.reduce(0) { $0 + $1.employees.count }, nil)
            }
        }
        return collect(pages, keep: keep)
    }

    /// Merges pages: each id once (a list that shifts while paging may repeat one).
    func collect(_ pages: [EmployeePage], keep: Set<String>?) -> EmployeeList {
        var employees: [Employee] = []
        var skipped: [Skipped] = []
        var notes: [PlanNote] = []
        var seen = Set<Int>()
        var present = Set<String>()
        for page in pages {
            for employee in page.employees where seen.insert(employee.id).inserted {
                employees.append(employee)
                present.formUnion(employee.attributes.keys)
            }
            skipped += page.skipped
            let fresh = page.notes.filter { !notes.contains($0) }  // a repeated employee's, once
            notes += fresh
        }
        let missing = (keep ?? []).subtracting(present).subtracting([PersonioKey.id])
        return EmployeeList(employees: employees, skipped: skipped, notes: notes, missingAttributes: employees.isEmpty ? [] : missing.sorted())
    }

    /// `GET /v1/company/employees` from `offset` (an item index, not a page number), `settings.pageSize`
    /// items. Throws `PersonioError.unreadableResponse` when the answer has no `data` list, quoting
    /// Personio's own `error.message` when it gave one.
    public func employeesPage(offset: Int, keep: Set<String>?, knownTypes: [String: String] = [:]) async throws -> EmployeePage {
        let endpoint = "GET /v1/company/employees"
        var components = URLComponents(url: settings.baseURL.appendingPathComponent("v1/company/employees"), resolvingAgainstBaseURL: false)!
        components.queryItems = [URLQueryItem(name: "limit", value: String(settings.pageSize)), URLQueryItem(name: "offset", value: String(offset))]
        let data = try await get(components.url!, endpoint: endpoint, limiter: employeesLimiter)
        let envelope: JSONValue
        do { envelope = try JSONValue.parse(data) } catch {
            throw PersonioError.unreadableResponse(endpoint: "\(endpoint)?offset=\(offset)", reason: "not JSON")
        }
        guard case .array(let items)? = envelope["data"] else {
            // success: false with a message is Personio's own error shape (NOTES.md): say what it said.
            let said = envelope["error"]?["message"]?.string.map { "Personio said: \($0)" } ?? "no data list"
            throw PersonioError.unreadableResponse(endpoint: "\(endpoint)?offset=\(offset)", reason: said)
        }
        let parser = EmployeeParser(knownTypes: knownTypes, keep: keep)
        var employees: [Employee] = []
        var skipped: [Skipped] = []
        var notes: [PlanNote] = []
        for (index, item) in items.enumerated() {
            switch parser.parse(item, notes: &notes) {
            case .success(let employee): employees.append(employee)
            case .failure(let malformed):
                skipped.append(Skipped(employeeID: malformed.employeeID, position: "the employee at offset \(offset + index)", reason: malformed.reason))
            }
        }
        return EmployeePage(employees: employees, skipped: skipped, notes: notes, totalElements: envelope["metadata"]?["total_elements"]?.int)
    }

    // MARK: - Attributes

    /// One attribute the credential may read, from `GET /v1/company/employees/attributes`.
    public struct AttributeDefinition: Sendable, Equatable {
        /// The attribute key (`first_name`, or a custom `dynamic_<digits>`): stable, unlike the localised label.
        public var key: String
        /// Personio's type (`standard`, `date`, `integer`, `decimal`, `list`, `link`, `tags`, `multiline`);
        /// `standard` when the answer gave none.
        public var type: String
        /// The label in the account's language (`Standort`); empty when the answer gave none. For people, never as a key.
        public var label: String

        /// Creates a definition from its parts.
        public init(key: String, type: String, label: String = "") {
            self.key = key
            self.type = type
            self.label = label
        }
    }

    /// `GET /v1/company/employees/attributes`: what this credential may read, with types.
    public func attributeDefinitions() async throws -> [AttributeDefinition] {
        let endpoint = "GET /v1/company/employees/attributes"
        let data = try await get(settings.baseURL.appendingPathComponent("v1/company/employees/attributes"), endpoint: endpoint, limiter: nil)
        guard case .array(let items)? = (try? JSONValue.parse(data))?["data"] else {
            throw PersonioError.unreadableResponse(endpoint: endpoint, reason: "no data list")
        }
        return items.compactMap { item in
            guard let key = item["key"]?.string else { return nil }
            return AttributeDefinition(key: key, type: item["type"]?.string ?? "standard", label: item["label"]?.string ?? "")
        }
    }

    // MARK: - Requests and auth

    func get(_ url: URL, endpoint: String, limiter: RateLimiter?) async throws -> Data {
        // An expired or revoked token (401 or 403): authenticate once more, then give up.
        let response = try await session.send(
            { bearer in
                HTTPRequest(
                    method: "GET", url: url,
                    headers: [
                        ("Authorization", "Bearer \(bearer)"), ("Accept", "application/json"), ("X-Personio-App-ID", self.settings.appID)
                    ])
            }, { request in try await self.send(request, endpoint: endpoint, limiter: limiter) })
        guard (200..<300).contains(response.status) else {
            throw PersonioError.http(status: response.status, message: Self.errorMessage(response.body), endpoint: endpoint)
        }
        if let header = response.header("authorization") {
            await session.adopt(header.hasPrefix("Bearer ") ? String(header.dropFirst(7)) : header)
        }
        return response.body
    }

    private static func requestToken(
        settings: Settings, credentials: CredentialSource, executor: RequestExecutor, limiter: RateLimiter,
        counter: RequestExecutor.Counter
    ) async throws -> BearerSession.Token {
        let (id, secret) = try credentials()
        let request = try BearerSession.tokenRequest(
            settings.baseURL.appendingPathComponent("v1/auth"), fields: ["client_id": id, "client_secret": secret],
            headers: [("X-Personio-App-ID", settings.appID)])
        let response = try await send(request, endpoint: "POST /v1/auth", limiter: limiter, executor: executor, counter: counter)
        guard response.status == 200 else {
            throw PersonioError.authenticationFailed(status: response.status, message: Self.errorMessage(response.body))
        }
        let json = try? JSONValue.parse(response.body)
        guard let value = json?["data"]?["token"]?.string, !value.isEmpty else {
            throw PersonioError.unreadableResponse(endpoint: "POST /v1/auth", reason: "no token in the answer")
        }
        let lifetime = Double(json?["data"]?["expires_in"]?.int ?? 86_400)
        return (value, BearerSession.renewAt(lifetime: lifetime, floor: 60))
    }

    func send(_ request: HTTPRequest, endpoint: String, limiter: RateLimiter?) async throws -> HTTPResponse {
        try await Self.send(request, endpoint: endpoint, limiter: limiter, executor: executor, counter: counter)
    }

    static func send(
        _ request: HTTPRequest, endpoint: String, limiter: RateLimiter?, executor: RequestExecutor,
        counter: RequestExecutor.Counter
    ) async throws -> HTTPResponse {
        do {
            return try await executor.execute(request, limiter: limiter, endpoint: endpoint, counter: counter)
        } catch let error as TransportError {
            throw PersonioError.unreachable(endpoint: endpoint, reason: error.localizedDescription)
        }
    }

    /// Personio's `{"success": false, "error": {"code", "message"}}`, tolerating a bare string.
    static func errorMessage(_ body: Data) -> String? {
        guard let json = try? JSONValue.parse(body) else { return nil }
        if let message = json["error"]?["message"]?.string { return message.trimmingCharacters(in: .whitespaces) }
        return json["error"]?.string ?? json["message"]?.string
    }
}
