import Foundation
import HRSyncTestSupport
import Testing

@testable import HRSyncCore

/// `sync.fields` and `sync.custom_fields[].apply` (issue #27): who owns a field once hrsync created the user.
@Suite struct FieldOwnershipTests {
    static let head = "personio: {}\nlearning360:\n  admin_email: a@b.example\nsync:\n"

    @Test func theSyntaxLoads() throws {
        let config = try ConfigLoader.load(
            yaml: Self.head + """
                  fields: {job: create_only, firstName: always, manager: never, group: create_only}
                  custom_fields:
                    - {personio: hire_date, name: Hire date, apply: create_only}
                    - {personio: department, name: Department}
                """, file: "t.yaml")
        #expect(config.sync.fields == [.job: .createOnly, .firstName: .always, .manager: .never, .group: .createOnly])
        #expect(config.sync.ownership(OwnedField.lastName) == .always)
        #expect(config.sync.ownership(LMSField.job) == .createOnly)
        #expect(config.sync.customFields.map(\.apply) == [.createOnly, .always])
    }

    @Test func noFieldsKeyMeansAlways() throws {
        let config = try ConfigLoader.load(yaml: Self.head + "  custom_fields: [{personio: hire_date, name: Hire date}]\n", file: "t.yaml")
        #expect(config.sync.fields.isEmpty)
        #expect(OwnedField.allCases.allSatisfy { config.sync.ownership($0) == .always })
        #expect(config.sync.customFields[0].apply == .always)
    }

