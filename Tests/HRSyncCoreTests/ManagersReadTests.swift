import Foundation
import Testing

@testable import HRSyncCore

/// Links read from the managers' side: a supervisor whose subordinates the 360Learning snapshot
/// did not read is unknown, not "no link" (a Personio snapshot newer than the 360Learning one).
@Suite struct ManagersReadTests {
    static func plan(read: Set<String>?) throws -> Plan {
        var lms = RandomCompany.platform()
        for id in [1, 2] {
            lms.users["u\(id)"] = LMSUserRecord(
                id: "u\(id)", mail: "p\(id)@acme.example", status: "active", firstName: "First\(id)",
                lastName: "Last\(id)", job: nil, lang: "en", managers: [])
            lms.mappings[String(id)] = LMSMappingRecord(personioID: String(id), userID: "u\(id)", mappingID: "m\(id)")
        }
        lms.managersRead = read
        var config = try RandomCompany.config()
        config.sync.groups = []
        config.sync.customFields = []
        func employee(_ id: Int, supervisor: Int?) -> Employee {
            var attributes: [String: AttributeValue] = [
                "first_name": .text("First\(id)"), "last_name": .text("Last\(id)"),
                "email": .text("p\(id)@acme.example"), "status": .text("active"), "position": .empty
            ]
            if let supervisor { attributes["supervisor"] = .employee(supervisor) }
            return Employee(id: id, attributes: attributes)
        }
        return try Planner.plan(Planner.Input(employees: [1: employee(1, supervisor: nil), 2: employee(2, supervisor: 1)], lms: lms, config: config))
    }

    @Test func aManagerWhoseLinksWereNotReadIsLeftAlone() throws {
        let unread = try Self.plan(read: [])
        #expect(!unread.actions.contains { $0.kind == .addManager })
        #expect(unread.warnings.contains { $0.message.contains("has not read the manager links of supervisor #1") })
        #expect(try Self.plan(read: ["u1"]).actions.filter { $0.kind == .addManager }.count == 1)
        #expect(try Self.plan(read: nil).actions.filter { $0.kind == .addManager }.count == 1, "whole lists read per user")
    }

    @Test func theReadSetRoundTripsThroughTheSnapshotRecords() throws {
        var state = LMSState()
        state.managersRead = ["b", "a"]
        #expect(try LMSSnapshotRecords.decode(try LMSSnapshotRecords.encode(state)).managersRead == ["a", "b"])
        #expect(try LMSSnapshotRecords.decode(try LMSSnapshotRecords.encode(LMSState())).managersRead == nil)
    }
}
