import Foundation
import HRSyncHTTP
import HRSyncSandbox
import HRSyncSpecSupport
import Testing

@testable import Learning360

/// What the client sends and what the sandbox answers, checked against 360Learning's own
/// OpenAPI file with an independent validator.
@Suite(.enabled(if: VendorSpecs.available != nil, Comment(rawValue: VendorSpecs.skipReason)))
struct Learning360ConformanceTests {
    // Read only when the suite runs, that is when the vendor files are there.
    static let spec = try! OpenAPISpec(path: VendorSpecs.file("360learning/360learning-core-api.json").path)

    final class Recorder: HTTPTransport, @unchecked Sendable {
        let inner = AsyncHTTPTransport()
        private let lock = NSLock()
        private(set) var exchanges: [(HTTPRequest, HTTPResponse)] = []
        func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
            let response = try await inner.send(request, timeout: timeout)
            lock.withLock { exchanges.append((request, response)) }
            return response
        }
    }

    /// The spec's path template for a concrete request path ("/api/v2/users/abc…" → "/api/v2/users/{userId}").
    static func template(_ method: String, _ path: String) -> String? {
        let paths = (spec.root["paths"] as? [String: Any])?.keys.sorted() ?? []
        let parts = path.split(separator: "/")
        return paths.first { candidate in
            let pattern = candidate.split(separator: "/")
            guard pattern.count == parts.count, spec.operation(method, candidate) != nil else { return false }
            return zip(pattern, parts).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
    }

    /// An unthrottled sandbox and a client whose every exchange `recorder` keeps; the recorder's
    /// transport and the sandbox are closed after `body`, whether it returned or threw.
    static func withRecordedClient(_ body: (Sandbox, Recorder, Learning360Client) async throws -> Void) async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 50)
        let recorder = Recorder()
        try await sandbox.stopping { () async throws in
            let client = Learning360Client(
                baseURL: sandbox.learning360URL, executor: RequestExecutor(transport: recorder),
                credentials: { (Learning360Emulator.clientID, Learning360Emulator.clientSecret) }, rateLimitScale: 1000)
            do { try await body(sandbox, recorder, client) } catch {
                await recorder.inner.shutdown()
                throw error
            }
            await recorder.inner.shutdown()
        }
    }

    @Test func everyExchangeOfAFullRunMatchesTheVendorSchemas() async throws {
        try await Self.withRecordedClient { sandbox, recorder, client in
            let lms = sandbox.learning360
            let group = await lms.employeesGroupID
            let boss = await lms.addUser(mail: "boss@acme.example", firstName: "Bo", lastName: "Ss")

            guard
                case .created(let user) = try await client.createUser(
                    CreateUserBody(mail: "zoe@acme.example", groupId: group, firstName: "Zoë", lastName: "Neu", job: "Engineer", lang: "en"),
                    sendInvitationEmail: false)
            else { Issue.record("not created"); return }
            _ = try await client.updateUser(user._id, ["job": "Lead", "lastName": nil])
            _ = try await client.createExternalID(ExternalIDDTO(platform: "personio", targetType: "user", targetId: user._id, value: "1234"))
            _ = try await client.externalIDs(platform: "personio")
            let field = try await client.createCustomField(name: "Department", type: "string")
            let date = try await client.createCustomField(name: "Hire date", type: "date")
            _ = try await client.replaceCustomValues(
                of: user._id,
                [
                    CustomValueDTO(customFieldId: field._id!, type: "string", value: "Sales"),
                    CustomValueDTO(customFieldId: date._id!, type: "date", value: "2022-01-12")
                ])
            _ = try await client.customValues(of: user._id)
            _ = try await client.customFields()
            _ = try await client.addManager(boss, to: user._id)
            _ = try await client.managers(of: user._id)
            #expect(try await client.subordinates(of: boss) == [user._id])
            _ = try await client.addRole("learner", group: group, user: user._id)
            _ = try await client.roles(inGroup: group)
            _ = try await client.roles(ofUser: user._id)
            _ = try await client.groups()
            _ = try await client.users()
            _ = try await client.removeManager(boss, from: user._id)
            _ = try await client.removeRole("learner", group: group, user: user._id)
            _ = try await client.deleteUser(user._id)
            _ = try await client.createUser(
                CreateUserBody(mail: "zoe@acme.example", groupId: group, firstName: nil, lastName: nil, job: nil, lang: nil),
                sendInvitationEmail: false)

            let validator = SchemaValidator(spec: Self.spec)
            var checked = 0
            for (request, response) in recorder.exchanges {
                let path = request.url.path
                let template = try #require(Self.template(request.method, path), "no spec operation for \(request.method) \(path)")
                if let body = request.body {
                    let schema = try #require(Self.spec.requestSchema(request.method, template), "\(request.method) \(template) takes no body")
                    let problems = validator.validate(try JSONSerialization.jsonObject(with: body), schema)
                    #expect(problems.isEmpty, "request \(request.method) \(template): \(problems)")
                }
                let status = String(response.status)
                guard let schema = Self.spec.responseSchema(request.method, template, status: status) else {
                    #expect(response.body.isEmpty || status == "204", "\(request.method) \(template) answered \(status), which the spec does not list")
                    continue
                }
                let problems = validator.validate(try JSONSerialization.jsonObject(with: response.body), schema)
                #expect(problems.isEmpty, "response \(status) of \(request.method) \(template): \(problems)")
                checked += 1
            }
            #expect(checked >= 16, "every answer with a body was checked")
        }
    }

    static let bulkSpec = try! OpenAPISpec(path: VendorSpecs.file("360learning/360learning-bulk-api.json").path)

    /// Bulk memberships (add, status until completed, per-row results with a failing row, remove)
    /// and the vendor's refusals, against the bulk API's own OpenAPI file.
    @Test func bulkExchangesMatchTheBulkAPISchemas() async throws {
        try await Self.withRecordedClient { sandbox, recorder, client in
            let lms = sandbox.learning360
            let group = await lms.employeesGroupID
            let user = await lms.addUser(mail: "bulk@acme.example")
            // The operation runs 10 s of the emulator's clock, which the test moves instead of waiting:
            // one status answer at each stage of its life, all checked against the spec below.
            let start = Date()
            await lms.setClock(start)
            await lms.setBulkDuration(seconds: 10)
            let rows = [
                BulkMembershipRow(userId: user, groupId: group, pathRole: "user-admin"),
                BulkMembershipRow(userId: "0123456789abcdef01234567", groupId: group, pathRole: "learner")
            ]
            #expect(rows[0].role == "userAdmin")
            let added = try await client.startBulkMemberships(remove: false, rows)
            var statuses: [String] = []
            for elapsed in [0.0, 0.7, 5, 10] {
                await lms.setClock(start.addingTimeInterval(elapsed))
                statuses.append(try await client.bulkOperation(added).status)
            }
            #expect(statuses == ["pending", "queued", "running", "completed"])
            let results = try await client.bulkResults(added)
            #expect(results.map(\.status) == ["success", "error"])
            #expect(results.first?.input == rows[0])
            #expect(await lms.rolesOf(user: user)[group]?.contains("userAdmin") == true)
            await lms.setBulkDuration(seconds: 0)
            let removed = try await client.startBulkMemberships(remove: true, [rows[0]])
            #expect(try await client.bulkResults(removed).map(\.status) == ["success"])
            await lms.setBulkDuration(seconds: 60)
            for _ in 0..<3 { _ = try await client.startBulkMemberships(remove: false, [rows[0]]) }
            await #expect(throws: Learning360Error.self) { _ = try await client.startBulkMemberships(remove: false, [rows[0]]) }  // 4th running
            // Input is checked before the running operations are counted.
            let notAnID = BulkMembershipRow(userId: "not-an-id", groupId: group, pathRole: "learner")
            await #expect(throws: Learning360Error.self) { _ = try await client.startBulkMemberships(remove: false, [notAnID]) }  // 400 invalidInput
            await #expect(throws: Learning360Error.self) {  // 400 inputTooLong
                _ = try await client.startBulkMemberships(remove: true, Array(repeating: rows[0], count: Learning360Client.bulkMaxRows + 1))
            }
            await lms.setBulkEnabled(false)
            await #expect(throws: Learning360Error.self) { _ = try await client.startBulkMemberships(remove: false, [rows[0]]) }

            let validator = SchemaValidator(spec: Self.bulkSpec)
            var checked = 0
            for (request, response) in recorder.exchanges where request.url.path.hasPrefix("/api/v2/bulk/") {
                let path = request.url.path
                let template =
                    path.hasSuffix("/results")
                    ? "/api/v2/bulk/operations/{bulkOperationId}/results"
                    : path.hasPrefix("/api/v2/bulk/operations/") ? "/api/v2/bulk/operations/{bulkOperationId}" : path
                #expect(Self.bulkSpec.operation(request.method, template) != nil, "\(request.method) \(template) is not in the bulk spec")
                if let body = request.body, response.status < 400 {  // the refused ones were sent invalid on purpose
                    let schema = try #require(Self.bulkSpec.requestSchema(request.method, template))
                    let problems = validator.validate(try JSONSerialization.jsonObject(with: body), schema)
                    #expect(problems.isEmpty, "request \(request.method) \(template): \(problems)")
                }
                if response.status == 202 {
                    #expect(response.header("Location")?.hasPrefix("/api/v2/bulk/operations/") == true)
                    continue
                }
                let schema = try #require(
                    Self.bulkSpec.responseSchema(request.method, template, status: String(response.status)),
                    "\(request.method) \(template) answered \(response.status), which the spec does not list")
                let problems = validator.validate(try JSONSerialization.jsonObject(with: response.body), schema)
                #expect(problems.isEmpty, "response \(response.status) of \(request.method) \(template): \(problems)")
                checked += 1
            }
            #expect(checked >= 7, "status, results, 429, 400 and 503 answers were checked")
        }
    }

    @Test func errorAnswersMatchTheVendorSchemas() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 50)
        try await sandbox.stopping { () async throws in
            let transport = AsyncHTTPTransport()
            let base = sandbox.learning360URL.absoluteString
            let validator = SchemaValidator(spec: Self.spec)
            func send(_ method: String, _ path: String, token: String?, body: String? = nil) async throws -> HTTPResponse {
                var headers = [("360-api-version", "v2.0"), ("Content-Type", "application/json")]
                if let token { headers.append(("Authorization", "Bearer \(token)")) }
                return try await transport.send(
                    HTTPRequest(method: method, url: URL(string: base + path)!, headers: headers, body: body.map { Data($0.utf8) }), timeout: .seconds(30))
            }
            let tokenAnswer = try await send(
                "POST", "/api/v2/oauth2/token", token: nil,
                body:
                    #"{"grant_type":"client_credentials","client_id":"\#(Learning360Emulator.clientID)","client_secret":"\#(Learning360Emulator.clientSecret)"}"#
            )
            #expect(
                validator.validate(
                    try JSONSerialization.jsonObject(with: tokenAnswer.body),
                    try #require(Self.spec.responseSchema("post", "/api/v2/oauth2/token", status: "200"))
                ).isEmpty)
            let token = (try JSONSerialization.jsonObject(with: tokenAnswer.body) as! [String: Any])["access_token"] as! String

            let cases: [(String, String, String?, String?, Int, String)] = [
                ("GET", "/api/v2/users", nil, nil, 401, "/api/v2/users"),
                ("GET", "/api/v2/users/0123456789abcdef01234567", token, nil, 404, "/api/v2/users/{userId}"),
                ("GET", "/api/v2/users/0123456789abcdef01234567/subordinates", token, nil, 404, "/api/v2/users/{userId}/subordinates"),
                (
                    "POST", "/api/v2/users", token,
                    #"{"mail":"lms-admin@acme.example","membership":{"groupId":"\#(await sandbox.learning360.employeesGroupID)","role":"learner"}}"#, 400,
                    "/api/v2/users"
                ),
                (
                    "DELETE", "/api/v2/groups/\(await sandbox.learning360.employeesGroupID)/learner/0123456789abcdef01234567", token, nil, 404,
                    "/api/v2/groups/{groupId}/{role}/{userId}"
                )
            ]
            for (method, path, bearer, body, status, template) in cases {
                let answer = try await send(method, path, token: bearer, body: body)
                #expect(answer.status == status, "\(method) \(path)")
                let schema = try #require(Self.spec.responseSchema(method, template, status: String(status)))
                let problems = validator.validate(try JSONSerialization.jsonObject(with: answer.body), schema)
                #expect(problems.isEmpty, "\(method) \(path) \(status): \(problems)")
            }
            await transport.shutdown()
        }
    }
}

