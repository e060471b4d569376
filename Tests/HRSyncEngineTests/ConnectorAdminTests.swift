import HRSyncCore
import Testing

@testable import HRSyncEngine

/// One choice of the connector admin among the users with its mail, for both pulls.
@Suite struct ConnectorAdminTests {
    static func user(_ id: String, _ mail: String, _ status: String) -> LMSUserRecord {
        LMSUserRecord(id: id, mail: mail, status: status, firstName: nil, lastName: nil, job: nil, lang: nil)
    }

    @Test func anActiveOneFirstNeverADeletedOneAndTheSmallestIDOnATie() {
        let users = [
            Self.user("c", "Admin@acme.example", "deleted"), Self.user("b", "admin@acme.example", "inactive"),
            Self.user("e", "admin@acme.example", "active"), Self.user("d", "admin@acme.example", "active"), Self.user("a", "x@acme.example", "active")
        ]
        #expect(LMSState.connectorAdmin(mail: "admin@ACME.example", among: users)?.id == "d")
        #expect(LMSState.connectorAdmin(mail: "admin@acme.example", among: users.filter { $0.status != "active" })?.id == "b")
        #expect(LMSState.connectorAdmin(mail: "admin@acme.example", among: [Self.user("c", "admin@acme.example", "deleted")]) == nil)
        #expect(LMSState.connectorAdmin(mail: "admin@acme.example", among: users.reversed())?.id == "d", "whatever the order of the answer")
    }
}
