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

    /// The walk of the first version, a table per walk: what the one-table walk must agree with.
    static func reference(in nodes: [Int], next: (Int) -> Int?) -> [[Int]] {
        var done = Set<Int>(), cycles: [[Int]] = []
        for start in nodes where !done.contains(start) {
            var path: [Int] = [], onPath: [Int: Int] = [:]
            var current: Int? = start
            while let node = current, !done.contains(node) {
                if let index = onPath[node] {
                    let loop = Array(path[index...])
                    let first = loop.indices.min { loop[$0] < loop[$1] }!
                    cycles.append(Array(loop[first...] + loop[..<first]))
                    break
                }
                onPath[node] = path.count
                path.append(node)
                current = next(node)
            }
            done.formUnion(path)
        }
        return cycles
    }

    @Test func randomGraphsGiveTheLoopsTheReferenceWalkGives() {
        var random = SeededRandom.forTest()
        for round in 0..<300 {
            let size = 1 + Int(random.next() % 60)
            // Each node points at another node, at one outside the graph, or nowhere; loops of
            // every length, self-loops and chains into loops all occur.
            var next: [Int: Int] = [:]
            for node in 0..<size {
                switch random.next() % 5 {
                case 0: continue
                case 1: next[node] = size + Int(random.next() % 3)
                default: next[node] = Int(random.next() % UInt64(size))
                }
            }
            let nodes = Array(0..<size).shuffled(using: &random)
            let found = Cycles.find(in: nodes) { next[$0] }
            #expect(found == Self.reference(in: nodes) { next[$0] }, "round \(round): \(next)")
            // The planner's walk of supervisors: sparse ids (negative ones too), found by position
            // in the sorted ids, supervisors outside them ending a walk: the same loops.
            let spread = { (node: Int) in node * 7 - 20 }
            let sorted = nodes.map(spread).sorted()
            let byID = Dictionary(uniqueKeysWithValues: next.map { (spread($0.key), spread($0.value)) })
            #expect(
                PlanContext.supervisorCycles(ids: sorted, supervisors: sorted.map { byID[$0] }) == Cycles.find(in: sorted) { byID[$0] },
                "round \(round): \(next)")
            #expect(Set(found.flatMap { $0 }).count == found.flatMap { $0 }.count, "no node in two loops")
        }
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
