import Foundation
import HRSyncTestSupport
import Testing

@testable import HRSyncCore

/// A random company and a platform with its group tree and connector admin.
struct RandomCompany {
    static let offices = ["Berlin", "Paris", "Remote"], departments = ["Sales", "Engineering", "People"]

    static func platform() -> LMSState {
        var lms = LMSState()
        lms.groups["root"] = LMSGroupRecord(id: "root", name: "ACME", parentID: nil, isPublic: false)
        lms.groups["top"] = LMSGroupRecord(id: "top", name: "Employees", parentID: "root", isPublic: true)
        for office in offices {
            lms.groups["g-\(office)"] = LMSGroupRecord(id: "g-\(office)", name: office, parentID: "top", isPublic: true)
            for department in departments.dropLast() {
                lms.groups["g-\(office)-\(department)"] = LMSGroupRecord(
                    id: "g-\(office)-\(department)", name: department, parentID: "g-\(office)", isPublic: true)
            }
        }
        lms.users["admin"] = LMSUserRecord(
            id: "admin", mail: "lms-admin@acme.example", status: "active", firstName: "A", lastName: "Dmin", job: nil, lang: "en")
        lms.admin = LMSAdminRecord(mail: "lms-admin@acme.example", userID: "admin", status: "active", rootRoles: ["owner"])
        return lms
    }

    static func employee(_ id: Int, using random: inout some RandomNumberGenerator, supervisor: Int?) -> Employee {
        var attributes: [String: AttributeValue] = [
            "first_name": .text("First\(id)"), "last_name": .text("Last\(id)"), "email": .text("p\(id)@acme.example"),
            "status": .text(["active", "active", "active", "onboarding", "leave", "inactive"].randomElement(using: &random)!),
            "position": Bool.random(using: &random) ? .text("Role \(Int.random(in: 0..<5, using: &random))") : .empty,
            "office": .text(offices.randomElement(using: &random)!), "department": .text(departments.randomElement(using: &random)!),
            "hire_date": .date(
                "20\(10 + Int.random(in: 0..<15, using: &random))-0\(Int.random(in: 1...9, using: &random))-1\(Int.random(in: 0...9, using: &random))")
        ]
        if let supervisor { attributes["supervisor"] = .employee(supervisor) }
        return Employee(id: id, attributes: attributes)
    }

    static func config(maxDeletes: String = "100%") throws -> HRSyncConfig {
        try ConfigLoader.load(
            yaml: """
                personio: {}
                learning360: {admin_email: lms-admin@acme.example}
                sync:
                  groups: [{id: 000000000000000000000000, hierarchy: [office, department]}]
                  custom_fields: [{personio: hire_date, name: Hire date}, {personio: department, name: Department}]
                  max_deletes: \(maxDeletes)
                """, file: "t.yaml")
    }
}

@Suite struct PlannerTests {
    /// The config's group id must be 24 hex digits; the test platform uses readable ids, so the
    /// synced group is renamed on the way in.
    static func input(_ employees: [Int: Employee], _ lms: LMSState, ownership: Ownership = Ownership(), maxDeletes: String = "100%") throws -> Planner.Input {
        var config = try RandomCompany.config(maxDeletes: maxDeletes)
        config.sync.groups[0].id = "top"
        return Planner.Input(employees: employees, lms: lms, config: config, ownership: ownership)
    }

