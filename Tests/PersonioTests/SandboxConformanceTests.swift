import Foundation
import HRSyncHTTP
import HRSyncSandbox
import HRSyncSpecSupport
import Testing

@testable import Personio

/// The emulated Personio answers as the vendor's OpenAPI documents say, and the client sends
/// what they require. Checked with an independent validator over the vendor's own files.
@Suite(.enabled(if: VendorSpecs.available != nil, Comment(rawValue: VendorSpecs.skipReason)))
struct SandboxConformanceTests {
    // Read only when the suite runs, that is when the vendor files are there.
    static let ref = VendorSpecs.file("personio")
    static let personnel = try! OpenAPISpec(path: ref.appendingPathComponent("personio-personnel-data-api-oa3.yaml").path)
    static let auth = try! OpenAPISpec(path: ref.appendingPathComponent("personio-auth-api.yaml").path)

    /// Records what the client sends, then passes it on.
    final class RecordingTransport: HTTPTransport, @unchecked Sendable {
        let inner = AsyncHTTPTransport()
        private let lock = NSLock()
        private(set) var sent: [HTTPRequest] = []
        func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
            lock.withLock { sent.append(request) }
            return try await inner.send(request, timeout: timeout)
        }
    }

    func json(_ response: HTTPResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: response.body)
    }

    @Test func answersAndRequestsMatchTheVendorSchemas() async throws {
        var settings = Sandbox.Settings()
        settings.personio.employees = 40
        settings.personio.rateLimitScale = 0
        let sandbox = try await Sandbox.start(settings)
        try await sandbox.stopping { () async throws in
            let transport = RecordingTransport()
            let client = PersonioClient(
                settings: .init(baseURL: sandbox.personioURL, appID: "HRSYNC_TEST"),
                executor: RequestExecutor(transport: transport),
                credentials: { (PersonioEmulator.clientID, PersonioEmulator.clientSecret) })
            _ = try await client.allEmployees(keep: nil)
            let token = try await client.currentToken()
            let validator = SchemaValidator(spec: Self.personnel, nullsAllowed: true)

            // The client's auth body is what the auth spec requires.
            let authBody = try JSONSerialization.jsonObject(with: try #require(transport.sent.first { $0.url.path == "/v1/auth" }?.body))
            #expect(SchemaValidator(spec: Self.auth).validate(authBody, try #require(Self.auth.requestSchema("post", "/auth"))).isEmpty)

            func get(_ path: String, authorized: Bool = true, bearer: String? = nil) async throws -> HTTPResponse {
                var headers = [("Accept", "application/json")]
                if authorized { headers.append(("Authorization", "Bearer \(bearer ?? token)")) }
                return try await transport.inner.send(
                    HTTPRequest(method: "GET", url: URL(string: sandbox.personioURL.absoluteString + path)!, headers: headers), timeout: .seconds(30))
            }

            // List: the spec's allOf pairs Response (data: object) with data: array, which no answer
            // can satisfy; the real API sends an array, so the list-specific half is checked whole.
            let list = try await get("/v1/company/employees?limit=25&offset=0")
            let listSchema = try #require(Self.personnel.schema(named: "EmployeesResponse")?["allOf"] as? [[String: Any]])[1]
            let listBody = try json(list)
            #expect(validator.validate(listBody, listSchema).isEmpty, "\(validator.validate(listBody, listSchema))")
            #expect((listBody as? [String: Any])?["success"] as? Bool == true)
            let employeeSchema = try #require(Self.personnel.schema(named: "Employee"))
            for item in (listBody as! [String: Any])["data"] as! [[String: Any]] {
                let problems = validator.validate(item["attributes"]!, employeeSchema)
                #expect(problems.isEmpty, "\(problems)")
            }

            let one = try await get("/v1/company/employees/1003")
            let oneBody = try json(one) as! [String: Any]
            let employeeResponse = try #require(Self.personnel.schema(named: "EmployeeResponse")?["allOf"] as? [[String: Any]])
            for part in employeeResponse { #expect(validator.validate(oneBody, part).isEmpty, "\(validator.validate(oneBody, part))") }

            let missing = try await get("/v1/company/employees/999999")
            #expect(missing.status == 404)
            let notFound = try #require(Self.personnel.responseSchema("get", "/company/employees/{employee_id}", status: "404"))
            #expect(validator.validate(try json(missing), notFound).isEmpty)

            let errorSchema = try #require(Self.personnel.schema(named: "ErrorResponse"))
            let unauthorized = try await get("/v1/company/employees", authorized: false)
            let forbidden = try await get("/v1/company/employees", bearer: "papi-revoked")
            #expect(unauthorized.status == 401 && forbidden.status == 403)
            #expect(validator.validate(try json(unauthorized), errorSchema).isEmpty)
            #expect(validator.validate(try json(forbidden), errorSchema).isEmpty)
            let forbiddenError = (try json(forbidden) as! [String: Any])["error"] as! [String: Any]
            #expect((forbiddenError["code"] as? NSNumber)?.intValue == 403)
            #expect(forbiddenError["message"] as? String == "Provided authorization is not valid")

            let authResponse = try await transport.inner.send(
                HTTPRequest(
                    method: "POST", url: sandbox.personioURL.appendingPathComponent("v1/auth"), headers: [("Content-Type", "application/json")],
                    body: Data(#"{"client_id":"\#(PersonioEmulator.clientID)","client_secret":"\#(PersonioEmulator.clientSecret)"}"#.utf8)),
                timeout: .seconds(30))
            let tokenSchema = try #require(Self.auth.responseSchema("post", "/auth", status: "200"))
            #expect(SchemaValidator(spec: Self.auth).validate(try json(authResponse), tokenSchema).isEmpty)

            await transport.inner.shutdown()
        }
    }

    @Test func theValidatorCatchesWhatItShould() throws {
        let validator = SchemaValidator(spec: Self.auth)
        let schema = try #require(Self.auth.requestSchema("post", "/auth"))
        #expect(validator.validate(["client_id": "x"], schema) == ["/: missing required 'client_secret'"])
        #expect(validator.validate(["client_id": 1, "client_secret": "y"], schema) == ["/client_id: expected string, got a number"])
        let tokenSchema = try #require(Self.auth.responseSchema("post", "/auth", status: "200"))
        #expect(!validator.validate(["success": true, "data": ["expires_in": 1]], tokenSchema).isEmpty)
    }
}
