import Foundation
import HRSyncTestSupport

/// A synthetic company shaped like Personio's canonical employee records (about 450 B each),
/// with daily churn: hires, edits, department moves and terminations.
struct SyntheticCompany {
    static let firstNames = [
        "Anna", "Ben", "Chloé", "David", "Elif", "Fatima", "Görkem", "Hanna", "Ivan", "Jürgen", "Kai", "Léa", "Mateo", "Nora", "Oskar", "Paula", "Quentin",
        "Rosa", "Søren", "Tomasz", "Uma", "Viktor", "Wiebke", "Xavier", "Yara", "Zoë"
    ]
    static let lastNames = [
        "Müller", "Schmidt", "Dubois", "Kowalski", "Rossi", "García", "Nguyen", "Yılmaz", "Jensen", "Novák", "Papadopoulos", "Fischer", "Weber", "Martin",
        "Bernard", "Silva", "Andersson", "Horváth", "O'Brien", "Łukasik"
    ]
    static let offices = ["Berlin", "Munich", "Paris", "Madrid", "Remote", "Vienna"]
    static let departments = ["Engineering", "Sales", "Marketing", "Finance", "People", "Support", "Operations", "Legal", "Product", "Interns"]
    static let positions = [
        "Engineer", "Senior Engineer", "Account Executive", "Designer", "Analyst", "Manager", "Director", "Specialist", "Coordinator", "Consultant"
    ]
    static let statuses = ["active", "active", "active", "active", "active", "active", "onboarding", "leave", "inactive"]

    var random: SeededRandom
    var employees: [Int: [String: String]] = [:]
    var nextID = 6_200_000

    init(employees count: Int, seed: UInt64 = 42) {
        random = SeededRandom(seed: seed)
        for _ in 0..<count { hire() }
    }

    mutating func pick(_ list: [String]) -> String { list[Int(random.next() % UInt64(list.count))] }

    mutating func hire() {
        let id = nextID
        nextID += 1 + Int(random.next() % 3)
        let first = pick(Self.firstNames), last = pick(Self.lastNames)
        let year = 2010 + Int(random.next() % 16), month = 1 + Int(random.next() % 12), day = 1 + Int(random.next() % 28)
        let offset = (4...9).contains(month) ? "+02:00" : "+01:00"  // summer and winter dates
        employees[id] = [
            "id": String(id), "first_name": first, "last_name": last,
            "email": "\(first.lowercased()).\(last.lowercased()).\(id)@acme.example",
            "status": pick(Self.statuses), "position": pick(Self.positions),
            "office": pick(Self.offices), "department": pick(Self.departments), "team": "Team \(random.next() % 40)",
            "employment_type": random.next() % 10 == 0 ? "external" : "internal",
            "supervisor_id": employees.isEmpty ? "" : String(6_200_000 + Int(random.next() % UInt64(max(1, id - 6_200_000)))),
            "hire_date": String(format: "%04d-%02d-%02dT00:00:00%@", year, month, day, offset),
            "weekly_working_hours": ["40", "32", "20", "38.5"][Int(random.next() % 4)],
            "dynamic_1234567": "CC-\(1000 + random.next() % 90)",
            "last_modified_at": "2026-11-01T09:\(10 + random.next() % 50):00+01:00"
        ]
    }

    /// Leavers in the order they left: Personio deletes former employees after a retention
    /// period, so each hire replaces the longest-gone leaver and the company keeps its size.
    var leavers: [Int] = []

    /// One day's changes on `share` of the workforce: 30 % hires, 40 % edits or moves, 30 % terminations.
    mutating func churn(share: Double) {
        let events = max(1, Int((Double(employees.count) * share).rounded()))
        let ids = employees.keys.sorted()
        for index in 0..<events {
            let id = ids[Int(random.next() % UInt64(ids.count))]
            switch index % 10 {
            case 0, 1, 2:
                hire()
                if !leavers.isEmpty { employees[leavers.removeFirst()] = nil }
            case 3, 4:
                let position = pick(Self.positions)
                employees[id]?["position"] = position
            case 5, 6:
                let department = pick(Self.departments)
                employees[id]?["department"] = department
            default:
                if employees[id]?["status"] != "inactive" { leavers.append(id) }
                employees[id]?["status"] = "inactive"
            }
            employees[id]?["last_modified_at"] = "2026-11-\(10 + index % 18)T10:00:00+01:00"
        }
    }

    /// Canonical one-line JSON per employee, keyed by Personio id.
    func records() -> [String: Data] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var result: [String: Data] = [:]
        for (id, fields) in employees { result[String(id)] = try! encoder.encode(fields) }
        return result
    }
}
