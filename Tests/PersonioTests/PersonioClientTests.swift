import Foundation
import HRSyncCore
import HRSyncHTTP
import HRSyncSandbox
import Testing

@testable import Personio

/// The client against the emulated API, over real HTTP on loopback.
@Suite(.serialized) struct PersonioClientTests {
    static let fastRetries = RetryPolicy(maxAttempts: 6, scale: 0.01)
    static let transport = AsyncHTTPTransport()

    func withSandbox(
        employees: Int, scale: Double = 0, hidden: Set<String> = [], retry: RetryPolicy = fastRetries, _ body: (Sandbox, PersonioClient) async throws -> Void
    ) async throws {
        var settings = Sandbox.Settings()
        settings.personio.employees = employees
        settings.personio.rateLimitScale = scale
        settings.personio.hiddenAttributes = hidden
        let sandbox = try await Sandbox.start(settings)
        let client = PersonioClient(
            settings: .init(baseURL: sandbox.personioURL, appID: "HRSYNC_TEST"),
            // Faults are injected, never timed: a generous timeout keeps a loaded full run (a 10,000-employee
            // sandbox beside the chaos tests) from retrying a slow token request and counting two tokens.
            executor: RequestExecutor(transport: Self.transport, retry: retry, timeout: .seconds(30)),
            credentials: { (PersonioEmulator.clientID, PersonioEmulator.clientSecret) },
            employeesLimiter: PersonioClient.defaultEmployeesLimiter(scale: scale == 0 ? 1000 : scale))
        try await sandbox.stopping { try await body(sandbox, client) }
    }

    @Test(arguments: [1, 100, 101, 10_000])
    func pagingReadsEveryEmployeeOnce(count: Int) async throws {
        try await withSandbox(employees: count) { sandbox, client in
            let list = try await client.allEmployees(keep: nil)
            #expect(list.employees.count == count)
            #expect(Set(list.employees.map(\.id)).count == count)
            #expect(list.warnings.isEmpty)
            let pages = await sandbox.personio.requests["GET /v1/company/employees"] ?? 0
            #expect(pages == (count + 99) / 100, "stops at total_elements")
            #expect(await sandbox.personio.authCalls == 1, "one token for the whole pull")
            #expect(await sandbox.personio.requestsWithoutAppID == 0)
        }
    }

    @Test func aStormOf429sAndServerErrorsIsRetriedToSuccess() async throws {
        // Eight failures in a row on one request: within a budget of ten attempts.
        try await withSandbox(employees: 250, retry: RetryPolicy(maxAttempts: 10, scale: 0.01)) { sandbox, client in
            await sandbox.personio.faults.inject(.status(429), times: 4, pathPrefix: "/v1/company/employees")
            await sandbox.personio.faults.inject(.status(503), times: 2, pathPrefix: "/v1/company/employees")
            await sandbox.personio.faults.inject(.reset, times: 1, pathPrefix: "/v1/company/employees")
            await sandbox.personio.faults.inject(.statusWithRetryAfter(429, seconds: 1), times: 1, pathPrefix: "/v1/company/employees")
            let list = try await client.allEmployees(keep: nil)
            #expect(list.employees.count == 250)
            #expect(await sandbox.personio.faults.pending == 0)
            #expect(await client.counter.retries == 8)
        }
    }

    @Test func theRetryBudgetEndsInOneClearError() async throws {
        try await withSandbox(employees: 5) { sandbox, client in
            await sandbox.personio.faults.inject(.status(500), times: 10, pathPrefix: "/v1/company/employees")
            do {
                _ = try await client.allEmployees(keep: nil)
                Issue.record("no error")
            } catch let error as PersonioError {
                #expect(error.localizedDescription == "Personio answered HTTP 500 on GET /v1/company/employees: Something went wrong")
            }
        }
    }

    @Test func anExpiredTokenIsRenewedOnceAndTheReadContinues() async throws {
        try await withSandbox(employees: 300) { sandbox, client in
            _ = try await client.employeesPage(offset: 0, keep: nil)
            await sandbox.personio.revokeTokens()
            let list = try await client.allEmployees(keep: nil)
            #expect(list.employees.count == 300)
            #expect(await sandbox.personio.authCalls == 2)
        }
    }

