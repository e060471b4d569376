import Foundation
import HRSyncCore
import HRSyncHTTP

/// The read-only client of Personio's Personnel Data API v1.
/// - Auth: `POST /v1/auth` once; the token is cached for its lifetime (24 h) and renewed once on a
///   401/403; a token in an `authorization` response header is adopted.
/// - Employees: `limit=100`, `offset` stepping by 100 until `total_elements` or a short page.
/// - Pacing: 15 requests/s and 300/min on the employees endpoint, 60/min on auth.
public actor PersonioClient {
    public struct Settings: Sendable {
        public var baseURL: URL
        public var appID: String
        public var pageSize = 100
        /// Pages in flight at once; the limiter, not this, sets the pace.
        public var concurrentPages = 4

        public init(baseURL: URL, appID: String) {
            self.baseURL = baseURL
            self.appID = appID
        }
    }

    public typealias CredentialSource = @Sendable () throws -> (clientID: String, clientSecret: String)

    let settings: Settings
    let executor: RequestExecutor
    let credentials: CredentialSource
    let employeesLimiter: RateLimiter
    let authLimiter: RateLimiter
    public let counter = RequestExecutor.Counter()
    private let tokens = TokenCache()

    public init(settings: Settings, executor: RequestExecutor, credentials: @escaping CredentialSource,
                employeesLimiter: RateLimiter = PersonioClient.defaultEmployeesLimiter(),
                authLimiter: RateLimiter = RateLimiter([.init(limit: 60, seconds: 60)])) {
        self.settings = settings
        self.executor = executor
        self.credentials = credentials
        self.employeesLimiter = employeesLimiter
        self.authLimiter = authLimiter
    }

    /// Personio's documented limits on `GET /v1/company/employees`; `scale` > 1 speeds them up (tests).
    public static func defaultEmployeesLimiter(scale: Double = 1) -> RateLimiter {
        RateLimiter([.init(limit: 15, seconds: 1 / scale), .init(limit: 300, seconds: 60 / scale)])
    }

    // MARK: - Employees

    public struct EmployeePage: Sendable {
        public var employees: [Employee]
        public var warnings: [String]
        public var totalElements: Int?
    }

    public struct EmployeeList: Sendable {
        public var employees: [Employee]
        /// One per malformed employee (with its id when known); the rest was read.
        public var warnings: [String]
        /// Keys in `keep` that no employee carried: the credential cannot read them.
        public var missingAttributes: [String]
    }

    /// Every employee, all pages. `keep` limits the attributes kept (nil: all).
    /// The first page tells `total_elements`; the other pages are then fetched a few at a time
    /// (the limiter keeps the pace), so latency does not add up page after page. Without
    /// `metadata`, pages are read one by one until a short page.
    public func allEmployees(keep: Set<String>?, knownTypes: [String: String] = [:],
                             progress: (@Sendable (Int, Int?) -> Void)? = nil) async throws -> EmployeeList {
        let size = settings.pageSize
        var pages = [try await employeesPage(offset: 0, keep: keep, knownTypes: knownTypes)]
        progress?(pages[0].employees.count, pages[0].totalElements)
        if let total = pages[0].totalElements, total > size {
            let offsets = Array(stride(from: size, to: total, by: size))
            var fetched: [Int: EmployeePage] = [:]
            try await withThrowingTaskGroup(of: (Int, EmployeePage).self) { group in
                var next = offsets.makeIterator()
                for _ in 0..<min(settings.concurrentPages, offsets.count) {
                    guard let offset = next.next() else { break }
                    group.addTask { (offset, try await self.employeesPage(offset: offset, keep: keep, knownTypes: knownTypes)) }
                }
                var done = pages[0].employees.count
                for try await (offset, page) in group {
                    fetched[offset] = page
                    done += page.employees.count
                    progress?(done, total)
                    if let offset = next.next() {
                        group.addTask { (offset, try await self.employeesPage(offset: offset, keep: keep, knownTypes: knownTypes)) }
                    }
                }
            }
            pages += offsets.compactMap { fetched[$0] }
        } else if pages[0].totalElements == nil {
            var offset = size
            while let last = pages.last, last.employees.count + last.warnings.count >= size {
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
        var warnings: [String] = []
        var seen = Set<Int>()
        var present = Set<String>()
        for page in pages {
            for employee in page.employees where seen.insert(employee.id).inserted {
                employees.append(employee)
                present.formUnion(employee.attributes.keys)
            }
            warnings += page.warnings
        }
        let missing = (keep ?? []).subtracting(present).subtracting([PersonioKey.id])
        return EmployeeList(employees: employees, warnings: warnings, missingAttributes: employees.isEmpty ? [] : missing.sorted())
    }

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
            throw PersonioError.unreadableResponse(endpoint: "\(endpoint)?offset=\(offset)", reason: "no data list")
        }
        let parser = EmployeeParser(knownTypes: knownTypes, keep: keep)
        var employees: [Employee] = []
        var warnings: [String] = []
        for (index, item) in items.enumerated() {
            switch parser.parse(item) {
            case .success(let employee): employees.append(employee)
            case .failure(let malformed):
                let who = malformed.employeeID.map { "Personio employee \($0)" } ?? "the employee at offset \(offset + index)"
                warnings.append("\(who) skipped: \(malformed.reason)")
            }
        }
        return EmployeePage(employees: employees, warnings: warnings, totalElements: envelope["metadata"]?["total_elements"]?.int)
    }

    // MARK: - Attributes

    public struct AttributeDefinition: Sendable, Equatable {
        public var key: String
        public var type: String
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
            return AttributeDefinition(key: key, type: item["type"]?.string ?? "standard")
        }
    }

    // MARK: - Requests and auth

    func get(_ url: URL, endpoint: String, limiter: RateLimiter?) async throws -> Data {
        var renewed = false
        while true {
            let bearer = try await currentToken()
            let request = HTTPRequest(method: "GET", url: url, headers: [
                ("Authorization", "Bearer \(bearer)"), ("Accept", "application/json"), ("X-Personio-App-ID", settings.appID),
            ])
            let response = try await send(request, endpoint: endpoint, limiter: limiter)
            if (response.status == 401 || response.status == 403) && !renewed {
                // An expired or revoked token: authenticate once more, then give up. Only the
                // token this request used is dropped; a concurrent request may have renewed it.
                await tokens.invalidate(bearer)
                renewed = true
                continue
            }
            guard (200..<300).contains(response.status) else {
                throw PersonioError.http(status: response.status, message: Self.errorMessage(response.body), endpoint: endpoint)
            }
            if let header = response.header("authorization") {
                let value = header.hasPrefix("Bearer ") ? String(header.dropFirst(7)) : header
                await tokens.adopt(value)
            }
            return response.body
        }
    }

    /// Makes sure a token is at hand (checks the credentials early, e.g. before a long run).
    public func authenticate() async throws {
        _ = try await currentToken()
    }

    /// The cached token, or one fresh from `/v1/auth`; concurrent callers share one auth call.
    func currentToken() async throws -> String {
        try await tokens.current { try await self.requestToken() }
    }

    private func requestToken() async throws -> (value: String, renewAt: Date) {
        let (id, secret) = try credentials()
        let body = try JSONSerialization.data(withJSONObject: ["client_id": id, "client_secret": secret])
        let request = HTTPRequest(method: "POST", url: settings.baseURL.appendingPathComponent("v1/auth"), headers: [
            ("Content-Type", "application/json"), ("Accept", "application/json"), ("X-Personio-App-ID", settings.appID),
        ], body: body)
        let response = try await send(request, endpoint: "POST /v1/auth", limiter: authLimiter)
        guard response.status == 200 else {
            throw PersonioError.authenticationFailed(status: response.status, message: Self.errorMessage(response.body))
        }
        let json = try? JSONValue.parse(response.body)
        guard let value = json?["data"]?["token"]?.string, !value.isEmpty else {
            throw PersonioError.unreadableResponse(endpoint: "POST /v1/auth", reason: "no token in the answer")
        }
        // Renew a minute early so a long pull never runs into the expiry.
        let lifetime = Double(json?["data"]?["expires_in"]?.int ?? 86_400)
        return (value, Date().addingTimeInterval(max(60, lifetime - 60)))
    }

    func send(_ request: HTTPRequest, endpoint: String, limiter: RateLimiter?) async throws -> HTTPResponse {
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
