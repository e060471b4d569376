import Foundation
import HRSyncTestSupport
import Testing

@testable import HRSyncCore

/// The planner is rewritten for speed, never for output: a 20,000-employee company after a day
/// of every kind of change plans to the same bytes as the planner of before those rewrites (the
/// fingerprints below were taken with the code of 1882de7). A fixed seed, not the run's: the
/// company must be the same in every run. A planner change that alters plans on purpose updates
/// them and says why in its commit.
@Suite struct PlanIdentityTests {
    /// FNV-1a over the plan's canonical bytes, and their count.
    static func fingerprint(_ plan: Plan) throws -> String {
        let bytes = try CanonicalJSON.encode(plan)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "\(String(hash, radix: 16)) \(bytes.count)"
    }

    /// The company, the platform one sync made of it, then a day of changes on both sides.
    static func company(employees count: Int) throws -> (input: Planner.Input, targets: Set<Int>) {
        var random = SeededRandom(seed: 20_000)
        var employees: [Int: Employee] = [:]
        for id in 1...count {
            employees[id] = RandomCompany.employee(id, using: &random, supervisor: id > 3 ? Int.random(in: 1..<id, using: &random) : nil)
        }
        var platform = InMemoryPlatform(RandomCompany.platform())
        platform.apply(try Planner.plan(try PlannerTests.input(employees, platform.lms)))
        let ids = employees.keys.sorted()
        // Personio's day: moves, leavers, rehires, new supervisors (loops and their own too), new
        // and shared emails, new titles and dates, hires with and without a usable email.
        for id in ids.shuffled(using: &random).prefix(count / 20) {
            switch Int.random(in: 0..<12, using: &random) {
            case 0: employees[id]?.attributes["office"] = .text(RandomCompany.offices.randomElement(using: &random)!)
            case 1: employees[id]?.attributes["department"] = .text(RandomCompany.departments.randomElement(using: &random)!)
            case 2: employees[id]?.attributes["status"] = .text("inactive")
            case 3: employees[id]?.attributes["status"] = .text("active")
            case 4: employees[id]?.attributes["supervisor"] = .employee(ids.randomElement(using: &random)!)
            case 5: employees[id]?.attributes["supervisor"] = .employee(id)
            case 6: employees[id]?.attributes["email"] = .text("renamed\(id)@acme.example")
            case 7: employees[id]?.attributes["email"] = .text("shared\(id % 7)@acme.example")
            case 8: employees[id]?.attributes["position"] = Bool.random(using: &random) ? .text("Changed") : .empty
            case 9: employees[id]?.attributes["hire_date"] = .date("2026-0\(Int.random(in: 1...9, using: &random))-01")
            case 10: employees[id]?.attributes["email"] = .text(" P\(id)@ACME.example ")
            default: employees[id]?.attributes["department"] = .empty
            }
        }
        for hire in (count + 1)...(count + count / 100) {
            var employee = RandomCompany.employee(hire, using: &random, supervisor: ids.randomElement(using: &random)!)
            if hire % 9 == 0 { employee.attributes["email"] = nil }
            if hire % 11 == 0 { employee.attributes["email"] = .text("not an email") }
            employees[hire] = employee
        }
        // 360Learning's day: users deleted and edited by hand, a user of a hire's email made by
        // hand, one spelled in another case, a value changed, a mapping to the wrong person.
        var lms = platform.lms
        for user in lms.users.keys.sorted().shuffled(using: &random).prefix(count / 50) where user != "admin" {
            switch Int.random(in: 0..<5, using: &random) {
            case 0: lms.users[user]?.status = "deleted"
            case 1: lms.users[user]?.firstName = "Edited"
            case 2: lms.users[user]?.customValues = []
            case 3: lms.users[user]?.managers = []
            default:
                let shouted = lms.users[user]?.mail?.uppercased()
                lms.users[user]?.mail = shouted
            }
        }
        for hire in stride(from: count + 1, through: count + count / 100, by: 5) {
            lms.users["hand-\(hire)"] = LMSUserRecord(
                id: "hand-\(hire)", mail: "p\(hire)@acme.example", status: "active", firstName: nil, lastName: nil, job: nil, lang: "fr",
                customValues: [], managers: [])
        }
        lms.users["twin"] = LMSUserRecord(id: "twin", mail: "P10@acme.example", status: "active", firstName: nil, lastName: nil, job: nil, lang: nil)
        lms.mappings["999999"] = LMSMappingRecord(personioID: "999999", userID: "u-12", mappingID: "m-wrong")
        var input = try PlannerTests.input(employees, lms, ownership: platform.ownership, maxDeletes: "1%")
        input.today = "2026-12-07"
        return (input, Set(ids.shuffled(using: &random).prefix(count / 10)))
    }

    @Test func aDayAt20000EmployeesPlansToTheSameBytesAsBefore() throws {
        let (input, targets) = try Self.company(employees: 20_000)
        let plan = try Planner.plan(input, splitFrom: .max)
        #expect(plan.actions.count > 1_000 && plan.warnings.count > 100 && plan.conflicts.count > 10)
        let whole = try Self.fingerprint(plan)
        #expect(whole == "fa075bbb59736f0d 1205806", "\(plan.summary) \(plan.warnings.count) warnings \(plan.conflicts.count) conflicts")
        #expect(try Planner.plan(input, splitFrom: 2) == plan, "in two halves")
        #expect(try Planner.plan(input, parts: BackwardParts(), splitFrom: 2) == plan, "in two halves, the second first")
        var targeted = input
        targeted.targets = targets
        let onlySome = try Planner.plan(targeted, splitFrom: 2)
        #expect(onlySome.actions.count > 50)
        let targetedPart = try Self.fingerprint(onlySome)
        #expect(targetedPart == "d5da849973ce1e6a 97220", "\(onlySome.summary)")
    }
}
