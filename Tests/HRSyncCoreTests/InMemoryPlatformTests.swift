import HRSyncTestSupport
import Testing

@testable import HRSyncCore

/// The in-memory platform the planner's properties run on keeps hrsync's ownership the way the
/// store does (apply records → `Ownership.from`): what hrsync removed again is no longer its own.
@Suite struct InMemoryPlatformTests {
    func person(_ id: Int, _ name: String, office: String, supervisor: Int?) -> Employee {
        var attributes: [String: AttributeValue] = [
            "email": .text("\(name)@acme.example"), "first_name": .text(name), "status": .text("active"),
            "office": .text(office), "department": .text("Sales"), "hire_date": .date("2022-01-12")
        ]
        if let supervisor { attributes["supervisor"] = .employee(supervisor) }
        return Employee(id: id, attributes: attributes)
    }

    @Test func aMoveAndANewSupervisorLeaveOnlyTheNewRoleAndLinkOwned() throws {
        var employees = [
            1: person(1, "ada", office: "Berlin", supervisor: 2), 2: person(2, "bo", office: "Paris", supervisor: nil),
            3: person(3, "cy", office: "Paris", supervisor: nil)
        ]
        var platform = InMemoryPlatform(RandomCompany.platform())
        platform.apply(try Planner.plan(try PlannerTests.input(employees, platform.lms, ownership: platform.ownership)))
        #expect(platform.ownership.learnerRoles.contains(RoleKey(group: "g-Berlin-Sales", user: "u-1")))
        #expect(platform.ownership.managerLinks == [ManagerLink(user: "u-1", manager: "u-2")])
        #expect(platform.ownership.fieldIDs == ["f-Department", "f-Hire date"], "created definitions are owned by their ids")

        employees[1] = person(1, "ada", office: "Remote", supervisor: 3)
        let move = try Planner.plan(try PlannerTests.input(employees, platform.lms, ownership: platform.ownership))
        let edits = move.actions.map(\.kind).filter { [.addRole, .removeRole, .addManager, .removeManager].contains($0) }
        #expect(edits.count == 4 && Set(edits) == [.addRole, .removeRole, .addManager, .removeManager], "\(edits)")
        platform.apply(move)
        let adas = platform.ownership.learnerRoles.filter { $0.user == "u-1" }
        #expect(adas == [RoleKey(group: "g-Remote-Sales", user: "u-1")], "the Berlin role was removed: hrsync no longer owns it")
        #expect(platform.ownership.managerLinks == [ManagerLink(user: "u-1", manager: "u-3")], "nor the link to bo")
        #expect(platform.records.count == 2 && platform.records.allSatisfy { $0.results.allSatisfy(\.succeeded) })
    }
}
