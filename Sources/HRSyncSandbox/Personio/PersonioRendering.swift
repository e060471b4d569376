import Foundation

/// The v1 wire format of an employee, `{type: "Employee", attributes: {key: {label, value, type, universal_id}}}`,
/// with labels in the account's language (German by default, like many real accounts).
struct PersonioRendering {
    var language: String = "de"
    /// Attribute keys the API credential may not read: left out of every payload.
    var hidden: Set<String> = []
    /// Hidden attributes the attribute list still names (payloads never carry them).
    var listed: Set<String> = []

    static let customCostCenter = "dynamic_1234567"
    static let customSkills = "dynamic_7654321"

    static let labels: [String: (de: String, en: String)] = [
        "id": ("ID", "ID"), "first_name": ("Vorname", "First name"), "last_name": ("Nachname", "Last name"),
        "email": ("E-Mail", "Email"), "status": ("Status", "Status"), "position": ("Position", "Position"),
        "supervisor": ("Vorgesetzte:r", "Supervisor"), "employment_type": ("Beschäftigungsart", "Employment type"),
        "weekly_working_hours": ("Wochenstunden", "Weekly hours"), "hire_date": ("Eintrittsdatum", "Hire date"),
        "termination_date": ("Kündigungsdatum", "Termination date"), "office": ("Standort", "Office"),
        "department": ("Abteilung", "Department"), "team": ("Team", "Team"), "cost_centers": ("Kostenstelle", "Cost center"),
        "fix_salary": ("Festgehalt", "Fixed salary"), "last_modified_at": ("Zuletzt geändert", "Last modified"),
        customCostCenter: ("Kostenstelle (Code)", "Cost center code"), customSkills: ("Fähigkeiten", "Skills")
    ]

    func label(_ key: String) -> String {
        guard let pair = Self.labels[key] else { return key }
        return language == "de" ? pair.de : pair.en
    }

    func attribute(
        _ key: String, _ value: SandboxJSON, type: String = "standard", universalID: Bool = true,
        extra: [String: SandboxJSON] = [:]
    ) -> (String, SandboxJSON)? {
        guard !hidden.contains(key) else { return nil }
        var wrapper: [String: SandboxJSON] = [
            "label": .string(label(key)), "value": value, "type": .string(type),
            "universal_id": universalID ? .string(key) : .null
        ]
        wrapper.merge(extra) { _, new in new }
        return (key, .object(wrapper))
    }

    /// Midnight in Berlin of that day: `+02:00` in summer time, `+01:00` in winter.
    static func berlinMidnight(_ date: (Int, Int, Int)) -> String {
        let (y, m, d) = date
        let summer = (4...9).contains(m) || (m == 3 && d >= 29) || (m == 10 && d < 25)
        return String(format: "%04d-%02d-%02dT00:00:00%@", y, m, d, summer ? "+02:00" : "+01:00")
    }

    func render(_ e: SandboxEmployee, company: [Int: SandboxEmployee]) -> SandboxJSON {
        func named(_ type: String, _ name: String?, id: Int) -> SandboxJSON {
            guard let name else { return .null }
            return ["type": .string(type), "attributes": ["id": .int(id), "name": .string(name)]]
        }
        func nested(_ key: String, _ value: SandboxJSON, _ type: String) -> SandboxJSON {
            ["label": .string(label(key)), "value": value, "type": .string(type), "universal_id": .string(key)]
        }
        var supervisor: SandboxJSON = .null
        if let sid = e.supervisorID, let boss = company[sid] {
            supervisor = [
                "type": "Employee",
                "attributes": [
                    "id": nested("id", .int(boss.id), "integer"),
                    "first_name": nested("first_name", .string(boss.firstName), "standard"),
                    "last_name": nested("last_name", .string(boss.lastName), "standard"),
                    "email": nested("email", .string(boss.email), "standard")
                ]
            ]
        }
        // Tags come in the three shapes seen in the wild, varying by employee.
        let skills: SandboxJSON
        switch e.id % 3 {
        case 0: skills = .array(e.skills.map(SandboxJSON.string))
        case 1: skills = .string(e.skills.joined(separator: ","))
        default: skills = .string(String(decoding: SandboxJSON.array(e.skills.map(SandboxJSON.string)).data, as: UTF8.self))
        }
        let attributes: [(String, SandboxJSON)?] = [
            attribute("id", .int(e.id), type: "integer"),
            attribute("first_name", .string(e.firstName)), attribute("last_name", .string(e.lastName)),
            attribute("email", .string(e.email)), attribute("status", .string(e.status)), attribute("position", .string(e.position)),
            attribute("supervisor", supervisor),
            attribute("employment_type", .string(e.employmentType)),
            attribute("weekly_working_hours", .string(e.weeklyHours)),
            attribute("hire_date", .string(Self.berlinMidnight(e.hireDate)), type: "date"),
            attribute(
                "termination_date",
                e.terminationDate.map { .string(Self.berlinMidnight($0)) }
                    ?? (e.status == "inactive" ? .string(Self.berlinMidnight((2026, 6, 30))) : .null), type: "date"),
            attribute("office", named("Office", e.office, id: 200 + (e.office?.count ?? 0))),
            attribute("department", named("Department", e.department, id: 600 + (e.department?.count ?? 0))),
            attribute("team", named("Team", e.team, id: 900 + (e.team?.count ?? 0))),
            attribute("cost_centers", [["type": "CostCenter", "attributes": ["id": 7, "name": .string(e.costCenter), "percentage": 100]]]),
            attribute("fix_salary", .double(4200.5), type: "decimal", extra: ["currency": "EUR"]),
            attribute("last_modified_at", "2026-11-01T09:00:00+01:00", type: "date"),
            attribute(Self.customCostCenter, .string(e.costCenter), universalID: false),
            attribute(Self.customSkills, skills, type: "tags", universalID: false)
        ]
        return ["type": "Employee", "attributes": .object(Dictionary(uniqueKeysWithValues: attributes.compactMap { $0 }))]
    }

    func attributeList() -> SandboxJSON {
        let types: [String: String] = [
            "id": "integer", "hire_date": "date", "termination_date": "date", "last_modified_at": "date",
            "fix_salary": "decimal", Self.customSkills: "tags"
        ]
        return .array(
            Self.labels.keys.sorted().filter { !hidden.contains($0) || listed.contains($0) }.map { key in
                [
                    "key": .string(key), "label": .string(label(key)), "type": .string(types[key] ?? "standard"),
                    "universal_id": key.hasPrefix("dynamic_") ? .null : .string(key),
                    "options": .array(key == Self.customSkills ? CompanyGenerator.skills.map(SandboxJSON.string) : [])
                ]
            })
    }
}