    @Test func wrongCredentialsSayCheckTheCredentials() async throws {
        let sandbox = try await Sandbox.start()
        try await sandbox.stopping { () async throws in
            let client = PersonioClient(
                settings: .init(baseURL: sandbox.personioURL, appID: "HRSYNC_TEST"),
                executor: RequestExecutor(transport: Self.transport, retry: Self.fastRetries),
                credentials: { ("wrong", "nope") })
            await #expect(throws: PersonioError.authenticationFailed(status: 401, message: "Wrong credentials")) {
                _ = try await client.allEmployees(keep: nil)
            }
        }
    }

    @Test func attributesTheCredentialCannotReadAreReported() async throws {
        try await withSandbox(employees: 20, hidden: ["position", "dynamic_1234567"]) { _, client in
            let list = try await client.allEmployees(keep: ["first_name", "position", "dynamic_1234567", "department"])
            #expect(list.missingAttributes == ["dynamic_1234567", "position"])
            #expect(list.employees.allSatisfy { $0["department"] != nil })
            let definitions = try await client.attributeDefinitions()
            #expect(definitions.contains(.init(key: "hire_date", type: "date", label: "Eintrittsdatum")))
            #expect(!definitions.contains { $0.key == "position" })
        }
    }

    @Test func theSandboxIsStrictAboutPagingAndTokens() async throws {
        try await withSandbox(employees: 3) { sandbox, client in
            let noToken = try await Self.transport.send(
                HTTPRequest(method: "GET", url: sandbox.personioURL.appendingPathComponent("v1/company/employees")), timeout: .seconds(30))
            #expect(noToken.status == 401)
            #expect(String(decoding: noToken.body, as: UTF8.self) == #"{"error":{"code":401,"message":"Authorization is not provided"},"success":false}"#)
            let token = try await client.currentToken()
            var big = URLComponents(url: sandbox.personioURL.appendingPathComponent("v1/company/employees"), resolvingAgainstBaseURL: false)!
            big.queryItems = [URLQueryItem(name: "limit", value: "200")]
            let tooBig = try await Self.transport.send(
                HTTPRequest(method: "GET", url: big.url!, headers: [("Authorization", "Bearer \(token)")]), timeout: .seconds(30))
            #expect(tooBig.status == 400)
        }
    }
}

/// An in-memory transport answering one fixed page: for shapes the sandbox never produces.
struct FixedPageTransport: HTTPTransport {
    var page: String

    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        if request.url.path.hasSuffix("/v1/auth") {
            return HTTPResponse(status: 200, body: Data(#"{"success":true,"data":{"token":"papi-x","expires_in":86400}}"#.utf8))
        }
        return HTTPResponse(status: 200, body: Data(page.utf8))
    }
}

@Suite struct MalformedEmployeeTests {
    @Test func oneMalformedEmployeeIsAWarningWithItsIDAndTheRestIsRead() async throws {
        let page = """
            {"success": true, "data": [
              {"type": "Employee", "attributes": {"id": {"label": "ID", "value": 1}, "first_name": {"label": "Vorname", "value": "Ada"}}},
              {"type": "Employee", "attributes": {"id": {"label": "ID", "value": 2}, "cost_centers": {"label": "x", "value": [{"weird": true}]}}},
              {"type": "Employee", "attributes": {"first_name": {"label": "Vorname", "value": "No id"}}},
              {"type": "Employee", "attributes": {"id": {"label": "ID", "value": "3"}, "email": {"label": "E-Mail", "value": " c@x.example "}}}
            ]}
            """
        let client = PersonioClient(
            settings: .init(baseURL: URL(string: "http://127.0.0.1:1")!, appID: "T"),
            executor: RequestExecutor(transport: FixedPageTransport(page: page)),
            credentials: { ("a", "b") })
        let list = try await client.allEmployees(keep: nil)
        #expect(list.employees.map(\.id) == [1, 3])
        #expect(list.employees[1].email == "c@x.example")
        #expect(
            list.warnings == [
                "Personio employee 2 skipped: attribute 'cost_centers' has an unreadable value",
                "the employee at offset 2 skipped: no numeric id"
            ])
    }
}

/// Pages without `metadata` (older answers): read until a short page.
struct NoMetadataTransport: HTTPTransport {
    var total: Int
    let requests = Counter()

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func bump() { lock.lock(); value += 1; lock.unlock() }
        var count: Int { lock.lock(); defer { lock.unlock() }; return value }
    }

    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        if request.url.path.hasSuffix("/v1/auth") {
            return HTTPResponse(status: 200, body: Data(#"{"success":true,"data":{"token":"papi-x"}}"#.utf8))
        }
        requests.bump()
        let query = URLComponents(url: request.url, resolvingAgainstBaseURL: false)!.queryItems!
        let offset = Int(query.first { $0.name == "offset" }!.value!)!
        let limit = Int(query.first { $0.name == "limit" }!.value!)!
        // Personio ids start at 1.
        let items = (offset..<min(total, offset + limit)).map { #"{"type":"Employee","attributes":{"id":{"label":"ID","value":\#($0 + 1)}}}"# }
        return HTTPResponse(status: 200, body: Data(#"{"success":true,"data":[\#(items.joined(separator: ","))]}"#.utf8))
    }
}

@Suite struct PagingWithoutMetadataTests {
    @Test(arguments: [(250, 3), (200, 3), (0, 1)])
    func readsUntilAShortPage(total: Int, requests: Int) async throws {
        let transport = NoMetadataTransport(total: total)
        let client = PersonioClient(
            settings: .init(baseURL: URL(string: "http://127.0.0.1:1")!, appID: "T"),
            executor: RequestExecutor(transport: transport), credentials: { ("a", "b") })
        let list = try await client.allEmployees(keep: nil)
        #expect(list.employees.count == total)
        #expect(transport.requests.count == requests)
    }
}
