import Foundation
import HRSyncCore
import HRSyncHTTP
import Testing

@testable import Personio

/// A value over its cap (`TextCap`: 254 for an email, 1,000 characters otherwise) is not kept: it
/// reads as missing, so what it maps is left as it is, and a warning names the employee and the
/// attribute. A 10 MB job title used to make a 31 MB plan and be sent to 360Learning.
@Suite struct ValueCapTests {
    static let huge = String(repeating: "x", count: 10 * 1024 * 1024)

    static func page(position: String) -> String {
        """
        {"success": true, "data": [
          {"type": "Employee", "attributes": {"id": {"label": "ID", "value": 7}, "first_name": {"label": "Vorname", "value": "Ada"},
            "position": {"label": "Position", "value": "\(position)"},
            "email": {"label": "E-Mail", "value": "\(String(repeating: "a", count: 250))@x.example"},
            "department": {"label": "Abteilung", "value": {"type": "Department", "attributes": {"name": "\(String(repeating: "é", count: 1_001))"}}}}},
          {"type": "Employee", "attributes": {"id": {"label": "ID", "value": 8}, "position": {"label": "Position", "value": "\(String(repeating: "ü", count: 1_000))"}}}
        ]}
        """
    }

    func client(_ page: String) -> PersonioClient {
        PersonioClient(
            settings: .init(baseURL: URL(string: "http://127.0.0.1:1")!, appID: "T"),
            executor: RequestExecutor(transport: FixedPageTransport(page: page)), credentials: { ("a", "b") })
    }

    @Test func aTenMegabytePositionIsNotReadAndNamed() async throws {
        let list = try await client(Self.page(position: Self.huge)).allEmployees(keep: nil)
        #expect(list.employees.map(\.id) == [7, 8], "the employee is read, without the value")
        #expect(list.employees[0][PersonioKey.position] == nil)
        #expect(list.employees[0][PersonioKey.email] == nil)
        #expect(list.employees[0]["department"] == nil)
        #expect(list.employees[0][PersonioKey.firstName] == .text("Ada"))
        #expect(list.employees[1][PersonioKey.position] == .text(String(repeating: "ü", count: 1_000)), "at the cap is kept")
        #expect(
            Set(list.warnings) == [
                "Personio employee 7: position is 10485760 characters, over hrsync's cap of 1000: not read, so what it maps is left as it is",
                "Personio employee 7: email is 260 characters, over hrsync's cap of 254: not read, so what it maps is left as it is",
                "Personio employee 7: department is 1001 characters, over hrsync's cap of 1000: not read, so what it maps is left as it is"
            ])
        #expect(list.notes.allSatisfy { $0.kind == .valueTooLong && $0.subject?.personioID == 7 })
    }

    @Test func theEmailLookupOfATargetedRunCarriesTheNotesToo() async throws {
        let list = try await client(Self.page(position: Self.huge)).employees(email: "ada@x.example", keep: nil)
        #expect(list.notes.contains { $0.values["key"] == PersonioKey.position })
    }
}

/// A targeted run reads people by id too (a target without a usable email, a supervisor): that
/// read carries the notes as well.
@Suite struct ValueCapByIDTests {
    struct OneEmployee: HTTPTransport {
        func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
            if request.url.path.hasSuffix("/v1/auth") {
                return HTTPResponse(status: 200, body: Data(#"{"success":true,"data":{"token":"papi-x","expires_in":86400}}"#.utf8))
            }
            let body =
                #"{"success": true, "data": {"type": "Employee", "attributes": {"id": {"label": "ID", "value": 7}, "position": {"label": "Position", "value": ""#
                + ValueCapTests.huge + #""}}}}"#
            return HTTPResponse(status: 200, body: Data(body.utf8))
        }
    }

    @Test func theByIDReadCarriesTheNote() async throws {
        let client = PersonioClient(
            settings: .init(baseURL: URL(string: "http://127.0.0.1:1")!, appID: "T"),
            executor: RequestExecutor(transport: OneEmployee()), credentials: { ("a", "b") })
        let read = try await client.employee(id: 7, keep: nil)
        #expect(read.employees.map(\.id) == [7])
        #expect(read.employees[0][PersonioKey.position] == nil)
        #expect(
            read.notes.map(\.message) == [
                "Personio employee 7: position is 10485760 characters, over hrsync's cap of 1000: not read, so what it maps is left as it is"
            ])
    }
}
