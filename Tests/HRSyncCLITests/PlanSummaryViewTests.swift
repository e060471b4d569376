import Foundation
import HRSyncCore
import HRSyncEngine
import Testing

@testable import HRSyncCLI
@testable import HRSyncStore

/// A large plan on a terminal is summarised; warnings the previous plan had are counted, not repeated.
@Suite struct PlanSummaryViewTests {
    static func person(_ id: Int) -> PersonRef { PersonRef(personioID: id, name: "P\(id)", email: "p\(id)@acme.example") }

    /// `creates` people placed in Berlin or Paris, one update, and a custom field.
    static func plan(creates: Int) -> (Plan, LMSState) {
        var lms = LMSState()
        lms.groups["t"] = LMSGroupRecord(id: "t", name: "Employees", parentID: nil, isPublic: true)
        lms.groups["b"] = LMSGroupRecord(id: "b", name: "Berlin", parentID: "t", isPublic: true)
        lms.groups["p"] = LMSGroupRecord(id: "p", name: "Paris", parentID: "t", isPublic: true)
        var actions = [PlanAction(.createField(name: "Hire date", type: "date"), person: nil, user: nil, reason: "configured")]
        for id in 1...creates {
            let new = NewUser(mail: "p\(id)@acme.example", group: id % 3 == 0 ? "p" : "b", lang: nil, fields: [:])
            actions.append(PlanAction(.createUser(new), person: person(id), user: .created(personioID: id), reason: "new"))
        }
        actions.append(
            PlanAction(.updateUser([FieldChange(field: .job, before: "A", after: "B")]), person: person(999), user: .existing("u9"), reason: "changed"))
        return (Self.empty(actions), lms)
    }

    static func empty(_ actions: [PlanAction]) -> Plan {
        Plan(
            personioSnapshot: "p", learning360Snapshot: "l", configHash: "c", target: "t", actions: actions, warnings: [], conflicts: [], held: nil,
            syncedUsers: 0, summary: PlanSummary(actions, warnings: 0, conflicts: 0))
    }

    static func terminal(verbose: Bool = false) throws -> Console {
        var console = Console(try GlobalOptions.parse(["--no-color"] + (verbose ? ["-v"] : [])))
        console.terminal = true
        return console
    }

    @Test func aLargePlanOnATerminalIsCountedByKindAndGroupWithTheFirstPeople() throws {
        let (plan, lms) = Self.plan(creates: 60)
        let text = PlanView.text(plan, lms: lms, console: try Self.terminal(), rendering: .init(planID: String(repeating: "a", count: 64)))
        #expect(text.contains("61 people and 1 custom field change; summarised on a terminal"), "\(text)")
        #expect(text.contains("  + create: 60   Berlin 40 · Paris 20"), "\(text)")
        #expect(text.contains("  ~ update: 1"), "\(text)")
        #expect(text.contains("+ create  P1 <p1@acme.example> (#1)"))
        #expect(text.contains("(#10)") && !text.contains("(#11)"), "the field, then the first \(PlanView.Rendering.namedInSummary) people by name")
        #expect(text.contains("… and 51 more people: 'hrsync show aaaaaaaaaaaa' or 'hrsync plan --html FILE' lists every action"), "\(text)")
        #expect(!text.contains("mail: "), "no details in the summary")
        #expect(text.split(separator: "\n").count < 25)
    }

    @Test func verboseAPipeShowAndSmallPlansPrintEveryAction() throws {
        let (plan, lms) = Self.plan(creates: 60)
        var piped = try Self.terminal()
        piped.terminal = false
        for (console, rendering) in [
            (try Self.terminal(verbose: true), PlanView.Rendering()), (piped, PlanView.Rendering()),
            (try Self.terminal(), PlanView.Rendering(summarizeOnTerminal: false))
        ] {
            let text = PlanView.text(plan, lms: lms, console: console, rendering: rendering)
            #expect(!text.contains("summarised"))
            #expect(text.contains("    mail: \"p60@acme.example\""))
        }
        let (small, smallLMS) = Self.plan(creates: PlanView.Rendering.fullLimit - 2)
        #expect(!PlanView.text(small, lms: smallLMS, console: try Self.terminal()).contains("summarised"))
    }