    @Test(arguments: 1...6)
    func planApplyPlanIsAFixpointOverRandomCompaniesAndEdits(seed: Int) throws {
        var random = SeededRandom.forTest(salt: seed)
        var employees: [Int: Employee] = [:]
        for id in 1...(20 + seed * 15) {
            employees[id] = RandomCompany.employee(id, using: &random, supervisor: id > 3 ? Int.random(in: 1..<id, using: &random) : nil)
        }
        var platform = InMemoryPlatform(RandomCompany.platform())
        for round in 0..<4 {
            let plan = try Planner.plan(try Self.input(employees, platform.lms, ownership: platform.ownership))
            #expect(plan.conflicts.isEmpty, "\(random.replay)")
            platform.apply(plan)
            let again = try Planner.plan(try Self.input(employees, platform.lms, ownership: platform.ownership))
            #expect(
                again.actions.isEmpty, "\(random.replay) round \(round): \(again.actions.map { "\($0.kind) \($0.personioID ?? 0) \($0.change)" }.prefix(5))")
            // HR changes for the next round: edits, moves, terminations, hires, a supervisor change.
            for id in employees.keys.sorted().shuffled(using: &random).prefix(5) {
                switch Int.random(in: 0..<5, using: &random) {
                case 0: employees[id]?.attributes["position"] = .text("Changed \(round)")
                case 1: employees[id]?.attributes["office"] = .text(RandomCompany.offices.randomElement(using: &random)!)
                case 2: employees[id]?.attributes["status"] = .text("inactive")
                case 3:
                    let boss = employees.keys.sorted().randomElement(using: &random)!
                    employees[id]?.attributes["supervisor"] = .employee(boss)
                default: employees[id]?.attributes["status"] = .text("active")
                }
            }
            let hire = (employees.keys.max() ?? 0) + 1
            employees[hire] = RandomCompany.employee(hire, using: &random, supervisor: 1)
        }
    }

    @Test(arguments: 1...3)
    func planningOnTwoCoresGivesTheSamePlanAsOnePass(seed: Int) throws {
        var random = SeededRandom.forTest(salt: seed)
        var employees: [Int: Employee] = [:]
        for id in 1...(300 + seed * 101) {
            employees[id] = RandomCompany.employee(id, using: &random, supervisor: id > 3 ? Int.random(in: 1..<id, using: &random) : nil)
        }
        var platform = InMemoryPlatform(RandomCompany.platform())
        platform.apply(try Planner.plan(try Self.input(employees, platform.lms)))
        // A day of every kind of change, including shared emails (conflicts) and supervisor moves.
        for id in employees.keys.sorted().shuffled(using: &random).prefix(60) {
            switch Int.random(in: 0..<5, using: &random) {
            case 0: employees[id]?.attributes["office"] = .text(RandomCompany.offices.randomElement(using: &random)!)
            case 1: employees[id]?.attributes["status"] = .text("inactive")
            case 2:
                let boss = employees.keys.sorted().randomElement(using: &random)!
                employees[id]?.attributes["supervisor"] = .employee(boss)
            case 3: employees[id]?.attributes["email"] = .text("shared\(id % 3)@acme.example")
            default: employees[id]?.attributes["position"] = .text("Changed")
            }
        }
        for hire in 1000...1030 { employees[hire] = RandomCompany.employee(hire, using: &random, supervisor: hire - 1) }
        let input = try Self.input(employees, platform.lms, ownership: platform.ownership)
        let onePass = try Planner.plan(input, splitFrom: .max)
        let halves = try Planner.plan(input, splitFrom: 2)
        let halvesBackwards = try Planner.plan(input, parts: BackwardParts(), splitFrom: 2)
        #expect(onePass.actions.count > 50, "\(random.replay)")
        #expect(halves == onePass, "\(random.replay)")
        #expect(halvesBackwards == onePass, "\(random.replay): the parts may run in any order (the engine runs them at once)")
        // A targeted run: the others resolve first (`resolveOnly`), then each half adds its own.
        var targeted = input
        targeted.targets = Set(employees.keys.sorted().shuffled(using: &random).prefix(employees.count / 3))
        let targetedOnePass = try Planner.plan(targeted, splitFrom: .max)
        #expect(targetedOnePass.actions.count > 5, "\(random.replay)")
        #expect(try Planner.plan(targeted, splitFrom: 2) == targetedOnePass, "\(random.replay)")
        #expect(try Planner.plan(targeted, parts: BackwardParts(), splitFrom: 2) == targetedOnePass, "\(random.replay)")
    }

    @Test func aPlatformThatAlreadyMatchesGivesAnEmptyPlan() throws {
        let employees = [
            1: Employee(
                id: 1,
                attributes: [
                    "first_name": .text("Ada"), "last_name": .text("Lovelace"), "email": .text("ada@acme.example"),
                    "position": .empty, "supervisor": .empty, "status": .text("active"),
                    "office": .text("Berlin"), "department": .text("Sales"), "hire_date": .date("2022-01-12")
                ])
        ]
        var platform = InMemoryPlatform(RandomCompany.platform())
        platform.apply(try Planner.plan(try Self.input(employees, platform.lms)))
        let plan = try Planner.plan(try Self.input(employees, platform.lms, ownership: platform.ownership))
        #expect(plan.actions.isEmpty)
        #expect(plan.summary.line == "Plan: 0 to create, 0 to update, 0 to delete, 0 to restore; 0 warnings.")
    }

    @Test func actionsComeInTheOrderOfSection6() throws {
        var random = SeededRandom.forTest()
        let employees = Dictionary(uniqueKeysWithValues: (1...30).map { ($0, RandomCompany.employee($0, using: &random, supervisor: $0 > 1 ? 1 : nil)) })
        let plan = try Planner.plan(try Self.input(employees, RandomCompany.platform()))
        let phases = plan.actions.map(\.kind.phase)
        #expect(phases == phases.sorted(), "\(random.replay)")
    }

    @Test func theConnectorAdminIsNeverDeletedAndMustBeUsable() throws {
        var lms = RandomCompany.platform()
        let admin = [1: Employee(id: 1, attributes: ["email": .text("LMS-admin@acme.example"), "status": .text("inactive")])]
        let plan = try Planner.plan(try Self.input(admin, lms))
        #expect(!plan.actions.contains { $0.user == .existing("admin") }, "the admin is held, not deleted")
        #expect(plan.warnings.contains { $0.message.contains("connector admin") })
        lms.admin?.rootRoles = ["learner"]
        #expect(throws: Planner.Failure.self) { try Planner.plan(try Self.input(admin, lms)) }
        lms.admin = LMSAdminRecord(mail: "lms-admin@acme.example", userID: nil, status: nil, rootRoles: [])
        #expect(throws: Planner.Failure.self) { try Planner.plan(try Self.input(admin, lms)) }
    }

    @Test func theDeletionGuardHoldsAPlanWithTooManyDeletes() throws {
        var random = SeededRandom.forTest()
        var employees = Dictionary(
            uniqueKeysWithValues: (1...40).map { id -> (Int, Employee) in
                var e = RandomCompany.employee(id, using: &random, supervisor: nil)
                e.attributes["status"] = .text("active")
                return (id, e)
            })
        var platform = InMemoryPlatform(RandomCompany.platform())
        platform.apply(try Planner.plan(try Self.input(employees, platform.lms)))
        for id in 1...5 { employees[id]?.attributes["status"] = .text("inactive") }
        let held = try Planner.plan(try Self.input(employees, platform.lms, ownership: platform.ownership, maxDeletes: "5%"))
        #expect(held.summary.delete == 5)
        #expect(held.held == DeletionGuard.Verdict(deletes: 5, allowed: 2, syncedUsers: 40, limit: "5%"))
        let allowed = try Planner.plan(try Self.input(employees, platform.lms, ownership: platform.ownership, maxDeletes: "10"))
        #expect(allowed.held == nil)
    }

    @Test func aDeletedUserIsRestoredAndAHandMadeUserIsNeverTouched() throws {
        var lms = RandomCompany.platform()
        lms.users["old"] = LMSUserRecord(
            id: "old", mail: "ada@acme.example", status: "deleted", firstName: "Ada", lastName: nil, job: nil, lang: "en",
            customValues: [], managers: [])
        lms.users["hand"] = LMSUserRecord(id: "hand", mail: "solo@acme.example", status: "active", firstName: "Solo", lastName: nil, job: nil, lang: "en")
        let employees = [1: Employee(id: 1, attributes: ["email": .text("ada@acme.example"), "first_name": .text("Ada"), "status": .text("active")])]
        let plan = try Planner.plan(try Self.input(employees, lms))
        #expect(plan.actions.first { $0.kind == .restoreUser }?.user == .existing("old"))
        #expect(plan.summary.restore == 1)
        #expect(!plan.actions.contains { $0.user == .existing("hand") })
    }
}

