import Foundation
import HRSyncCore
import HRSyncEngine

/// `plan-100k`: the pure planner alone on N employees against a platform that is already in sync
/// (and that hrsync made, so it owns the roles, manager links and values) except for 0.5 % churn (edits, moves, terminations, hires): time and peak memory (RSS) of the scenario: building its input and planning.
struct PlanBenchmark {
    var employees: Int

    struct Result: Codable {
        var employees: Int
        var actions: Int
        var plan_ms: Double
        var peak_rss_mb: Double
    }

    static let offices = ["Berlin", "Paris", "Madrid", "Remote"], departments = ["Sales", "Engineering", "People", "Finance"]

    func run() throws -> Result {
        var people: [Int: Employee] = [:]
        var lms = LMSState()
        var ownership = Ownership()
        ownership.fieldIDs = ["f1"]
        lms.groups["r"] = LMSGroupRecord(id: "r", name: "ACME", parentID: nil, isPublic: false)
        lms.groups["t"] = LMSGroupRecord(id: "t", name: "Employees", parentID: "r", isPublic: true)
        for o in Self.offices {
            lms.groups[o] = LMSGroupRecord(id: o, name: o, parentID: "t", isPublic: true)
            for d in Self.departments { lms.groups["\(o)/\(d)"] = LMSGroupRecord(id: "\(o)/\(d)", name: d, parentID: o, isPublic: true) }
        }
        lms.fields["f1"] = LMSFieldRecord(id: "f1", name: "Hire date", type: "date")
        lms.users["admin"] = LMSUserRecord(id: "admin", mail: "lms-admin@acme.example", status: "active", firstName: nil, lastName: nil, job: nil, lang: "en")
        lms.admin = LMSAdminRecord(mail: "lms-admin@acme.example", userID: "admin", status: "active", rootRoles: ["owner"])
        for id in 1...employees {
            let office = Self.offices[id % 4], department = Self.departments[(id / 4) % 4]
            let supervisor = id > 1 ? id / 10 + 1 : nil
            var attributes: [String: AttributeValue] = [
                "first_name": .text("First\(id)"), "last_name": .text("Last\(id)"), "email": .text("p\(id)@acme.example"), "status": .text("active"),
                "position": .text("Role \(id % 13)"), "office": .text(office), "department": .text(department), "hire_date": .date("2020-01-\(10 + id % 18)")
            ]
            if let supervisor, supervisor != id { attributes["supervisor"] = .employee(supervisor) }
            people[id] = Employee(id: id, attributes: attributes)
            let user = "u\(id)"
            lms.users[user] = LMSUserRecord(
                id: user, mail: "p\(id)@acme.example", status: "active", firstName: "First\(id)", lastName: "Last\(id)",
                job: "Role \(id % 13)", lang: "en", customValues: [LMSCustomValue(fieldID: "f1", type: "date", value: "2020-01-\(10 + id % 18)")],
                managers: supervisor.flatMap { $0 != id ? ["u\($0)"] : nil } ?? [])
            lms.mappings[String(id)] = LMSMappingRecord(personioID: String(id), userID: user, mappingID: "m\(id)")
            let role = RoleKey(group: "\(office)/\(department)", user: user)
            lms.memberships[role] = LMSMembershipRecord(groupID: role.group, userID: user, roles: ["learner"])
            // hrsync made this platform: it owns the roles, links and values it wrote (SYNC-RULES §4–§6).
            ownership.learnerRoles.insert(role)
            if let supervisor, supervisor != id { ownership.managerLinks.insert(ManagerLink(user: user, manager: "u\(supervisor)")) }
        }
        // 0.5 % churn.
        for k in 0..<(employees / 200) {
            let id = 1 + (k * 7919) % employees
            switch k % 4 {
            case 0: people[id]?.attributes["position"] = .text("Changed")
            case 1: people[id]?.attributes["office"] = .text(Self.offices[(id + 1) % 4])
            case 2: people[id]?.attributes["status"] = .text("inactive")
            default:
                people[employees + k + 1] = Employee(id: employees + k + 1, attributes: ["email": .text("new\(k)@acme.example"), "status": .text("active")])
            }
        }
        let config = try ConfigLoader.load(
            yaml: """
                personio: {}
                learning360: {admin_email: lms-admin@acme.example}
                sync:
                  groups: [{id: 000000000000000000000000, hierarchy: [office, department]}]
                  custom_fields: [{personio: hire_date, name: Hire date}]
                  max_deletes: 5%
                """, file: "bench.yaml")
        var synced = config
        synced.sync.groups[0].id = "t"
        let start = ContinuousClock.now
        let plan = try Planner.plan(Planner.Input(employees: people, lms: lms, config: synced, ownership: ownership), parts: ConcurrentParts())
        let ms = milliseconds(since: start)
        return Result(employees: employees, actions: plan.actions.count, plan_ms: ms, peak_rss_mb: PeakMemory.megabytes())
    }
}

/// The process's peak resident set (VmHWM; getrusage where /proc is missing).
enum PeakMemory {
    static func megabytes() -> Double {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
        {
            return kb / 1024
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

extension PlanBenchmark {
    /// Runs the scenario in a fresh process of this program, so that its peak RSS is the planner's
    /// own and not what earlier scenarios of the same run left allocated.
    func runInChildProcess() throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ChildProcess.thisProgram)
        process.arguments = ["plan-100k", "--json", "--plan-employees", String(employees)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        struct Report: Decodable {
            let result: Result
            enum CodingKeys: String, CodingKey { case result = "plan-100k" }
        }
        return try JSONDecoder().decode(Report.self, from: data).result
    }
}
