import Foundation
import Testing

@testable import HRSyncSandbox

/// The sandbox's paging: a cursor it did not write is refused (a hostile `next=` once trapped the
/// server); pages and their `Link` follow each other without overlap.
@Suite struct SandboxPagingTests {
    static func request(next: String?) -> SandboxRequest {
        SandboxRequest(method: "GET", path: "/api/v2/users", query: next.map { ["next": [$0], "status[eq]": ["active"]] } ?? [:], headers: [:], body: Data())
    }

    static func link(_ response: SandboxResponse) -> String? { response.headers.first { $0.0 == "Link" }?.1 }

    @Test func cursorsItDidNotWriteAreRefusedAndPagesFollowEachOther() throws {
        let items = (0..<25).map { SandboxJSON.string("u\($0)") }
        for hostile in ["-1", "-9223372036854775807", String(Int.min), "abc", "", "1e3"] {
            let answer = LMSAnswer.page(items.lazy.map { $0 }, request: Self.request(next: hostile), size: 10)
            #expect(answer.status == 400, "next=\(hostile): \(answer.status)")
        }
        let first = LMSAnswer.page(items, request: Self.request(next: nil), size: 10)
        #expect(first.status == 200 && Self.link(first)?.contains("next=10") == true, "\(String(describing: Self.link(first)))")
        let last = LMSAnswer.page(items, request: Self.request(next: "20"), size: 10)
        #expect(last.status == 200 && Self.link(last) == nil)
        #expect(String(decoding: last.body, as: UTF8.self).contains("u24") && !String(decoding: last.body, as: UTF8.self).contains("u19"))
        let beyond = LMSAnswer.page(items, request: Self.request(next: String(Int.max)), size: 10)
        #expect(beyond.status == 200 && Self.link(beyond) == nil, "past the end: an empty last page")
    }

    /// A group's role listing is kept between reads (sorting a large group for every page was the
    /// emulator's bottleneck); a role added or removed after a read is in the next one.
    @Test func aGroupsRoleListingFollowsChangesMadeAfterARead() async throws {
        let lms = await Learning360Emulator()
        let group = await lms.employeesGroupID
        let ada = await lms.addUser(mail: "ada@acme.example"), bo = await lms.addUser(mail: "bo@acme.example")
        await lms.addRole("learner", group: group, user: bo)
        let request = SandboxRequest(method: "GET", path: "/api/v2/groups/\(group)/roles", query: [:], headers: [:], body: Data())
        func listed() async -> String { String(decoding: await lms.listGroupRoles(group, request).body, as: UTF8.self) }
        var text = await listed()
        #expect(text.contains(bo) && !text.contains(ada))
        await lms.addRole("learner", group: group, user: ada)
        text = await listed()
        #expect(text.contains(bo) && text.contains(ada))
        #expect(await lms.deleteRole(group: group, role: "learner", user: bo).status == 204)
        text = await listed()
        #expect(!text.contains(bo) && text.contains(ada))
    }
}
