import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncStore
import HRSyncTestSupport
import Testing

/// `--person`: a targeted plan is the full plan's actions for those people, and nothing else.
@Suite struct TargetedPullTests {
    typealias World = EngineTests.World

    /// After a synced day, edits, moves, hires, a leaver and a supervisor change: for each person,
    /// the targeted plan's actions equal the full plan's actions for that person.
    @Test func aTargetedPlanIsTheFullPlanRestrictedToThePerson() async throws {
        var employees = (1...12).map { EngineTests.employee($0, office: $0 % 2 == 0 ? "Berlin" : "Paris", supervisor: $0 == 1 ? nil : 1) }
        let world = try await World.make(employees: employees, maxDeletes: "100%")
        try await world.sync()
        employees[2] = EngineTests.employee(3, office: "Berlin", supervisor: 2, job: "Promoted")  // moved, new job, new manager
        employees[4] = EngineTests.employee(5, status: "inactive", supervisor: 1)  // a leaver
        employees.append(EngineTests.employee(13, supervisor: 4))  // a hire under an existing user
        employees.append(EngineTests.employee(14, supervisor: 13))  // a hire under a hire
        await world.personio.set(employees)
        _ = try await world.pull()
        let full = try world.plan().plan
        for id in [3, 5, 13, 14, 7] {
            let person = id == 7 ? "p7@acme.example" : String(id)
            let pulled = try await TargetedPull(config: world.config, state: world.state, personio: world.personio, learning360: world.lms, people: [person])
                .run()
            let targeted = try PlanEngine(config: world.config, configBytes: Data(world.yaml.utf8), state: world.state).run(targeted: pulled, people: [person])
                .plan
            let expected = full.actions.filter { $0.personioID == id }
            if id == 14 {
                // Its supervisor is created by the full plan, not by this one: no manager link yet.
                #expect(targeted.actions == expected.filter { $0.kind != .addManager }, "\(id)")
                #expect(targeted.warnings.contains { $0.message.contains("supervisor #13") })
            } else {
                #expect(targeted.actions == expected, "\(id): \(targeted.actions.map(\.kind)) vs \(expected.map(\.kind))")
            }
            #expect(targeted.targeted == [person])
            #expect(targeted.syncedUsers == full.syncedUsers, "the guard's share is of the company, not of one person")
        }
        #expect(full.actions.contains { $0.personioID == 3 } && full.actions.contains { $0.personioID == 5 }, "the test covers real changes")
    }

    @Test func someoneOnNeitherSideIsAnErrorAndTheRefsDoNotMove() async throws {
        let world = try await World.make(employees: (1...3).map { EngineTests.employee($0) })
        try await world.sync()
        let refs = [try world.state.refs.get(Refs.personio), try world.state.refs.get(Refs.learning360)]
        await #expect(throws: TargetedPull.Failure.notFound(["nobody@acme.example", "404"])) {
            try await TargetedPull(
                config: world.config, state: world.state, personio: world.personio, learning360: world.lms,
                people: ["p1@acme.example", "nobody@acme.example", "404"]
            ).run()
        }
        _ = try await TargetedPull(config: world.config, state: world.state, personio: world.personio, learning360: world.lms, people: ["2"]).run()
        #expect([try world.state.refs.get(Refs.personio), try world.state.refs.get(Refs.learning360)] == refs)
    }
}

/// What review found: a shared email seen from a targeted run by id, and dates that passed
/// between plan and apply.
@Suite struct TargetedAndLeaverEdgeTests {
    typealias World = EngineTests.World

    @Test func aTargetedRunByIdSeesAnotherEmployeeWithTheSameEmail() async throws {
        var employees = (1...3).map { EngineTests.employee($0) }
        let world = try await World.make(employees: employees)
        try await world.sync()
        var twin = EngineTests.employee(4)
        twin.attributes["email"] = .text("P1@acme.example")
        employees.append(twin)
        await world.personio.set(employees)
        _ = try await world.pull()
        let full = try world.plan().plan
        #expect(full.actions.filter { [1, 4].contains($0.personioID ?? 0) }.isEmpty && full.conflicts.count == 2)
        let pulled = try await TargetedPull(config: world.config, state: world.state, personio: world.personio, learning360: world.lms, people: ["4"]).run()
        let targeted = try PlanEngine(config: world.config, configBytes: Data(world.yaml.utf8), state: world.state).run(targeted: pulled, people: ["4"]).plan
        #expect(targeted.actions.isEmpty, "\(targeted.actions.map(\.kind))")
        #expect(targeted.conflicts.contains { $0.message.contains("Personio employee 4") && $0.message.contains("shares the email") })
    }

    @Test func aDeactivationWhoseTimePassedBeforeTheApplyIsNotSent() async throws {
        var employees = (1...2).map { EngineTests.employee($0) }
        let world = try await World.make(employees: employees, leavers: true)
        try await world.sync()
        employees[0].attributes["termination_date"] = .date("2020-06-30")
        employees.append(
            {
                var e = EngineTests.employee(3); e.attributes["termination_date"] = .date("2020-06-30"); return e
            }())
        await world.personio.set(employees)
        _ = try await world.pull()
        var engine = PlanEngine(config: world.config, configBytes: Data(world.yaml.utf8), state: world.state)
        engine.today = "2020-06-01"  // reviewed long ago, applied now
        let planned = try engine.run()
        #expect(planned.plan.actions.contains { $0.kind == .setDeactivation } && planned.plan.actions.contains { $0.kind == .createUser })
        let record = try await world.apply(planned)
        let skipped = record.results.filter { $0.action.kind == .setDeactivation }
        #expect(skipped.allSatisfy { $0.status == .skipped && $0.error?.contains("ended before this apply ran") == true })
        #expect(!record.results.contains { $0.status == .failed }, "\(record.results.filter { $0.status == .failed }.map(\.error))")
        #expect(await world.lms.users.values.allSatisfy { $0.toBeDeactivatedAt == nil }, "a past date is never sent")
    }
}