    @Test func onlyWarningsNewSinceTheLastPlanArePrintedInFull() throws {
        let old = (1...40).map { PlanNote(.prestart, people: [Self.person($0)], values: ["days": "7"]) }
        let fresh = PlanNote(.noEmail, people: [Self.person(77)])
        var plan = Self.empty([])
        plan.warnings = old + [fresh]
        let console = try Self.terminal()
        let text = PlanView.text(plan, lms: LMSState(), console: console, rendering: .init(earlierWarnings: Set(old)))
        #expect(text.contains("Personio employee 77 (P77 <p77@acme.example>) skipped: no email"), "\(text)")
        #expect(text.contains("40 warnings as in the last plan, not repeated (-v or 'hrsync show' lists them all)"), "\(text)")
        #expect(!text.contains("onboarding"), "\(text)")
        // No earlier plan, or -v: every warning (grouped without -v).
        #expect(PlanView.text(plan, lms: LMSState(), console: console).contains("40 employees: onboarding, created 7 days before"))
        let verbose = PlanView.text(plan, lms: LMSState(), console: try Self.terminal(verbose: true), rendering: .init(earlierWarnings: Set(old)))
        #expect(verbose.components(separatedBy: "onboarding").count == 41)
        // A changed value is news.
        let moved = PlanNote(.prestart, people: [Self.person(1)], values: ["days": "14"])
        #expect(PlanView(plan, lms: LMSState(), console: console, rendering: .init(earlierWarnings: Set([moved]))).newWarnings().count == 41)
    }

    @Test func theHTMLReportListsWarningsAfterTheChangesGroupedAndNewFirst() throws {
        let old = (1...40).map { PlanNote(.prestart, people: [Self.person($0)], values: ["days": "7"]) }
        let fresh = PlanNote(.noEmail, people: [Self.person(77)])
        var (plan, lms) = Self.plan(creates: 3)
        plan.warnings = old + [fresh]
        let page = HTMLReport(plan: plan, planID: "x", lms: lms, earlierWarnings: Set(old)).render()
        let changes = try #require(page.range(of: "<section id=\"people\">")), warnings = try #require(page.range(of: "<section id=\"warnings\">"))
        #expect(changes.lowerBound < warnings.lowerBound, "the changes come before the warnings")
        #expect(page.contains("Warnings (41; 1 new since the last plan)"))
        #expect(page.contains("<details><summary>40 warnings as in the last plan</summary><ul><li><details><summary>40 employees: onboarding"))
        #expect(page[warnings.lowerBound...].components(separatedBy: "<li>").count - 1 == 1 + 1 + 40, "each warning is still listed, folded")
        let first = HTMLReport(plan: plan, planID: "x", lms: lms).render()
        #expect(first.contains("Warnings (41)</h2><ul><li><details><summary>40 employees: onboarding"))
    }
}

/// The pull's one-line summaries speak of users, roles and values, not records.
@Suite struct PullSummaryWordingTests {
    @Test func platformChangesAreCountedByWhatTheyAre() {
        var changes = SnapshotChanges()
        #expect(Learning360Pull.describe(nil) == "first snapshot")
        #expect(Learning360Pull.describe(changes) == "no change")
        changes.added = ["user:a", "role:g/a", "map:m1"]
        changes.changed = ["user:b", "read:managers"]
        changes.removed = ["group:g2"]
        #expect(Learning360Pull.describe(changes) == "2 users, 1 group role, 1 external id and 1 group changed")
    }
}

/// A night the guard held: one line per reason with a count, not one per leaver (cron mails it).
@Suite struct ApplySummaryTests {
    @Test func heldActionsAreCountedPerReasonAndFailuresListed() throws {
        let person = PlanSummaryViewTests.person
        var results = (1...15).map {
            ApplyRecord.Result(
                action: PlanAction(.deleteUser(status: "active"), person: person($0), user: .existing("u\($0)"), reason: "left"), status: .held,
                userID: "u\($0)")
        }
        results.append(
            ApplyRecord.Result(
                action: PlanAction(
                    .updateUser([FieldChange(field: .job, before: "A", after: "B")]), person: person(99), user: .existing("u99"), reason: "changed"),
                status: .failed, userID: "u99", error: "HTTP 500"))
        let text = ApplyView.text(ApplyRecord(plan: "p", results: results), id: ObjectID.sha256(of: Data("x".utf8)), console: Console())
        let lines = text.split(separator: "\n")
        #expect(lines.count == 4, "\(text)")
        #expect(
            text.contains("  ! 15 actions held by the deletion guard: P1 <p1@acme.example> (#1), P2 <p2@acme.example> (#2), P3 <p3@acme.example> (#3), …"),
            "\(text)")
        #expect(text.contains("  ! update_user P99 <p99@acme.example> (#99): HTTP 500"), "\(text)")
    }
}
