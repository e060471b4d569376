import Foundation
import HRSyncTestSupport
import Testing

@testable import HRSyncCore

/// Vendor graphs with loops (a group tree whose parents loop, supervisors who supervise each
/// other) are walked once and named in a warning, never followed forever.
@Suite struct CycleTests {
    @Test func loopsAreFoundOnceFromTheirSmallestNode() {
        let next = ["a": "b", "b": "c", "c": "a", "d": "a", "e": "e", "f": "g"]
        #expect(Cycles.find(in: next.keys.sorted()) { next[$0] } == [["a", "b", "c"], ["e"]])
        #expect(Cycles.find(in: [1, 2, 3]) { $0 == 3 ? nil : $0 + 1 }.isEmpty)
    }

    @Test func aGroupTreeWithALoopIsWalkedOnceAndPlannedWithAWarning() throws {
        var lms = RandomCompany.platform()
        // Two groups below the synced one whose parents point at each other: only reachable
        // through a child that names one of them as its parent.
        lms.groups["loop-a"] = LMSGroupRecord(id: "loop-a", name: "A", parentID: "loop-b", isPublic: true)
        lms.groups["loop-b"] = LMSGroupRecord(id: "loop-b", name: "B", parentID: "loop-a", isPublic: true)
        lms.groups["top"]?.parentID = "loop-a"  // the synced group hangs below the loop, and the loop below nothing
        let tree = GroupTree(lms.groups)
        #expect(tree.cycles == [["loop-a", "loop-b"]])
        let subtree = tree.subtree(of: "loop-a")
        #expect(Set(subtree).count == subtree.count && subtree.contains("top") && subtree.contains("g-Berlin-Sales"))
        #expect(tree.ancestors(of: "top").count == 2)
        var random = SeededRandom.forTest()
        let employees = Dictionary(uniqueKeysWithValues: (1...5).map { ($0, RandomCompany.employee($0, using: &random, supervisor: nil)) })
        let plan = try Planner.plan(try PlannerTests.input(employees, lms))
        #expect(plan.warnings.contains { $0.kind == .groupCycle && $0.message.contains("loop-a → loop-b → loop-a") }, "\(plan.warnings.map(\.message))")
    }

    @Test func supervisorsWhoSuperviseEachOtherAreNamed() throws {
        var random = SeededRandom.forTest()
        var employees = Dictionary(uniqueKeysWithValues: (1...4).map { ($0, RandomCompany.employee($0, using: &random, supervisor: nil)) })
        for (id, boss) in [(1, 2), (2, 3), (3, 1), (4, 1)] {
            employees[id]?.attributes["supervisor"] = .employee(boss)
            employees[id]?.attributes["status"] = .text("active")
        }
        let plan = try Planner.plan(try PlannerTests.input(employees, RandomCompany.platform()))
        let loops = plan.warnings.filter { $0.kind == .supervisorCycle }
        #expect(loops.map { $0.people.map(\.personioID) } == [[1, 2, 3]])
        #expect(loops.first?.message.contains("#1 → #2 → #3 → #1") == true, "\(loops.map(\.message))")
    }
}