@Suite struct OwnershipTests {
    func action(_ change: PlanAction.Change) -> PlanAction {
        PlanAction(change, person: PersonRef(personioID: 1, name: "Ada", email: nil), user: .existing("u1"), reason: "")
    }

    @Test func ownershipComesFromSucceededActionsOfApplyRecords() {
        let first = ApplyRecord(
            plan: "p1",
            results: [
                .init(action: action(.createField(name: "Hire date", type: "date")), status: .done, userID: nil, vendorID: "f1"),
                .init(
                    action: action(.createUser(NewUser(mail: "ada@acme.example", group: "g1", lang: nil, fields: [:]))), status: .done, userID: "u1",
                    vendorID: "u1"),
                .init(action: action(.addRole(group: "g2")), status: .alreadyDone, userID: "u1"),
                .init(action: action(.addRole(group: "g3")), status: .failed, userID: "u1", error: "groupNotFound"),
                .init(action: action(.addManager(.existing("u9"))), status: .done, userID: "u1"),
                .init(
                    action: action(
                        .setCustomValues(
                            before: [],
                            after: [
                                CustomValue(field: .existing("f2"), type: "string", value: "x"),
                                CustomValue(field: .created(name: "Hire date"), type: "date", value: "2022-01-12")
                            ])), status: .done, userID: "u1")
            ])
        let second = ApplyRecord(
            plan: "p2",
            results: [
                .init(action: action(.removeRole(group: "g1")), status: .done, userID: "u1"),
                .init(action: action(.removeManager(userID: "u9")), status: .done, userID: "u1")
            ])
        let ownership = Ownership.from([first, second])
        #expect(ownership.learnerRoles == [RoleKey(group: "g2", user: "u1")])
        #expect(ownership.managerLinks.isEmpty)
        #expect(ownership.fieldIDs == ["f1", "f2"])
        #expect(Ownership.from([first]).managerLinks == [ManagerLink(user: "u1", manager: "u9")])
    }

