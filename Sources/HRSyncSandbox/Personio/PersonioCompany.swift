import Foundation

/// One employee in the emulated Personio: the sandbox's own model, rendered to the v1 wire
/// format by `PersonioRendering`.
public struct SandboxEmployee: Sendable, Equatable {
    /// Personio's numeric employee id; generated companies start at 1000.
    public var id: Int
    /// Given name; generated ones include non-ASCII letters (Björn, Siobhán, Ærin).
    public var firstName: String
    /// Family name; generated ones include `O'Brien`, `Łukasik` and `Van der Berg`.
    public var lastName: String
    /// Work mail; generated as `first.last.<id>@acme.example`, so unique.
    public var email: String
    /// Personio's v1 status: `active`, `onboarding`, `leave` or `inactive`.
    public var status: String
    /// Free-text job title, e.g. `Werkstudent`.
    public var position: String
    /// The supervisor's employee id; nil at the top of the tree.
    public var supervisorID: Int?
    /// Office name, rendered as Personio's `Office` object; nil for none.
    public var office: String?
    /// Department name, rendered as a `Department` object; nil for none.
    public var department: String?
    /// Team name, rendered as a `Team` object; nil for none.
    public var team: String?
    /// `internal` or `external`.
    public var employmentType: String
    /// (year, month, day); rendered at midnight German time (+01:00 winter, +02:00 summer).
    public var hireDate: (Int, Int, Int)
    /// Weekly hours as text (`"38.5"`), as Personio sends them.
    public var weeklyHours: String
    /// Cost center code, sent both in `cost_centers` and as the custom attribute `dynamic_1234567`.
    public var costCenter: String
    /// Skill tags (custom `dynamic_7654321`), rendered in one of the three shapes Personio sends tags in.
    public var skills: [String]
    /// (year, month, day) once HR enters one; an inactive employee without one shows 2026-06-30.
    public var terminationDate: (Int, Int, Int)? = nil

    /// Field by field, dates included (tuples are not `Equatable`).
    public static func == (a: SandboxEmployee, b: SandboxEmployee) -> Bool {
        a.id == b.id && a.firstName == b.firstName && a.lastName == b.lastName && a.email == b.email && a.status == b.status
            && a.position == b.position && a.supervisorID == b.supervisorID && a.office == b.office && a.department == b.department
            && a.team == b.team && a.employmentType == b.employmentType && a.hireDate == b.hireDate && a.weeklyHours == b.weeklyHours
            && a.costCenter == b.costCenter && a.skills == b.skills
            && a.terminationDate.map { [$0.0, $0.1, $0.2] } == b.terminationDate.map { [$0.0, $0.1, $0.2] }
    }
}

/// Deterministic synthetic companies: the same seed gives the same people, so tests and the
/// demo can be compared run to run.
public struct CompanyGenerator: Sendable {
    static let firstNames = [
        "Anna", "Björn", "Chloé", "Dariusz", "Elif", "Fatima", "Görkem", "Hanna", "Ingrid", "Jürgen", "Kai", "Léa", "Mateo", "Nora", "Øyvind", "Paula",
        "Quentin", "Rosa", "Søren", "Tomasz", "Uma", "Viktor", "Wiebke", "Xavier", "Yara", "Zoë", "José", "Ma", "Siobhán", "Ærin"
    ]
    static let lastNames = [
        "Müller", "Schmidt", "Dubois", "Kowalski", "Rossi", "García", "Nguyen", "Yılmaz", "Jensen", "Novák", "Papadopoulos", "Fischer", "Weber", "O'Brien",
        "Łukasik", "Núñez", "Støre", "Björk", "Ďurica", "Van der Berg"
    ]
    /// The office names employees are placed in; the emulated platform has a group for each.
    public static let offices = ["Berlin", "München", "Paris", "Madrid", "Remote"]
    /// The department names; the emulated platform has a group for each under every office.
    public static let departments = ["Engineering", "Sales", "Marketing", "Finance", "People", "Support", "Operations", "Interns"]
    static let positions = [
        "Engineer", "Senior Engineer", "Account Executive", "Designer", "Analyst", "Team Lead", "Director", "Specialist", "Coordinator", "Werkstudent"
    ]
    static let skills = ["Excel", "CI/CD", "Power-Point", "Negotiation", "Swift", "SQL", "Français"]

    var state: UInt64

    /// A generator for the company of `seed`; the same seed gives the same people.
    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func pick<T>(_ list: [T]) -> T { list[Int(next() % UInt64(list.count))] }
    mutating func chance(_ percent: UInt64) -> Bool { next() % 100 < percent }

    /// `count` employees with ids from 1000, a supervisor tree (each reports to an earlier one),
    /// statuses mostly active with some onboarding, leave and inactive.
    public mutating func company(count: Int) -> [SandboxEmployee] {
        var people: [SandboxEmployee] = []
        people.reserveCapacity(count)
        for index in 0..<count {
            let supervisor = index == 0 ? nil : people[Int(next() % UInt64(min(index, max(1, index / 8 + 1))))].id
            people.append(employee(id: 1000 + index, supervisorID: supervisor))
        }
        return people
    }

    /// The generator's next employee, with that id and supervisor.
    public mutating func employee(id: Int, supervisorID: Int?) -> SandboxEmployee {
        let first = pick(Self.firstNames), last = pick(Self.lastNames)
        let status: String = chance(85) ? "active" : pick(["onboarding", "leave", "inactive"])
        let domainName = first.lowercased().folding(options: .diacriticInsensitive, locale: nil).filter { $0.isASCII && $0.isLetter }
        let lastName = last.lowercased().folding(options: .diacriticInsensitive, locale: nil).filter { $0.isASCII && $0.isLetter }
        return SandboxEmployee(
            id: id, firstName: first, lastName: last,
            email: "\(domainName).\(lastName).\(id)@acme.example",
            status: status, position: pick(Self.positions), supervisorID: supervisorID,
            office: chance(95) ? pick(Self.offices) : nil, department: pick(Self.departments),
            team: chance(60) ? "Team \(next() % 12)" : nil,
            employmentType: chance(90) ? "internal" : "external",
            hireDate: (2012 + Int(next() % 14), 1 + Int(next() % 12), 1 + Int(next() % 28)),
            weeklyHours: pick(["40", "32", "20", "38.5"]),
            costCenter: "CC-\(100 + next() % 40)",
            skills: (0..<Int(next() % 3)).map { _ in pick(Self.skills) })
    }
}
