import Foundation
import HRSyncHTTP
import HRSyncSandbox
import Testing

@testable import Learning360

/// The 360Learning client against the emulated API over real HTTP on loopback.
@Suite(.serialized) struct Learning360ClientTests {
    static let transport = AsyncHTTPTransport()

    func withSandbox(retry: RetryPolicy = RetryPolicy(maxAttempts: 8, scale: 0.01), _ body: (Learning360Emulator, Learning360Client) async throws -> Void)
        async throws
    {
        var settings = Sandbox.Settings()
        settings.learning360.rateLimitScale = 0
        let sandbox = try await Sandbox.start(settings)
        let client = Learning360Client(
            baseURL: sandbox.learning360URL,
            // Faults are injected, never timed: a generous timeout keeps a loaded full run from a false timeout.
            executor: RequestExecutor(transport: Self.transport, retry: retry, timeout: .seconds(30)),
            credentials: { (Learning360Emulator.clientID, Learning360Emulator.clientSecret) }, rateLimitScale: 1000)
        try await sandbox.stopping { try await body(sandbox.learning360, client) }
    }

    @Test func usersAcrossSeveralPagesAndFilters() async throws {
        try await withSandbox { lms, client in
            for i in 0..<1_200 { await lms.addUser(mail: "user\(i)@acme.example", status: i % 10 == 0 ? "deleted" : "active") }
            let all = try await client.users()
            #expect(all.count == 1_201, "1,200 plus the connector admin, over three pages of 500")
            #expect(await lms.requests["GET /api/v2/users"] == 3)
            #expect(try await client.users(status: "deleted").count == 120)
            let one = try await client.users(mail: "USER7@acme.example")
            #expect(one.map(\.mail) == ["user7@acme.example"])
            #expect(try await client.user(one[0]._id).mail == "user7@acme.example")
        }
    }

    @Test func createRestoreAndMailAlreadyUsed() async throws {
        try await withSandbox { lms, client in
            let group = await lms.employeesGroupID
            let body = CreateUserBody(mail: "new+tag@acme.example", groupId: group, firstName: "Zoë", lastName: "Neu", job: "Engineer", lang: "de")
            guard case .created(let user) = try await client.createUser(body, sendInvitationEmail: false) else { Issue.record("not created"); return }
            #expect(user.status == "invited" && user.lang == "de" && user.firstName == "Zoë")
            #expect(await lms.invitationsSent.isEmpty, "no invitation with sendInvitationEmail=false")
            #expect(try await client.createUser(body, sendInvitationEmail: true) == .mailAlreadyUsed)
            #expect(try await client.deleteUser(user._id) == .done)
            guard case .restored(let back) = try await client.createUser(body, sendInvitationEmail: true) else { Issue.record("not restored"); return }
            #expect(back._id == user._id)
            #expect(await lms.invitationsSent == ["new+tag@acme.example"])
        }
    }

    @Test func patchSendsOnlyGivenFieldsAndNullClears() async throws {
        try await withSandbox { lms, client in
            let id = await lms.addUser(mail: "p@acme.example", firstName: "Pat", lastName: "Old", job: "Analyst")
            let updated = try await client.updateUser(id, ["lastName": "New", "job": nil])
            #expect(updated.lastName == "New" && updated.job == nil && updated.firstName == "Pat")
            await #expect(throws: Learning360Error.self) { _ = try await client.updateUser(id, ["mail": "lms-admin@acme.example"]) }
        }
    }

    @Test func mappingsFieldsValuesManagersAndRoles() async throws {
        try await withSandbox { lms, client in
            let a = await lms.addUser(mail: "a@acme.example"), b = await lms.addUser(mail: "b@acme.example")
            let mapping = ExternalIDDTO(platform: "personio", targetType: "user", targetId: a, value: "1001")
            #expect(try await client.createExternalID(mapping) == .done)
            #expect(try await client.createExternalID(mapping) == .alreadyDone("mappingAlreadyExists"))
            let listed = try await client.externalIDs(platform: "personio")
            #expect(listed.map(\.value) == ["1001"])
            #expect(
                try await client.replaceExternalID(listed[0]._id!, ExternalIDDTO(platform: "personio", targetType: "user", targetId: a, value: "1002")) == .done
            )

            let field = try await client.createCustomField(name: "Hire date", type: "date")
            #expect(try await client.customFields().map(\.name) == ["Hire date"])
            let values = [CustomValueDTO(customFieldId: field._id!, type: "date", value: "2022-01-12")]
            #expect(try await client.replaceCustomValues(of: a, values) == values)
            #expect(try await client.customValues(of: a) == values)
            await #expect(
                throws: Learning360Error.api(
                    status: 400, code: "wrongTypeValue", message: "wrongTypeValue", endpoint: "PUT /api/v2/users/{userId}/custom-fields/values")
            ) {
                _ = try await client.replaceCustomValues(of: a, [CustomValueDTO(customFieldId: field._id!, type: "date", value: "12.01.2022")])
            }

            #expect(try await client.addManager(b, to: a) == .done)
            #expect(try await client.managers(of: a) == [b])
            #expect(try await client.removeManager(b, from: a) == .done)
            #expect(try await client.removeManager(b, from: a) == .alreadyDone("managerNotAssignedToUser"))