/// The sandbox's subordinates list as the vendor pages it (1,000 ids a page, `Link` to the next),
/// read back whole by the client; no vendor file needed.
@Suite struct Learning360SubordinatesTests {
    @Test func subordinatesArePagedByAThousandAndReadWhole() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 50)
        try await sandbox.stopping { () async throws in
            let transport = AsyncHTTPTransport()
            let client = Learning360Client(
                baseURL: sandbox.learning360URL, executor: RequestExecutor(transport: transport),
                credentials: { (Learning360Emulator.clientID, Learning360Emulator.clientSecret) }, rateLimitScale: 1000)
            let lms = sandbox.learning360
            let boss = await lms.addUser(mail: "boss@acme.example", firstName: "Bo", lastName: "Ss")
            var team: [String] = []
            for n in 0..<1_001 {
                let id = await lms.addUser(mail: "u\(n)@acme.example", firstName: "U", lastName: "\(n)")
                await lms.setManagers(user: id, [boss])
                team.append(id)
            }
            let before = await lms.requests["GET /api/v2/users/{userId}/subordinates"] ?? 0
            #expect(try await client.subordinates(of: boss).sorted() == team.sorted())
            #expect(await lms.requests["GET /api/v2/users/{userId}/subordinates"] ?? 0 == before + 2, "two pages")
            #expect(try await client.subordinates(of: team[0]).isEmpty)
            // The sandbox's subordinate index follows every change of managers.
            _ = try await client.removeManager(boss, from: team[0])
            _ = try await client.addManager(team[1], to: team[2])
            #expect(try await client.subordinates(of: boss).count == 1_000)
            #expect(try await client.subordinates(of: team[1]) == [team[2]])
            await lms.setManagers(user: team[3], [team[1]])
            #expect(try await client.subordinates(of: team[1]) == [team[2], team[3]])
            await #expect(throws: Learning360Error.self) { _ = try await client.subordinates(of: "0123456789abcdef01234567") }
            await transport.shutdown()
        }
    }
}