    @Test func aMoveRemovesOnlyTheLearnerRoleHrsyncAdded() throws {
        var lms = RandomCompany.platform()
        lms.users["u1"] = LMSUserRecord(
            id: "u1", mail: "ada@acme.example", status: "active", firstName: "Ada", lastName: nil, job: nil, lang: "en",
            customValues: [], managers: [])
        lms.mappings["1"] = LMSMappingRecord(personioID: "1", userID: "u1", mappingID: "m1")
        for group in ["g-Berlin-Sales", "g-Paris"] {
            lms.memberships[RoleKey(group: group, user: "u1")] = LMSMembershipRecord(groupID: group, userID: "u1", roles: ["learner"])
        }
        let ada = [
            1: Employee(
                id: 1,
                attributes: [
                    "email": .text("ada@acme.example"), "first_name": .text("Ada"), "status": .text("active"),
                    "office": .text("Remote"), "department": .text("Sales")
                ])
        ]
        var ownership = Ownership()
        ownership.learnerRoles = [RoleKey(group: "g-Berlin-Sales", user: "u1")]  // Paris was added by hand
        let plan = try Planner.plan(try PlannerTests.input(ada, lms, ownership: ownership))
        let roles = plan.actions.filter { $0.kind == .addRole || $0.kind == .removeRole }
        #expect(roles.map(\.kind) == [.addRole, .removeRole])
        #expect(roles[0].change == .addRole(group: "g-Remote-Sales"))
        #expect(roles[1].change == .removeRole(group: "g-Berlin-Sales"))
    }
}

@Suite struct CustomFieldPlanningTests {
    func platform(fields: [LMSFieldRecord], values: [LMSCustomValue]) -> LMSState {
        var lms = RandomCompany.platform()
        for field in fields { lms.fields[field.id] = field }
        lms.users["u1"] = LMSUserRecord(
            id: "u1", mail: "ada@acme.example", status: "active", firstName: "Ada", lastName: nil, job: nil, lang: "en",
            customValues: values, managers: [])
        lms.mappings["1"] = LMSMappingRecord(personioID: "1", userID: "u1", mappingID: "m1")
        lms.memberships[RoleKey(group: "g-Berlin-Sales", user: "u1")] = LMSMembershipRecord(groupID: "g-Berlin-Sales", userID: "u1", roles: ["learner"])
        return lms
    }

