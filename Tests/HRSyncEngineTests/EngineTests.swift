import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncStore
import HRSyncTestSupport
import Learning360
import Testing

/// pull → plan → apply through the engine's seams, on in-memory vendors and a temporary state
/// directory: the same engine the CLI runs, with no network and no sandbox.
@Suite struct EngineTests {
    static let adminMail = "lms-admin@acme.example"

    struct World {
        let personio: InMemoryPersonio
        let lms: InMemoryLearning360
        let state: StateDirectory
        let config: HRSyncConfig
        let yaml: String
        /// The state directory's folder, removed with the world.
        let scratch: Scratch

        static func make(
            employees: [Employee], maxDeletes: String = "50%",
            customFields: String = "[{personio: department, name: Department}]", extraLearning360: String = "",
            leavers: Bool = false
        ) async throws -> World {
            let lms = InMemoryLearning360()
            await lms.seed(
                adminMail: adminMail,
                groups: [
                    GroupDTO(_id: InMemoryLearning360.id(10), name: "Berlin", public: true, parentId: InMemoryLearning360.id(2)),
                    GroupDTO(_id: InMemoryLearning360.id(11), name: "Paris", public: true, parentId: InMemoryLearning360.id(2))
                ])
            let yaml = """
                personio: {}
                learning360: {admin_email: \(adminMail), send_invitations: false\(extraLearning360)}
                sync:
                  groups: [{id: \(InMemoryLearning360.id(2)), hierarchy: [office]}]
                  custom_fields: \(customFields)
                  max_deletes: \(maxDeletes)
                \(leavers ? "  leavers: deactivate_on_termination_date" : "")
                """
            let scratch = try Scratch(prefix: "hrsync-engine-")
            return World(
                personio: InMemoryPersonio(employees), lms: lms, state: try StateDirectory.create(at: scratch.url.appendingPathComponent("state").path),
                config: try ConfigLoader.load(yaml: yaml, file: "t.yaml"), yaml: yaml, scratch: scratch)
        }

        func pull() async throws -> Pull.Outcome {
            try await Pull(config: config, state: state, personio: personio, learning360: lms).run()
        }

        func plan() throws -> PlanEngine.Outcome {
            try PlanEngine(config: config, configBytes: Data(yaml.utf8), state: state).run()
        }

        func apply(_ planned: PlanEngine.Outcome, allowDeletes: Int? = nil) async throws -> ApplyRecord {
            try await ApplyEngine(config: config, configBytes: Data(yaml.utf8), state: state, client: lms, allowDeletes: allowDeletes)
                .run(planned.plan, planID: planned.id).0
        }

        /// Pull, plan, apply; returns the plan that was applied.
        @discardableResult
        func sync(allowDeletes: Int? = nil) async throws -> Plan {
            _ = try await pull()
            let planned = try plan()
            _ = try await apply(planned, allowDeletes: allowDeletes)
            return planned.plan
        }
    }

    static func employee(_ id: Int, office: String = "Berlin", status: String = "active", supervisor: Int? = nil, job: String = "Engineer") -> Employee {
        var attributes: [String: AttributeValue] = [
            "first_name": .text("First\(id)"), "last_name": .text("Last\(id)"), "email": .text("p\(id)@acme.example"),
            "status": .text(status), "position": .text(job), "office": .text(office), "department": .text("Dept \(id % 3)")
        ]
        if let supervisor { attributes["supervisor"] = .employee(supervisor) }
        return Employee(id: id, attributes: attributes)
    }

    @Test func aFirstSyncCreatesEveryoneAndTheNextPlanIsEmpty() async throws {
        let people = (1...6).map { Self.employee($0, office: $0 % 2 == 0 ? "Berlin" : "Paris", supervisor: $0 > 1 ? 1 : nil) }
        let world = try await World.make(employees: people)
        let first = try await world.sync()
        #expect(first.summary.create == 6)
        let writes = await world.lms.writes
        #expect(writes == first.actions.count, "one write per planned action")
        #expect(await world.lms.users.values.filter { $0.status == "invited" }.count == 6)
        #expect(await world.lms.managers.values.flatMap { $0 }.count == 5)
        let again = try await world.sync()
        #expect(again.isEmpty, "\(again.actions.map(\.kind))")
        #expect(await world.lms.writes == writes)
    }

