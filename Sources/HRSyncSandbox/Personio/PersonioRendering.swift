import Foundation

/// The v1 wire format of an employee, `{type: "Employee", attributes: {key: {label, value, type, universal_id}}}`,
/// with labels in the account's language (German by default, like many real accounts).
struct PersonioRendering {
    var language: String = "de"
    /// Attribute keys the API credential may not read: left out of every payload.
    var hidden: Set<String> = []

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
        customCostCenter: ("Kostenstelle (Code)", "Cost center code"), customSkills: ("Fähigkeiten", "Skills"),
    ]

    func label(_ key: String) -> String {
        guard let pair = Self.labels[key] else { return key }
        return language == "de" ? pair.de : pair.en
    }

    func attribute(_ key: String, _ value: Any?, type: String = "standard", universalID: Bool = true) -> (String, Any)? {
        guard !hidden.contains(key) else { return nil }
        return (key, ["label": label(key), "value": value ?? NSNull(), "type": type, "universal_id": universalID ? key as Any : NSNull()])
    }

    /// Midnight in Berlin of that day: `+02:00` in summer time, `+01:00` in winter.
    static func berlinMidnight(_ date: (Int, Int, Int)) -> String {
        let (y, m, d) = date
        let summer = (4...9).contains(m) || (m == 3 && d >= 29) || (m == 10 && d < 25)
        return String(format: "%04d-%02d-%02dT00:00:00%@", y, m, d, summer ? "+02:00" : "+01:00")
    }

    func render(_ e: SandboxEmployee, company: [Int: SandboxEmployee]) -> [String: Any] {
        func named(_ type: String, _ name: String?, id: Int) -> Any {
            guard let name else { return NSNull() }
            return ["type": type, "attributes": ["id": id, "name": name]]
        }
        var supervisor: Any = NSNull()
        if let sid = e.supervisorID, let boss = company[sid] {
            supervisor = ["type": "Employee", "attributes": [
                "id": ["label": label("id"), "value": boss.id, "type": "integer", "universal_id": "id"],
                "first_name": ["label": label("first_name"), "value": boss.firstName, "type": "standard", "universal_id": "first_name"],
                "last_name": ["label": label("last_name"), "value": boss.lastName, "type": "standard", "universal_id": "last_name"],
                "email": ["label": label("email"), "value": boss.email, "type": "standard", "universal_id": "email"],
            ]]
        }
        // Tags come in the three shapes seen in the wild, varying by employee.
        let skills: Any
        switch e.id % 3 {
        case 0: skills = e.skills
        case 1: skills = e.skills.joined(separator: ",")
        default: skills = String(data: try! JSONSerialization.data(withJSONObject: e.skills), encoding: .utf8)!
        }
        let attributes: [(String, Any)?] = [
            attribute("id", e.id, type: "integer"),
            attribute("first_name", e.firstName), attribute("last_name", e.lastName), attribute("email", e.email),
            attribute("status", e.status), attribute("position", e.position),
            attribute("supervisor", supervisor),
            attribute("employment_type", e.employmentType),
            attribute("weekly_working_hours", e.weeklyHours),
            attribute("hire_date", Self.berlinMidnight(e.hireDate), type: "date"),
            attribute("termination_date", e.status == "inactive" ? Self.berlinMidnight((2026, 6, 30)) : nil, type: "date"),
            attribute("office", named("Office", e.office, id: 200 + (e.office?.count ?? 0))),
            attribute("department", named("Department", e.department, id: 600 + (e.department?.count ?? 0))),
            attribute("team", named("Team", e.team, id: 900 + (e.team?.count ?? 0))),
            attribute("cost_centers", [["type": "CostCenter", "attributes": ["id": 7, "name": e.costCenter, "percentage": 100]]]),
            attribute("fix_salary", 4200.5, type: "decimal").map { ($0.0, ($0.1 as! [String: Any]).merging(["currency": "EUR"]) { a, _ in a }) },
            attribute("last_modified_at", "2026-11-01T09:00:00+01:00", type: "date"),
            attribute(Self.customCostCenter, e.costCenter, universalID: false),
            attribute(Self.customSkills, skills, type: "tags", universalID: false),
        ]
        return ["type": "Employee", "attributes": Dictionary(uniqueKeysWithValues: attributes.compactMap { $0 })]
    }

    func attributeList() -> [[String: Any]] {
        let types: [String: String] = ["id": "integer", "hire_date": "date", "termination_date": "date", "last_modified_at": "date",
                                       "fix_salary": "decimal", Self.customSkills: "tags"]
        return Self.labels.keys.sorted().filter { !hidden.contains($0) }.map { key in
            ["key": key, "label": label(key), "type": types[key] ?? "standard",
             "universal_id": key.hasPrefix("dynamic_") ? NSNull() : key,
             "options": key == Self.customSkills ? CompanyGenerator.skills : []] as [String: Any]
        }
    }
}