    let ada = [
        1: Employee(
            id: 1,
            attributes: [
                "email": .text("ada@acme.example"), "first_name": .text("Ada"), "status": .text("active"),
                "office": .text("Berlin"), "department": .text("Sales"), "hire_date": .date("2022-01-12")
            ])
    ]

    @Test func aDeletedOrRenamedDefinitionIsCreatedAgainUnderTheConfiguredName() throws {
        let lms = platform(
            fields: [LMSFieldRecord(id: "f-renamed", name: "Start date", type: "date"), LMSFieldRecord(id: "f-d", name: "Department", type: "string")],
            values: [LMSCustomValue(fieldID: "f-renamed", type: "date", value: "2022-01-12"), LMSCustomValue(fieldID: "f-d", type: "string", value: "Sales")])
        var ownership = Ownership()
        ownership.fieldIDs = ["f-renamed", "f-d"]
        let plan = try Planner.plan(try PlannerTests.input(ada, lms, ownership: ownership))
        #expect(plan.actions.filter { $0.kind == .createField }.map(\.change) == [.createField(name: "Hire date", type: "date")])
        let values = try #require(plan.actions.first { $0.kind == .setCustomValues })
        #expect(
            values.change
                == .setCustomValues(
                    before: [
                        CustomValue(field: .existing("f-d"), type: "string", value: "Sales"),
                        CustomValue(field: .existing("f-renamed"), type: "date", value: "2022-01-12")
                    ],
                    after: [
                        CustomValue(field: .existing("f-d"), type: "string", value: "Sales"),
                        CustomValue(field: .created(name: "Hire date"), type: "date", value: "2022-01-12")
                    ]),
            "the renamed field's value is dropped; the definition stays")
    }

    @Test func aValueRemovedByHandIsPutBackAndUnmanagedValuesStay() throws {
        let lms = platform(
            fields: [
                LMSFieldRecord(id: "f-h", name: "Hire date", type: "date"), LMSFieldRecord(id: "f-d", name: "Department", type: "string"),
                LMSFieldRecord(id: "f-x", name: "T-shirt size", type: "string")
            ],
            values: [LMSCustomValue(fieldID: "f-d", type: "string", value: "Sales"), LMSCustomValue(fieldID: "f-x", type: "string", value: "M")])
        let plan = try Planner.plan(try PlannerTests.input(ada, lms))
        let values = try #require(plan.actions.first { $0.kind == .setCustomValues })
        guard case .setCustomValues(_, let after) = values.change else { Issue.record("not a set of values"); return }
        #expect(
            after == [
                CustomValue(field: .existing("f-d"), type: "string", value: "Sales"), CustomValue(field: .existing("f-h"), type: "date", value: "2022-01-12"),
                CustomValue(field: .existing("f-x"), type: "string", value: "M")
            ])
        #expect(!plan.actions.contains { $0.kind == .createField })
    }
}

@Suite struct ManagerPlanningTests {
    func platform() -> LMSState {
        var lms = RandomCompany.platform()
        for (id, mail) in [("u1", "ada@acme.example"), ("u2", "bo@acme.example"), ("u3", "cy@acme.example"), ("u4", "dee@acme.example")] {
            lms.users[id] = LMSUserRecord(
                id: id, mail: mail, status: "active", firstName: nil, lastName: nil, job: nil, lang: "en", customValues: [], managers: [])
        }
        lms.users["u1"]?.managers = ["u2", "u4"]  // u2 added by hrsync earlier, u4 by hand
        lms.users["admin"]?.managers = []
        return lms
    }

    func people(supervisor: Int?) -> [Int: Employee] {
        var ada: [String: AttributeValue] = ["email": .text("ada@acme.example"), "status": .text("active")]
        if let supervisor { ada["supervisor"] = .employee(supervisor) }
        return [
            1: Employee(id: 1, attributes: ada),
            2: Employee(id: 2, attributes: ["email": .text("bo@acme.example"), "status": .text("active")]),
            3: Employee(id: 3, attributes: ["email": .text("cy@acme.example"), "status": .text("active")]),
            4: Employee(id: 4, attributes: ["email": .text("dee@acme.example"), "status": .text("active")]),
            9: Employee(id: 9, attributes: ["email": .text("lms-admin@acme.example"), "status": .text("active"), "supervisor": .employee(3)])
        ]
    }