    @Test func editsMovesAndLeaversConverge() async throws {
        var people = (1...6).map { Self.employee($0, supervisor: $0 > 1 ? 1 : nil) }
        let world = try await World.make(employees: people)
        try await world.sync()
        people[1] = Self.employee(2, office: "Paris", supervisor: 1, job: "Lead")  // moved and promoted
        people[2] = Self.employee(3, status: "inactive", supervisor: 1)  // left
        people[3] = Self.employee(4, supervisor: 2)  // new manager
        await world.personio.set(people)
        let changes = try await world.sync()
        let kinds = Set(changes.actions.map(\.kind))
        #expect(kinds.isSuperset(of: [.updateUser, .addRole, .removeRole, .deleteUser, .addManager, .removeManager]), "\(kinds)")
        let moved = try #require(await world.lms.users.values.first { $0.mail == "p2@acme.example" })
        #expect(moved.job == "Lead")
        let roles = await world.lms.roles.filter { $0.key.user == moved._id && $0.value.contains("learner") }.map(\.key.group)
        #expect(roles == [InMemoryLearning360.id(11)], "learner in Paris only")
        #expect(try await world.sync().isEmpty)
    }

    @Test func aUserEditedByHandAfterThePlanMakesItStale() async throws {
        let world = try await World.make(employees: [Self.employee(1)])
        try await world.sync()
        await world.personio.set([Self.employee(1, job: "Architect")])
        _ = try await world.pull()
        let planned = try world.plan()
        let user = try #require(await world.lms.users.values.first { $0.mail == "p1@acme.example" })
        await world.lms.editByHand(user._id) { $0.job = "Something else" }
        await #expect(throws: ApplyEngine.Refusal.self) { _ = try await world.apply(planned) }
    }

    @Test func theDeletionGuardIsComputedAtApplyFromThePlansDeletes() async throws {
        let world = try await World.make(employees: (1...4).map { Self.employee($0) }, maxDeletes: "1")
        try await world.sync()
        await world.personio.set((1...4).map { Self.employee($0, status: "inactive") })
        _ = try await world.pull()
        var planned = try world.plan()
        #expect(planned.plan.held?.deletes == 4)
        planned.plan.held = nil  // whatever a plan says of itself, apply counts its deletes
        await #expect(throws: ApplyEngine.Refusal.self) { _ = try await world.apply(planned) }
        let record = try await world.apply(planned, allowDeletes: 4)
        #expect(record.results.filter { $0.action.kind == .deleteUser && $0.status == .done }.count == 4)
    }

    @Test func ownershipComesFromTheApplyRecords() async throws {
        let world = try await World.make(employees: [Self.employee(1), Self.employee(2, supervisor: 1)])
        try await world.sync()
        let (ownership, warnings) = try PlanEngine(config: world.config, configBytes: Data(world.yaml.utf8), state: world.state).ownership()
        #expect(warnings.isEmpty)
        #expect(ownership.learnerRoles.count == 2)
        #expect(ownership.managerLinks.count == 1)
        #expect(ownership.fieldIDs.count == 1)
    }
}

/// The engine's refusals at the trust boundaries: ids that are not ids, ownership it cannot read.
@Suite struct EngineTrustTests {
    @Test func anIDThatIsNotA360LearningIDNeverReachesAURL() async throws {
        let world = try await EngineTests.World.make(employees: [EngineTests.employee(1)])
        _ = try await world.pull()
        var planned = try world.plan()
        let action = try #require(planned.plan.actions.first { $0.kind == .createUser })
        planned.plan.actions = [
            PlanAction(.addRole(group: "../../api/v2/users/x"), person: action.person, user: .existing("000000000000000000000003"), reason: "")
        ]
        await #expect(throws: ApplyEngine.Refusal.self) { _ = try await world.apply(planned) }
        #expect(await world.lms.writes == 0)
    }