            let berlin = try #require(await lms.allGroups().first { $0.name == "Berlin" })
            let sales = try #require(await lms.allGroups().first { $0.name == "Sales" && $0.parentID == berlin.id })
            #expect(try await client.addRole("learner", group: sales.id, user: a) == .done)
            let employees = await lms.employeesGroupID, root = await lms.rootGroupID
            let propagated = Set(try await client.roles(ofUser: a).compactMap(\.groupId))
            #expect(propagated == [sales.id, berlin.id, employees, root], "a learner of a public group is a learner up to the first private group")
            #expect(try await client.roles(inGroup: sales.id).map(\.userId) == [a])
            #expect(try await client.removeRole("learner", group: sales.id, user: a) == .done)
            #expect(try await client.removeRole("learner", group: sales.id, user: a) == .alreadyDone("userNotFoundInGroup"))
            #expect(try await client.addRole("user-admin", group: sales.id, user: b) == .done)
            let groups = try await client.groups()
            #expect(groups.count == (await lms.allGroups().count))
        }
    }

    @Test func throttlingAndServerErrorsAreRetriedToSuccess() async throws {
        try await withSandbox { lms, client in
            await lms.faults.inject(.status(429), times: 3, pathPrefix: "/api/v2/users")
            await lms.faults.inject(.status(503), times: 2, pathPrefix: "/api/v2/users")
            await lms.faults.inject(.reset, times: 1, pathPrefix: "/api/v2/users")
            let users = try await client.users()
            #expect(users.count == 1)
            #expect(await client.counter.retries == 6)
        }
    }

    @Test func anExpiredTokenIsRenewedOnce() async throws {
        try await withSandbox { lms, client in
            _ = try await client.groups()
            await lms.revokeTokens()
            #expect(try await client.groups().count > 1)
            #expect(await lms.requests["POST /api/v2/oauth2/token"] == 2)
        }
    }

    @Test func errorShapesBecomeOneLine() async throws {
        try await withSandbox { lms, client in
            do {
                _ = try await client.user("0123456789abcdef01234567")
                Issue.record("found")
            } catch let error as Learning360Error {
                #expect(error.localizedDescription == "360Learning answered HTTP 404 on GET /api/v2/users/{userId}: userNotFound (userNotFound)")
            }
            let wrong = Learning360Client(
                baseURL: URL(string: "http://127.0.0.1:\(Self.port(of: client))")!,
                executor: RequestExecutor(transport: Self.transport), credentials: { ("x", "y") })
            await #expect(throws: Learning360Error.authenticationFailed(status: 401, code: "invalid_client")) { _ = try await wrong.groups() }
            #expect(Learning360Error.parse(Data(#"{"error":"tooManyRequests"}"#.utf8)).code == "tooManyRequests")
            #expect(Learning360Error.parse(Data(#"{"error":{"code":"invalid_scope","message":"no"}}"#.utf8)) == ("invalid_scope", "no"))
        }
    }

    static func port(of client: Learning360Client) -> Int {
        client.baseURL.port ?? 0
    }

    @Test func aPagingLoopIsStopped() async throws {
        struct LoopTransport: HTTPTransport {
            func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
                if request.url.path.hasSuffix("/oauth2/token") {
                    return HTTPResponse(status: 200, body: Data(#"{"token_type":"Bearer","access_token":"t","expires_in":"3600"}"#.utf8))
                }
                return HTTPResponse(status: 200, headers: [("Link", "</api/v2/groups?next=1>; rel=\"next\"")], body: Data("[]".utf8))
            }
        }
        let client = Learning360Client(
            baseURL: URL(string: "http://127.0.0.1:1")!, executor: RequestExecutor(transport: LoopTransport()), credentials: { ("a", "b") })
        await #expect(throws: Learning360Error.pagingLoop(endpoint: "GET /api/v2/groups")) { _ = try await client.groups() }
    }

    /// An id that is not one can never address another endpoint: every path segment is encoded.
    @Test func pathSegmentsArePercentEncoded() {
        #expect(PercentEncoding.pathSegment("../../api/v2/users") == "..%2F..%2Fapi%2Fv2%2Fusers")
        #expect(PercentEncoding.pathSegment("a?b#c d") == "a%3Fb%23c%20d")
        #expect(PercentEncoding.pathSegment("64f1a2b3c4d5e6f7a8b9c0d1") == "64f1a2b3c4d5e6f7a8b9c0d1")
    }

    @Test func linkHeadersResolveRelativeAndAbsolute() {
        let base = URL(string: "https://app.360learning.com/api/v2/users?mail[eq]=x")!
        #expect(
            LinkHeader.next(#"</api/v2/users?next=abc>; rel="next""#, relativeTo: base)?.absoluteString == "https://app.360learning.com/api/v2/users?next=abc")
        #expect(LinkHeader.next(#"<https://other.example/p?next=2>; rel="next""#, relativeTo: base)?.absoluteString == "https://other.example/p?next=2")
        #expect(LinkHeader.next(#"</x>; rel="prev""#, relativeTo: base) == nil)
        #expect(LinkHeader.next(nil, relativeTo: base) == nil)
    }
}