    @Test(arguments: [
        ("  fields:\n    jobb: create_only\n", 6, "unknown key 'jobb' in sync.fields; did you mean 'job'?"),
        ("  fields:\n    job: create-only\n", 6, "sync.fields.job must be always, create_only, never, got 'create-only'; did you mean 'create_only'?"),
        ("  fields:\n    mail: never\n", 6, "sync.fields.mail cannot be never: a user cannot be created without a mail"),
        ("  fields:\n    group: never\n", 6, "sync.fields.group cannot be never: a new user needs a first group; use create_only"),
        ("  fields: [job]\n", 5, "sync.fields must be a mapping"),
        (
            "  custom_fields:\n    - {personio: hire_date, name: Hire date, apply: nevr}\n", 6,
            "sync.custom_fields[0].apply must be always, create_only, never, got 'nevr'; did you mean 'never'?"
        ),
        (
            "  custom_fields:\n    - {personio: hire_date, name: Hire date, aply: never}\n", 6,
            "unknown key 'aply' in sync.custom_fields[0]; did you mean 'apply'?"
        ),
        ("  field: {job: never}\n", 5, "unknown key 'field' in sync; did you mean 'fields'?")
    ])
    func mistakesNameFileLineAndASuggestion(yaml: String, line: Int, message: String) {
        do {
            _ = try ConfigLoader.load(yaml: Self.head + yaml, file: "conf/hrsync.yaml")
            Issue.record("accepted: \(yaml)")
        } catch let error as ConfigError {
            #expect(error.line == line, "\(error)")
            #expect(error.description.hasPrefix("conf/hrsync.yaml:\(line): "), "\(error)")
            #expect(error.description.contains(message), "\(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    // MARK: - the planner

    static func input(_ employees: [Int: Employee], _ lms: LMSState, ownership: Ownership = Ownership(), owned: (inout SyncSettings) -> Void) throws
        -> Planner.Input
    {
        var config = try RandomCompany.config()
        config.sync.groups[0].id = "top"
        owned(&config.sync)
        return Planner.Input(employees: employees, lms: lms, config: config, ownership: ownership)
    }

    static func ada(position: String = "Engineer", office: String = "Berlin", supervisor: Int? = nil) -> Employee {
        var attributes: [String: AttributeValue] = [
            "first_name": .text("Ada"), "last_name": .text("Lovelace"), "email": .text("ada@acme.example"), "position": .text(position),
            "status": .text("active"), "office": .text(office), "department": .text("Sales"), "hire_date": .date("2022-01-12")
        ]
        if let supervisor { attributes["supervisor"] = .employee(supervisor) }
        return Employee(id: 1, attributes: attributes)
    }

    static func boss(_ id: Int) -> Employee {
        Employee(
            id: id,
            attributes: [
                "first_name": .text("Boss\(id)"), "last_name": .text("B"), "email": .text("boss\(id)@acme.example"), "position": .text("Boss"),
                "status": .text("active"), "office": .text("Paris"), "department": .text("Sales"), "hire_date": .date("2020-01-01")
            ])
    }

    @Test func createOnlyJobIsSetOnCreateAndNeverUpdatedAfter() throws {
        let owned: (inout SyncSettings) -> Void = { $0.fields[.job] = .createOnly }
        var platform = InMemoryPlatform(RandomCompany.platform())
        let first = try Planner.plan(try Self.input([1: Self.ada()], platform.lms, owned: owned))
        guard case .createUser(let new)? = first.actions.first(where: { $0.kind == .createUser })?.change else {
            Issue.record("no create: \(first.actions)")
            return
        }
        #expect(new.fields[.job] == "Engineer")
        platform.apply(first)
        let userID = try #require(platform.lms.users.values.first { $0.mail == "ada@acme.example" }?.id)
        // Personio changes the position and an admin edits the job: neither is acted on.
        platform.lms.users[userID]?.job = "Set by an admin"
        let later = try Planner.plan(try Self.input([1: Self.ada(position: "Architect")], platform.lms, ownership: platform.ownership, owned: owned))
        #expect(later.actions.isEmpty, "\(later.actions)")
        // Switched back to always: updated on the next run.
        let back = try Planner.plan(try Self.input([1: Self.ada(position: "Architect")], platform.lms, ownership: platform.ownership) { _ in })
        #expect(back.actions.map(\.change) == [.updateUser([FieldChange(field: .job, before: "Set by an admin", after: "Architect")])])
    }

    @Test func neverFieldsAreNotSentOnCreateNorUpdated() throws {
        let owned: (inout SyncSettings) -> Void = {
            $0.fields[.job] = .never; $0.fields[.lastName] = .never
        }
        var platform = InMemoryPlatform(RandomCompany.platform())
        let first = try Planner.plan(try Self.input([1: Self.ada()], platform.lms, owned: owned))
        guard case .createUser(let new)? = first.actions.first(where: { $0.kind == .createUser })?.change else {
            Issue.record("no create: \(first.actions)")
            return
        }
        #expect(new.fields == [.firstName: "Ada"])
        platform.apply(first)
        let later = try Planner.plan(try Self.input([1: Self.ada(position: "Architect")], platform.lms, ownership: platform.ownership, owned: owned))
        #expect(later.actions.isEmpty, "\(later.actions)")
    }

    @Test func createOnlyFieldsAreSetWhenAUserIsRestored() throws {
        let owned: (inout SyncSettings) -> Void = { $0.fields[.job] = .createOnly }
        var platform = InMemoryPlatform(RandomCompany.platform())
        platform.apply(try Planner.plan(try Self.input([1: Self.ada()], platform.lms, owned: owned)))
        let userID = try #require(platform.lms.users.values.first { $0.mail == "ada@acme.example" }?.id)
        platform.lms.users[userID]?.status = "deleted"
        let restore = try Planner.plan(try Self.input([1: Self.ada(position: "Architect")], platform.lms, ownership: platform.ownership, owned: owned))
        #expect(restore.actions.contains { $0.kind == .restoreUser })
        #expect(restore.actions.contains { $0.change == .updateUser([FieldChange(field: .job, before: "Engineer", after: "Architect")]) }, "\(restore.actions)")
    }

    @Test func createOnlyCustomFieldKeepsThe360LearningValueInTheFullList() throws {
        let owned: (inout SyncSettings) -> Void = { $0.customFields[0].apply = .createOnly }  // Hire date
        var platform = InMemoryPlatform(RandomCompany.platform())
        platform.apply(try Planner.plan(try Self.input([1: Self.ada()], platform.lms, owned: owned)))
        let userID = try #require(platform.lms.users.values.first { $0.mail == "ada@acme.example" }?.id)
        let hireDate = try #require(platform.lms.fields.values.first { $0.name == "Hire date" }?.id)
        #expect(platform.lms.users[userID]?.customValues?.contains { $0.fieldID == hireDate && $0.value == "2022-01-12" } == true)
        // An admin corrects the hire date; Personio's changes too: only the other field is written.
        let index = try #require(platform.lms.users[userID]?.customValues?.firstIndex { $0.fieldID == hireDate })
        platform.lms.users[userID]?.customValues?[index].value = "2022-02-01"
        var ada = Self.ada()
        ada.attributes["hire_date"] = .date("2023-03-03")
        #expect(try Planner.plan(try Self.input([1: ada], platform.lms, ownership: platform.ownership, owned: owned)).actions.isEmpty)
        ada.attributes["department"] = .text("Engineering")
        let plan = try Planner.plan(try Self.input([1: ada], platform.lms, ownership: platform.ownership, owned: owned))
        guard case .setCustomValues(_, let after)? = plan.actions.first(where: { $0.kind == .setCustomValues })?.change else {
            Issue.record("no values: \(plan.actions)")
            return
        }
        #expect(after.first { $0.field == .existing(hireDate) }?.value == "2022-02-01", "the admin's value is sent back, not Personio's")
        #expect(after.contains { $0.value == "Engineering" })
    }

    @Test func neverCustomFieldIsNotDefinedNorWrittenNorCleared() throws {
        var platform = InMemoryPlatform(RandomCompany.platform())
        let none = try Planner.plan(try Self.input([1: Self.ada()], platform.lms) { $0.customFields[0].apply = .never })
        #expect(!none.actions.contains { $0.kind == .createField && $0.reason.isEmpty == false && "\($0.change)".contains("Hire date") })
        // Synced earlier, then switched to never: the values stay.
        platform.apply(try Planner.plan(try Self.input([1: Self.ada()], platform.lms) { _ in }))
        var ada = Self.ada()
        ada.attributes["hire_date"] = .date("2023-03-03")
        let later = try Planner.plan(try Self.input([1: ada], platform.lms, ownership: platform.ownership) { $0.customFields[0].apply = .never })
        #expect(later.actions.isEmpty, "\(later.actions)")
    }

    @Test func createOnlyGroupAndManagerAreNotMovedAfterwards() throws {
        let owned: (inout SyncSettings) -> Void = {
            $0.fields[.group] = .createOnly; $0.fields[.manager] = .createOnly
        }
        var platform = InMemoryPlatform(RandomCompany.platform())
        let employees = [1: Self.ada(supervisor: 2), 2: Self.boss(2), 3: Self.boss(3)]
        let first = try Planner.plan(try Self.input(employees, platform.lms, owned: owned))
        #expect(first.actions.contains { $0.kind == .addManager && $0.personioID == 1 }, "the creating plan links the manager")
        platform.apply(first)
        let moved = [1: Self.ada(office: "Paris", supervisor: 3), 2: Self.boss(2), 3: Self.boss(3)]
        let later = try Planner.plan(try Self.input(moved, platform.lms, ownership: platform.ownership, owned: owned))
        #expect(later.actions.isEmpty, "\(later.actions)")
        let always = try Planner.plan(try Self.input(moved, platform.lms, ownership: platform.ownership) { _ in })
        #expect(Set(always.actions.map(\.kind)) == [.addRole, .removeRole, .addManager, .removeManager], "\(always.actions)")
        let never = try Planner.plan(try Self.input(employees, InMemoryPlatform(RandomCompany.platform()).lms) { $0.fields[.manager] = .never })
        #expect(!never.actions.contains { $0.kind == .addManager })
    }

    /// For random companies, edits and admin edits, and a random ownership per field: no action
    /// writes a field its ownership forbids, and plan → apply → plan stays a fixpoint.
    @Test(arguments: 1...8)
    func noActionWritesAFieldItsOwnershipForbids(seed: Int) throws {
        var random = SeededRandom.forTest(salt: 2700 + seed)
        let choices: [FieldOwnership] = [.always, .createOnly, .never]
        var fields: [OwnedField: FieldOwnership] = [:]
        for field in OwnedField.allCases {
            let options = field.whyNotNever == nil ? choices : [.always, .createOnly]
            fields[field] = options.randomElement(using: &random)!
        }
        let custom = [choices.randomElement(using: &random)!, choices.randomElement(using: &random)!]
        let owned: (inout SyncSettings) -> Void = { sync in
            sync.fields = fields
            for (index, apply) in custom.enumerated() { sync.customFields[index].apply = apply }
        }
        let sync = try Self.input([:], LMSState(), owned: owned).config.sync
        var employees: [Int: Employee] = [:]
        for id in 1...(20 + seed * 10) {
            employees[id] = RandomCompany.employee(id, using: &random, supervisor: id > 3 ? Int.random(in: 1..<id, using: &random) : nil)
        }
        var platform = InMemoryPlatform(RandomCompany.platform())
        for round in 0..<4 {
            let plan = try Planner.plan(try Self.input(employees, platform.lms, ownership: platform.ownership, owned: owned))
            Self.check(plan, platform.lms, sync, "\(random.replay) \(fields) \(custom) round \(round)")
            platform.apply(plan)
            let again = try Planner.plan(try Self.input(employees, platform.lms, ownership: platform.ownership, owned: owned))
            #expect(again.actions.isEmpty, "\(random.replay) \(fields) \(custom) round \(round): \(again.actions.prefix(5))")
            // HR edits (every profile field, the email too), moves, supervisor changes, leavers and comebacks;
            // admins edit names, jobs and values.
            for id in employees.keys.sorted().shuffled(using: &random).prefix(8) {
                switch Int.random(in: 0..<10, using: &random) {
                case 0: employees[id]?.attributes["position"] = .text("Changed \(round)")
                case 1: employees[id]?.attributes["office"] = .text(RandomCompany.offices.randomElement(using: &random)!)
                case 2: employees[id]?.attributes["status"] = .text("inactive")
                case 3:
                    let boss = employees.keys.sorted().randomElement(using: &random)!
                    employees[id]?.attributes["supervisor"] = .employee(boss)
                case 4: employees[id]?.attributes["department"] = .text(RandomCompany.departments.randomElement(using: &random)!)
                case 5: employees[id]?.attributes["hire_date"] = .date("2024-0\(Int.random(in: 1...9, using: &random))-01")
                case 6: employees[id]?.attributes["first_name"] = .text("Renamed\(round)")
                case 7: employees[id]?.attributes["last_name"] = .text("Married\(round)")
                case 8: employees[id]?.attributes["email"] = .text("p\(id).r\(round)@acme.example")
                default: employees[id]?.attributes["status"] = .text("active")
                }
            }
            for userID in platform.lms.users.keys.sorted().shuffled(using: &random).prefix(4) where userID != "admin" {
                platform.lms.users[userID]?.job = "Admin's \(round)"
                platform.lms.users[userID]?.firstName = "Admin's first \(round)"
                platform.lms.users[userID]?.lastName = "Admin's last \(round)"
                if var values = platform.lms.users[userID]?.customValues, !values.isEmpty {
                    values[0].value = "admin-\(round)"
                    platform.lms.users[userID]?.customValues = values
                }
            }
            let hire = (employees.keys.max() ?? 0) + 1
            employees[hire] = RandomCompany.employee(hire, using: &random, supervisor: 1)
        }
    }

    /// The property: every write is allowed by the ownership of what it writes.
    static func check(_ plan: Plan, _ lms: LMSState, _ sync: SyncSettings, _ context: String) {
        // The users this plan creates or restores: create_only fields may be written for them.
        let restored = Set(plan.actions.filter { $0.kind == .restoreUser }.compactMap { $0.user?.existingID })
        func creating(_ action: PlanAction) -> Bool { action.user.map { $0.existingID.map(restored.contains) ?? true } ?? true }
        var ownershipByFieldID: [String: FieldOwnership] = [:]
        for mapping in sync.customFields {
            if let id = lms.fields.values.first(where: { $0.name == mapping.name })?.id { ownershipByFieldID[id] = mapping.apply }
        }
        for action in plan.actions {
            let allowed = { (ownership: FieldOwnership) in ownership.allowsWrite(creating: creating(action)) }
            switch action.change {
            case .createField(let name, _):
                #expect(sync.customFields.first { $0.name == name }?.apply != .never, "\(context): \(action)")
            case .createUser(let new):
                #expect(new.fields.keys.allSatisfy { sync.ownership($0).allowsCreate }, "\(context): \(action)")
            case .updateUser(let changes):
                #expect(changes.allSatisfy { allowed(sync.ownership($0.field)) }, "\(context): \(action)")
            case .setCustomValues(let before, let after):
                for (id, ownership) in ownershipByFieldID where !allowed(ownership) {
                    let was = before.filter { $0.field == .existing(id) }, will = after.filter { $0.field == .existing(id) }
                    #expect(was == will, "\(context): \(id) is \(ownership): \(action)")
                }
            case .addRole, .removeRole:
                #expect(allowed(sync.ownership(.group)), "\(context): \(action)")
            case .addManager, .removeManager:
                #expect(allowed(sync.ownership(.manager)), "\(context): \(action)")
            default:
                break
            }
        }
    }
}
