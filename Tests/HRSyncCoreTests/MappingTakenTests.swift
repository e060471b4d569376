import Foundation
import HRSyncTestSupport
import Testing

@testable import HRSyncCore

/// SYNC-RULES §2: an employee matched by email whose user is mapped to another Personio id gets
/// no mapping and a `mapping_taken` conflict naming that id (the smallest, when several map the
/// user); one whose user no mapping names gets a mapping. On a platform half mapped, found from
/// one index of the mappings, not a scan of them per employee.
@Suite struct MappingTakenTests {
    @Test func aHalfMappedPlatformGivesConflictsAndMappings() throws {
        var lms = RandomCompany.platform()
        var employees: [Int: Employee] = [:]
        for id in 1...2_000 {
            let mail = "person\(id)@acme.example"
            employees[id] = IdentityChangeTests.person(id, mail: mail)
            lms.users["u\(id)"] = LMSUserRecord(id: "u\(id)", mail: mail, status: "active", firstName: "Ada", lastName: "Lovelace", job: nil, lang: "en")
            if id <= 1_000 { lms.mappings[String(50_000 + id)] = LMSMappingRecord(personioID: String(50_000 + id), userID: "u\(id)", mappingID: "m\(id)") }
        }
        // u1 is named by three mappings: the smallest id numerically (9999, not "10000") is named.
        lms.mappings["10000"] = LMSMappingRecord(personioID: "10000", userID: "u1", mappingID: "m-a")
        lms.mappings["9999"] = LMSMappingRecord(personioID: "9999", userID: "u1", mappingID: "m-b")
        let plan = try Planner.plan(Planner.Input(employees: employees, lms: lms, config: try IdentityChangeTests.config(match: "[email]")))
        let taken = plan.conflicts.filter { $0.kind == .mappingTaken }
        #expect(taken.count == 1_000)
        #expect(taken.first { $0.people.first?.personioID == 1 }?.people.last?.personioID == 9_999)
        #expect(taken.first { $0.people.first?.personioID == 500 }?.people.last?.personioID == 50_500)
        let mapped = Set(plan.actions.filter { $0.kind == .createMapping }.compactMap { $0.person?.personioID })
        #expect(mapped == Set(1_001...2_000))
    }
}
