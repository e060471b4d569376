import Foundation
import Testing

@testable import HRSyncCore

/// `hrsync upcoming`: the dated events of the pre-start window and the leaver rules, per day.
@Suite struct UpcomingEventsTests {
    static func employee(_ id: Int, status: String = "active", hire: String? = nil, termination: String? = nil) -> Employee {
        var attributes: [String: AttributeValue] = [
            "email": .text("p\(id)@acme.example"), "status": .text(status), "first_name": .text("P\(id)")
        ]
        if let hire { attributes["hire_date"] = .date(hire) }
        if let termination { attributes["termination_date"] = .date(termination) }
        return Employee(id: id, attributes: attributes)
    }

    static func events(
        _ employees: [Employee], users: [LMSUserRecord] = [], mode: LeaverMode = .deactivateOnTerminationDate, zone: String = "Europe/Berlin",
        today: String = "2027-03-01", days: Int = 30
    ) throws -> [String] {
        var lms = LMSState()
        for user in users { lms.users[user.id] = user }
        var config = try RandomCompany.config()
        config.sync.prestartDays = 7
        config.sync.leavers = mode
        config.sync.timezone = zone
        let list = UpcomingEvents.list(
            employees: Dictionary(uniqueKeysWithValues: employees.map { ($0.id, $0) }), lms: lms, config: config, today: today, days: days)
        return list.map { "\($0.day) \($0.kind.rawValue) \($0.person.personioID)" + ($0.at.map { " \($0)" } ?? "") }
    }

    @Test func aHireIsCreatedOnTheFirstDayOfThePrestartWindowWithinTheDaysAsked() throws {
        let hire = Self.employee(1, status: "onboarding", hire: "2027-03-11")
        #expect(try Self.events([hire]) == ["2027-03-04 create 1"])
        #expect(try Self.events([hire], days: 3) == ["2027-03-04 create 1"], "2027-03-04 is 3 days after today: the last day counts")
        #expect(try Self.events([hire], days: 2).isEmpty)
        #expect(try Self.events([Self.employee(2, status: "onboarding", hire: "2027-03-05")]).isEmpty, "inside the window: created today")
        #expect(try Self.events([Self.employee(3, status: "active", hire: "2027-03-11")]).isEmpty, "only onboarding waits")
        let existing = LMSUserRecord(id: "u1", mail: "p1@acme.example", status: "active", firstName: "P1", lastName: nil, job: nil, lang: "en")
        #expect(try Self.events([hire], users: [existing]).isEmpty, "a user already there is not created")
    }

    @Test func aPrestartWindowOpeningTodayIsTodaysEvent() throws {
        let hire = Self.employee(5, status: "onboarding", hire: "2027-03-08")
        #expect(try Self.events([hire]) == ["2027-03-01 create 5"])
        #expect(try Self.events([hire], days: 0) == ["2027-03-01 create 5"], "upcoming --days 1: today only")
        #expect(try Self.events([hire], today: "2027-03-02").isEmpty, "opened yesterday: in today's plan, no longer upcoming")
    }

    @Test func aTerminationDayEndsAccessInTheCompanysTimeZone() throws {
        let leaver = Self.employee(4, termination: "2027-03-20")
        #expect(try Self.events([leaver]) == ["2027-03-20 deactivate 4 2027-03-20T22:59:59.000Z"])
        #expect(try Self.events([leaver], zone: "America/New_York") == ["2027-03-20 deactivate 4 2027-03-21T03:59:59.000Z"])
        #expect(try Self.events([leaver], today: "2027-03-20") == ["2027-03-20 deactivate 4 2027-03-20T22:59:59.000Z"], "the day itself")
        #expect(try Self.events([leaver], today: "2027-03-21").isEmpty, "past: today's plan deletes")
        #expect(try Self.events([leaver], days: 18).isEmpty, "2027-03-20 is 19 days after today")
        #expect(try Self.events([Self.employee(5, status: "inactive", termination: "2027-03-20")]).isEmpty, "a leaver goes today")
    }

    @Test func underDeleteAMatchedUserGoesTheDayAfterAndEventsComeInOrder() throws {
        let user = LMSUserRecord(id: "u6", mail: "p6@acme.example", status: "active", firstName: "P6", lastName: nil, job: nil, lang: "en")
        let events = try Self.events(
            [
                Self.employee(6, termination: "2027-03-02"), Self.employee(7, status: "onboarding", hire: "2027-03-10"),
                Self.employee(8, termination: "2027-03-02")
            ],
            users: [user], mode: .delete)
        #expect(events == ["2027-03-03 create 7", "2027-03-03 delete 6"], "no user for 8: nothing to delete")
    }
}