    @Test func aChangedSupervisorAddsTheNewOneAndRemovesOnlyTheLinkHrsyncAdded() throws {
        var ownership = Ownership()
        ownership.managerLinks = [ManagerLink(user: "u1", manager: "u2")]
        let plan = try Planner.plan(try PlannerTests.input(people(supervisor: 3), platform(), ownership: ownership))
        let managers = plan.actions.filter { $0.kind == .addManager || $0.kind == .removeManager }
        #expect(managers.map(\.kind) == [.addManager, .removeManager])
        #expect(managers[0].change == .addManager(.existing("u3")) && managers[0].user == .existing("u1"))
        #expect(managers[1].change == .removeManager(userID: "u2"), "u4 was added by hand and stays")
        #expect(
            !plan.actions.contains { $0.user == .existing("admin") && [.addManager, .removeManager, .addRole, .removeRole, .deleteUser].contains($0.kind) },
            "the connector admin's managers and roles are never edited")
    }

    @Test func anUnknownSupervisorIsAWarningAndNoChange() throws {
        let plan = try Planner.plan(try PlannerTests.input(people(supervisor: 77), platform()))
        #expect(!plan.actions.contains { $0.kind == .addManager || $0.kind == .removeManager })
        #expect(plan.warnings.map(\.message).contains("Personio employee 1: supervisor #77 is not in Personio's answer; no manager change"))
    }

    @Test func aMappedAttributeMissingFromEveryPayloadIsWarnedOnce() throws {
        let plan = try Planner.plan(try PlannerTests.input(people(supervisor: nil), platform()))
        #expect(plan.warnings.filter { $0.message.hasPrefix("attribute 'position'") }.count == 1)
        #expect(plan.warnings.filter { $0.message.hasPrefix("attribute 'hire_date'") }.count == 1)
        #expect(!plan.actions.contains { $0.kind == .updateUser }, "missing is not empty: nothing is cleared")
    }
}

@Suite struct PropagationAwareMoveTests {
    @Test func aRoleAboveTheNewPlacementIsNotRemoved() throws {
        var lms = RandomCompany.platform()
        lms.users["u1"] = LMSUserRecord(
            id: "u1", mail: "ada@acme.example", status: "active", firstName: "Ada", lastName: nil, job: nil, lang: "en",
            customValues: [], managers: [])
        lms.mappings["1"] = LMSMappingRecord(personioID: "1", userID: "u1", mappingID: "m1")
        lms.memberships[RoleKey(group: "g-Berlin", user: "u1")] = LMSMembershipRecord(groupID: "g-Berlin", userID: "u1", roles: ["learner"])
        var ownership = Ownership()
        ownership.learnerRoles = [RoleKey(group: "g-Berlin", user: "u1")]  // placed at office level before the department was known
        let ada = [
            1: Employee(
                id: 1,
                attributes: [
                    "email": .text("ada@acme.example"), "first_name": .text("Ada"), "status": .text("active"),
                    "office": .text("Berlin"), "department": .text("Sales")
                ])
        ]
        let plan = try Planner.plan(try PlannerTests.input(ada, lms, ownership: ownership))
        #expect(plan.actions.filter { $0.kind == .addRole }.map(\.change) == [.addRole(group: "g-Berlin-Sales")])
        #expect(!plan.actions.contains { $0.kind == .removeRole }, "removing Berlin would cascade down to Berlin › Sales")
    }
}

/// Runs the parts last to first: the plan must not depend on the order the parts run in.
struct BackwardParts: PartsRunner {
    func run(_ count: Int, _ body: (Int) -> Void) { for part in (0..<count).reversed() { body(part) } }
}

