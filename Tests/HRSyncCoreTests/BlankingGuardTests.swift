import Foundation
import Testing

@testable import HRSyncCore

/// SYNC-RULES §7, blanking guard: a synced field emptied for more users than `sync.max_blanked`
/// allows is held, field by field; one person's emptied field always passes.
@Suite struct BlankingGuardTests {
    static let dept = FieldRef.existing("f00000000000000000000001")
    static let names: [FieldRef: String] = [dept: "Department"]

    static func user(_ n: Int) -> UserRef { .existing(String(format: "%024x", n)) }
    static func person(_ n: Int) -> PersonRef { PersonRef(personioID: n, name: "P \(n)", email: "p\(n)@acme.example") }

    static func blankJob(_ n: Int, keepName: Bool = false) -> PlanAction {
        var changes = [FieldChange(field: .job, before: "Engineer", after: nil)]
        if keepName { changes.append(FieldChange(field: .lastName, before: "Old", after: "New")) }
        return PlanAction(.updateUser(changes), person: person(n), user: user(n), reason: "r")
    }

    static func blankDepartment(_ n: Int) -> PlanAction {
        let other = CustomValue(field: .existing("f00000000000000000000002"), type: "string", value: "x")
        return PlanAction(
            .setCustomValues(before: [CustomValue(field: dept, type: "string", value: "Sales"), other], after: [other]), person: person(n), user: user(n),
            reason: "r")
    }

    @Test func countsDistinctUsersPerFieldAndHoldsOverTheLimit() {
        let actions = (1...3).map { Self.blankJob($0) } + (1...2).map { Self.blankDepartment($0) }
        let verdicts = BlankingGuard.check(actions, syncedUsers: 40, limit: .percent(5), customFieldNames: Self.names)
        #expect(verdicts == [BlankingGuard.Verdict(field: "job", blanked: 3, allowed: 2, syncedUsers: 40, limit: "5%")])
        #expect(BlankingGuard.check(actions, syncedUsers: 40, limit: .count(3), customFieldNames: Self.names).isEmpty)
        #expect(BlankingGuard.check(actions, syncedUsers: 40, limit: .percent(5), customFieldNames: Self.names, allowing: ["job"]).isEmpty)
    }

    @Test func onePersonsEmptiedFieldAlwaysPasses() {
        #expect(BlankingGuard.check([Self.blankJob(1)], syncedUsers: 3, limit: .count(0), customFieldNames: [:]).isEmpty)
        #expect(BlankingGuard.check([Self.blankJob(1), Self.blankJob(2)], syncedUsers: 3, limit: .count(0), customFieldNames: [:]).count == 1)
    }

    @Test func aValueOfAFieldNoLongerConfiguredIsNotASyncedFieldsBlank() {
        let actions = (1...5).map { Self.blankDepartment($0) }
        #expect(BlankingGuard.check(actions, syncedUsers: 10, limit: .count(1), customFieldNames: [:]).isEmpty)
        #expect(BlankingGuard.check(actions, syncedUsers: 10, limit: .count(1), customFieldNames: Self.names).map(\.field) == ["Department"])
    }

    @Test func heldBlanksAreStrippedFromWhatIsSent() throws {
        #expect(BlankingGuard.withoutBlanks(of: ["job"], in: Self.blankJob(1), customFieldNames: [:]) == nil)
        let kept = try #require(BlankingGuard.withoutBlanks(of: ["job"], in: Self.blankJob(1, keepName: true), customFieldNames: [:]))
        #expect(kept.change == .updateUser([FieldChange(field: .lastName, before: "Old", after: "New")]))
        #expect(BlankingGuard.withoutBlanks(of: ["Department"], in: Self.blankDepartment(1), customFieldNames: Self.names) == nil)
        #expect(BlankingGuard.withoutBlanks(of: ["lastName"], in: Self.blankJob(1), customFieldNames: [:]) == Self.blankJob(1))
    }

    @Test func aHeldCustomFieldKeepsItsValueInTheListSentWhileAnotherFieldChanges() throws {
        let other = FieldRef.existing("f00000000000000000000002")
        let action = PlanAction(
            .setCustomValues(
                before: [CustomValue(field: Self.dept, type: "string", value: "Sales"), CustomValue(field: other, type: "string", value: "x")],
                after: [CustomValue(field: other, type: "string", value: "y")]), person: Self.person(1), user: Self.user(1), reason: "r")
        let kept = try #require(BlankingGuard.withoutBlanks(of: ["Department"], in: action, customFieldNames: Self.names))
        let sent = [CustomValue(field: Self.dept, type: "string", value: "Sales"), CustomValue(field: other, type: "string", value: "y")].sorted()
        guard case .setCustomValues(let before, let after) = kept.change else { Issue.record("\(kept.change)"); return }
        #expect(
            after == sent && before == [CustomValue(field: Self.dept, type: "string", value: "Sales"), CustomValue(field: other, type: "string", value: "x")])
        #expect(BlankingGuard.blankedFields(kept, customFieldNames: Self.names).isEmpty, "nothing blanked is left in what is sent")
    }

    @Test func suggestedOptionsAreShellQuoted() {
        #expect(ShellWord.quote("job") == "job" && ShellWord.quote("cost_center.v-2") == "cost_center.v-2")
        #expect(ShellWord.quote("Cost center") == "'Cost center'")
        #expect(ShellWord.quote("Owner's team") == "'Owner'\\''s team'")
        #expect(ShellWord.quote("") == "''" && ShellWord.quote("Kostenstelle €") == "'Kostenstelle €'")
        #expect(BlankingGuard.allowOptions(["Cost center", "job"]) == "--allow-blanking 'Cost center' --allow-blanking job")
    }

    @Test func aPlanWithoutHeldFieldsHasNoBlankingKeyAndAnOldPlanLoads() throws {
        var plan = Plan(
            personioSnapshot: "", learning360Snapshot: "", configHash: "", target: "t", actions: [], warnings: [], conflicts: [], held: nil,
            syncedUsers: 0, summary: PlanSummary())
        let bytes = try JSONEncoder().encode(plan)
        #expect(!String(decoding: bytes, as: UTF8.self).contains("blanking_held"))
        #expect(try JSONDecoder().decode(Plan.self, from: bytes) == plan)
        plan.blankingHeld = [BlankingGuard.Verdict(field: "job", blanked: 3, allowed: 2, syncedUsers: 40, limit: "5%")]
        let held = try JSONEncoder().encode(plan)
        #expect(String(decoding: held, as: UTF8.self).contains("\"blanking_held\""))
        #expect(try JSONDecoder().decode(Plan.self, from: held) == plan)
    }

    @Test func maxBlankedParsesLikeMaxDeletes() throws {
        let yaml = "personio: {}\nlearning360:\n  admin_email: a@b.example\nsync:\n  max_blanked: 25\n"
        let config = try ConfigLoader.load(yaml: yaml, file: "t.yaml")
        #expect(config.sync.maxBlanked == .count(25))
        #expect(try ConfigLoader.load(yaml: "personio: {}\nlearning360:\n  admin_email: a@b.example\n", file: "t.yaml").sync.maxBlanked == .percent(5))
    }
}
