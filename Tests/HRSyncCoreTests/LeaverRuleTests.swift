import Foundation
import Testing

@testable import HRSyncCore

/// `sync.leavers: deactivate_on_termination_date` (SYNC-RULES §7): the rule and the planner's use of it.
@Suite struct LeaverRuleTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    static func employee(termination: String?, status: String = "active") -> Employee {
        var attributes: [String: AttributeValue] = ["email": .text("p1@acme.example"), "status": .text(status), "first_name": .text("P")]
        if let termination { attributes["termination_date"] = .date(termination) }
        return Employee(id: 1, attributes: attributes)
    }

    @Test func theEndOfTheDayIsTakenInTheCompanysTimeZone() {
        #expect(LeaverRule.endOfDay("2027-01-31", in: Self.berlin) == "2027-01-31T22:59:59.000Z")
        #expect(LeaverRule.endOfDay("2027-07-31", in: Self.berlin) == "2027-07-31T21:59:59.000Z", "summer time")
        #expect(LeaverRule.endOfDay("2027-03-28", in: Self.berlin) == "2027-03-28T21:59:59.000Z", "the day the clocks change")
        #expect(LeaverRule.endOfDay("2027-01-31", in: TimeZone(identifier: "America/New_York")!) == "2027-02-01T04:59:59.000Z")
        // Where DST skips midnight the day starts at 01:00; its end is still the next day's start − 1 s.
        #expect(LeaverRule.endOfDay("2027-09-05", in: TimeZone(identifier: "America/Santiago")!) == "2027-09-06T02:59:59.000Z")
        for bad in ["2027-02-30", "2027-13-01", "31.01.2027", ""] { #expect(LeaverRule.endOfDay(bad, in: Self.berlin) == nil, "\(bad)") }
    }

    @Test func theOutcomeDependsOnTheModeTheDateAndToday() {
        let e = Self.employee(termination: "2027-01-31")
        #expect(LeaverRule.outcome(for: e, mode: .delete, today: "2027-01-01", zone: Self.berlin) == .none)
        #expect(
            LeaverRule.outcome(for: e, mode: .deactivateOnTerminationDate, today: "2027-01-01", zone: Self.berlin)
                == .deactivate(day: "2027-01-31", at: "2027-01-31T22:59:59.000Z"))
        #expect(
            LeaverRule.outcome(for: e, mode: .deactivateOnTerminationDate, today: "2027-01-31", zone: Self.berlin)
                == .deactivate(day: "2027-01-31", at: "2027-01-31T22:59:59.000Z"), "the last day itself is still ahead")
        #expect(LeaverRule.outcome(for: e, mode: .deactivateOnTerminationDate, today: "2027-02-01", zone: Self.berlin) == .dayPassed("2027-01-31"))
        #expect(LeaverRule.outcome(for: Self.employee(termination: nil), mode: .deactivateOnTerminationDate, today: "2027-01-01", zone: Self.berlin) == .none)
    }

    @Test func instantsCompareWithOrWithoutMilliseconds() {
        #expect(LeaverRule.sameInstant("2027-01-31T22:59:59.000Z", "2027-01-31T22:59:59Z"))
        #expect(!LeaverRule.sameInstant("2027-01-31T22:59:59.000Z", "2027-01-31T22:59:58.000Z"))
        #expect(!LeaverRule.sameInstant(nil, "2027-01-31T22:59:59.000Z"))
        #expect(LeaverRule.sameInstant(nil, nil))
    }

    static func plan(
        _ employee: Employee, user: LMSUserRecord?, owned: Bool = false, today: String = "2027-01-01",
        mode: LeaverMode = .deactivateOnTerminationDate, targeted: Bool = false, fields: Bool = false
    ) throws -> Plan {
        var lms = RandomCompany.platform()
        if let user { lms.users[user.id] = user }
        var config = try RandomCompany.config()
        config.sync.groups[0].id = "top"
        if !fields { config.sync.customFields = [] }
        config.sync.leavers = mode
        var ownership = Ownership()
        if owned, let user { ownership.deactivations.insert(user.id) }
        return try Planner.plan(
            Planner.Input(
                employees: [1: employee], lms: lms, config: config, ownership: ownership, today: today,
                targets: targeted ? [1] : nil))
    }

    static func user(_ deactivateAt: String?, status: String = "active") -> LMSUserRecord {
        LMSUserRecord(id: "u1", mail: "p1@acme.example", status: status, firstName: "P", lastName: nil, job: nil, lang: "en", deactivateAt: deactivateAt)
    }

    func deactivations(_ plan: Plan) -> [PlanAction.Change] { plan.actions.filter { $0.kind == .setDeactivation }.map(\.change) }

    @Test func thePlannerSchedulesMovesAndClearsOnlyWhatItOwns() throws {
        let leaving = Self.employee(termination: "2027-01-31")
        #expect(deactivations(try Self.plan(leaving, user: Self.user(nil))) == [.setDeactivation(before: nil, after: "2027-01-31T22:59:59.000Z")])
        #expect(deactivations(try Self.plan(leaving, user: Self.user("2027-01-31T22:59:59Z"))).isEmpty, "already scheduled")
        #expect(
            deactivations(try Self.plan(leaving, user: Self.user("2027-01-15T22:59:59.000Z")))
                == [.setDeactivation(before: "2027-01-15T22:59:59.000Z", after: "2027-01-31T22:59:59.000Z")], "moved")
        let staying = Self.employee(termination: nil)
        #expect(
            deactivations(try Self.plan(staying, user: Self.user("2027-01-31T22:59:59.000Z"), owned: true))
                == [.setDeactivation(before: "2027-01-31T22:59:59.000Z", after: nil)], "withdrawn")
        #expect(
            deactivations(try Self.plan(staying, user: Self.user("2027-01-31T22:59:59.000Z"), owned: false)).isEmpty,
            "a date an admin scheduled in 360Learning stays")
    }

    @Test func aRestoredUserGetsItsDateWhateverTheDeletedOneStillShows() throws {
        let rehired = Self.employee(termination: "2027-04-30")
        let plan = try Self.plan(rehired, user: Self.user("2026-12-15T22:59:59.000Z", status: "deleted"))
        #expect(plan.actions.map(\.kind).filter { $0 != .createMapping } == [.restoreUser, .setDeactivation])
        #expect(
            deactivations(plan) == [.setDeactivation(before: "2026-12-15T22:59:59.000Z", after: "2027-04-30T21:59:59.000Z")],
            "before is what the live user holds, so apply's staleness check passes")
        let same = try Self.plan(Self.employee(termination: "2026-12-15"), user: Self.user("2026-12-15T22:59:59.000Z", status: "deleted"), today: "2026-12-01")
        #expect(deactivations(same).count == 1, "written again after a restore even when the deleted user shows the same date")
    }

    @Test func switchingBackToDeleteClearsOnlyTheDatesHrsyncSet() throws {
        let anyone = Self.employee(termination: nil)
        #expect(
            deactivations(try Self.plan(anyone, user: Self.user("2027-01-31T22:59:59.000Z"), owned: true, mode: .delete))
                == [.setDeactivation(before: "2027-01-31T22:59:59.000Z", after: nil)])
        #expect(deactivations(try Self.plan(anyone, user: Self.user("2027-01-31T22:59:59.000Z"), owned: false, mode: .delete)).isEmpty)
    }

    @Test func aTargetedPlanDoesNotCreateFieldDefinitions() throws {
        let full = try Self.plan(Self.employee(termination: nil), user: nil, fields: true)
        #expect(full.actions.contains { $0.kind == .createField })
        let targeted = try Self.plan(Self.employee(termination: nil), user: nil, targeted: true, fields: true)
        #expect(!targeted.actions.contains { $0.kind == .createField })
        #expect(!targeted.actions.contains { $0.kind == .setCustomValues })
        #expect(targeted.warnings.contains { $0.message.contains("a full run creates it") })
    }

    @Test func aPassedDayDeletesOnceAndADeactivatedUserIsDone() throws {
        let late = Self.employee(termination: "2026-12-20")
        let plan = try Self.plan(late, user: Self.user(nil))
        #expect(plan.actions.map(\.kind) == [.deleteUser])
        #expect(plan.actions[0].reason.contains("termination date 2026-12-20 has passed"))
        #expect(try Self.plan(late, user: Self.user(nil, status: "deleted")).actions.isEmpty, "no restore of a user 360Learning deactivated")
        #expect(try Self.plan(Self.employee(termination: "2026-12-20", status: "inactive"), user: Self.user(nil, status: "deleted")).actions.isEmpty)
        let none = try Self.plan(late, user: nil)
        #expect(none.actions.isEmpty && none.warnings.contains { $0.message.contains("has passed; not created") })
    }

    @Test func aHireWithAKnownEndIsCreatedWithTheDate() throws {
        let plan = try Self.plan(Self.employee(termination: "2027-06-30"), user: nil)
        guard case .createUser(let new)? = plan.actions.first?.change else { Issue.record("no create"); return }
        #expect(new.deactivateAt == "2027-06-30T21:59:59.000Z")
        #expect(deactivations(plan).isEmpty, "one write, not two")
    }

    @Test func theConfigTakesTheModeAndAValidTimeZone() throws {
        let base = "personio: {}\nlearning360: {admin_email: a@b.example}\nsync:\n"
        let config = try ConfigLoader.load(yaml: base + "  leavers: deactivate_on_termination_date\n  timezone: America/New_York\n", file: "c.yaml")
        #expect(config.sync.leavers == .deactivateOnTerminationDate && config.sync.timezone == "America/New_York")
        #expect(try ConfigLoader.load(yaml: base + "  max_shrink: 20%\n", file: "c.yaml").sync.leavers == .delete, "delete is the default")
        #expect(AttributeSelection.keys(for: config.sync).contains("termination_date"))
        for (line, message) in [
            ("  leavers: archive", "sync.leavers must be delete or deactivate_on_termination_date"),
            ("  timezone: Mars/Olympus", "sync.timezone must be an IANA time zone")
        ] {
            #expect {
                try ConfigLoader.load(yaml: base + line + "\n", file: "c.yaml")
            } throws: { "\($0.localizedDescription)".contains(message) && "\($0.localizedDescription)".contains("c.yaml:4") }
        }
    }
}