/// Hostile or broken input the planner must not turn into wrong writes (trust-boundaries issue).
@Suite struct PlannerHostileInputTests {
    func synced(_ employees: [Int: Employee], fields: [LMSFieldRecord] = [], values: [LMSCustomValue] = []) throws -> (LMSState, Ownership) {
        var platform = InMemoryPlatform(RandomCompany.platform())
        for field in fields { platform.lms.fields[field.id] = field }
        platform.apply(try Planner.plan(try PlannerTests.input(employees, platform.lms)))
        for id in platform.lms.users.keys where id != "admin" && !values.isEmpty { platform.lms.users[id]?.customValues = values }
        return (platform.lms, platform.ownership)
    }

    @Test func anEmployeeWhoIsTheirOwnSupervisorGetsNoManagerButAWarning() throws {
        var ada = Employee(
            id: 1,
            attributes: [
                "email": .text("ada@acme.example"), "status": .text("active"), "office": .text("Berlin"),
                "department": .text("Sales"), "hire_date": .date("2022-01-12")
            ])
        ada.attributes["supervisor"] = .employee(1)
        let plan = try Planner.plan(try PlannerTests.input([1: ada], RandomCompany.platform()))
        #expect(!plan.actions.contains { $0.kind == .addManager })
        #expect(plan.warnings.contains { $0.message.contains("their own supervisor") })
    }

    /// Ada, synced with her hire date as a custom value, and the plan for her with `hire_date` set to `value`.
    func planWithHireDate(_ value: AttributeValue?) throws -> Plan {
        let ada = Employee(
            id: 1,
            attributes: [
                "email": .text("ada@acme.example"), "status": .text("active"), "office": .text("Berlin"),
                "department": .text("Sales"), "hire_date": .date("2022-01-12")
            ])
        let (lms, ownership) = try synced([1: ada])
        var changed = ada
        changed.attributes["hire_date"] = value
        return try Planner.plan(try PlannerTests.input([1: changed], lms, ownership: ownership))
    }

    @Test func anUnreadableDateWarnsAndLeavesTheFieldAsItIs() throws {
        let plan = try planWithHireDate(.text("next spring"))
        #expect(!plan.actions.contains { $0.kind == .setCustomValues }, "\(plan.actions.map(\.change))")
        #expect(plan.warnings.contains { $0.message.contains("hire_date 'next spring' is not a date") })
    }

    /// A credential that can no longer read an attribute (Personio's whitelist) sends it for nobody:
    /// its custom field stays in the full list with 360Learning's value, not dropped (cleared).
    /// §3 for the links and the placement: a credential that cannot read `supervisor` or a hierarchy
    /// attribute sends it for nobody; hrsync must not remove every manager link or move everyone up.
    @Test(arguments: ["supervisor", "office"])
    func anUnreadableSupervisorOrHierarchyAttributeRemovesNothing(key: String) throws {
        func person(_ id: Int, _ supervisor: Int?) -> Employee {
            var attributes: [String: AttributeValue] = [
                "email": .text("p\(id)@acme.example"), "status": .text("active"), "office": .text("Berlin"),
                "department": .text("Sales"), "hire_date": .date("2022-01-12")
            ]
            if let supervisor { attributes["supervisor"] = .employee(supervisor) }
            return Employee(id: id, attributes: attributes)
        }
        let people = [1: person(1, nil), 2: person(2, 1), 3: person(3, 1)]
        let (lms, ownership) = try synced(people)
        #expect(!ownership.managerLinks.isEmpty && !ownership.learnerRoles.isEmpty)
        let unreadable = people.mapValues { employee in
            var employee = employee
            employee.attributes[key] = nil
            return employee
        }
        let plan = try Planner.plan(try PlannerTests.input(unreadable, lms, ownership: ownership))
        #expect(plan.actions.isEmpty, "\(plan.actions.map(\.change))")
        #expect(plan.warnings.contains { $0.kind == .attributeUnreadable && $0.values["key"] == key })
    }

    @Test func anAttributeNoPayloadCarriesKeepsItsCustomValues() throws {
        let plan = try planWithHireDate(nil)
        #expect(!plan.actions.contains { $0.kind == .setCustomValues }, "\(plan.actions.map(\.change))")
        #expect(plan.warnings.contains { $0.kind == .attributeUnreadable && $0.values["key"] == "hire_date" })
    }
}