    @Test func aMissingApplyRecordStopsPlanningInsteadOfForgettingOwnership() async throws {
        let world = try await EngineTests.World.make(employees: [EngineTests.employee(1)])
        try await world.sync()
        let applies = try world.state.log.events().filter { $0.kind == .apply }.flatMap(\.writes)
        let record = try #require(applies.first)
        try FileManager.default.removeItem(atPath: world.state.objects.path(of: record))
        #expect(throws: PlanEngine.Failure.self) { _ = try world.plan() }
    }

    /// `plan --offline` checks its snapshots beside their decode: a refusal is still what it
    /// throws (before an unreadable apply record), and the notes of a check that passed still reach
    /// the caller when planning then fails.
    @Test func theOfflineCheckBesideTheDecodeKeepsItsPlaceInTheErrors() async throws {
        let world = try await EngineTests.World.make(employees: [EngineTests.employee(1), EngineTests.employee(2, office: "Paris")])
        try await world.sync()
        _ = try await world.pull()
        let fresh = try PlanEngine(config: world.config, configBytes: Data(world.yaml.utf8), state: world.state)
        var checked = 0
        let planned = try fresh.runOffline { _ in checked += 1 }
        #expect(checked == 1 && planned.plan.isEmpty)
        #expect(try world.plan().bytes == planned.bytes, "the same plan as without the check")

        let applies = try world.state.log.events().filter { $0.kind == .apply }.flatMap(\.writes)
        try FileManager.default.removeItem(atPath: world.state.objects.path(of: try #require(applies.first)))
        let yaml = world.yaml.replacingOccurrences(of: "hierarchy: [office]", with: "hierarchy: [office, team]")
        let other = PlanEngine(config: try ConfigLoader.load(yaml: yaml, file: "t.yaml"), configBytes: Data(yaml.utf8), state: world.state)
        #expect(throws: OfflineSnapshots.OtherConfig.self) { _ = try other.runOffline { _ in checked += 1 } }
        #expect(checked == 1, "a refused check hands nothing over")
        #expect(throws: PlanEngine.Failure.self) { _ = try fresh.runOffline { _ in checked += 1 } }
        #expect(checked == 2, "the check passed before the apply record was found missing")
        // With a damaged 360Learning snapshot too, a plan (which checks nothing beside) still says
        // the apply record is missing, as when the records were read ahead of the decode.
        let lms = try #require(try world.state.refs.get(Refs.learning360))
        try Data("damaged".utf8).write(to: URL(fileURLWithPath: world.state.objects.path(of: lms)))
        #expect(throws: PlanEngine.Failure.self) { _ = try world.plan() }
    }

    @Test func aTornLogLineIsNamedInThePlansWarnings() async throws {
        let world = try await EngineTests.World.make(employees: [EngineTests.employee(1)])
        try await world.sync()
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: world.state.log.path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"kind":"apply","writes":["#.utf8))
        try handle.close()
        let lines = try String(contentsOfFile: world.state.log.path, encoding: .utf8).split(separator: "\n").count
        let planned = try world.plan()
        #expect(planned.plan.warnings.first?.message.hasPrefix("state directory: log line \(lines) is unreadable") == true, "\(planned.plan.warnings)")
        #expect(planned.plan.summary.warnings == planned.plan.warnings.count)
    }

    @Test func a360LearningSnapshotThatShrinksIsRefusedUntilForced() async throws {
        let world = try await EngineTests.World.make(employees: (1...10).map { EngineTests.employee($0) })
        try await world.sync()
        _ = try await world.pull()  // the snapshot that knows the 10 synced users
        let before = try world.state.refs.get(Refs.learning360)
        await world.lms.vanish { $0.mail != EngineTests.adminMail }
        await #expect(throws: Learning360Pull.Refusal.self) { _ = try await world.pull() }
        #expect(try world.state.refs.get(Refs.learning360) == before, "the previous snapshot stays current")
        _ = try await Pull(config: world.config, state: world.state, personio: world.personio, learning360: world.lms, force: true).run()
        #expect(try world.state.refs.get(Refs.learning360) != before)
    }
}
