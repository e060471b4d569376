import Foundation

/// Puts the emulated platform in the state a completed sync would leave: one user per wanted
/// Personio employee, with its `personio` mapping, a learner role in its office/department group,
/// its custom-field values and its manager. For tests of the nightly flow and the benchmarks.
extension Learning360Emulator {
    /// The three custom fields ``seedSynced(from:)`` fills, named as the sandbox's config names them.
    public static let seededFields = (hireDate: "Hire date", department: "Department", costCenter: "Cost center")

    /// For each active, onboarding or on-leave employee, adds what a completed sync would have created:
    /// the user, its mapping, a learner role, its custom values, its manager. Reuses fields that exist.
    public func seedSynced(from employees: [SandboxEmployee]) {
        let hire =
            fieldOrder.compactMap { fields[$0] }.first { $0.name == Self.seededFields.hireDate }?.id ?? addField(name: Self.seededFields.hireDate, type: "date")
        let department =
            fieldOrder.compactMap { fields[$0] }.first { $0.name == Self.seededFields.department }?.id
            ?? addField(name: Self.seededFields.department, type: "string")
        let cost =
            fieldOrder.compactMap { fields[$0] }.first { $0.name == Self.seededFields.costCenter }?.id
            ?? addField(name: Self.seededFields.costCenter, type: "string")
        var byPersonio: [Int: String] = [:]
        let wanted = employees.filter { ["active", "onboarding", "leave"].contains($0.status) }
        for e in wanted {
            let id = makeUser(mail: e.email, status: "active", firstName: e.firstName, lastName: e.lastName, job: e.position)
            byPersonio[e.id] = id
            addMapping(platform: "personio", user: id, value: String(e.id))
            addRole("learner", group: placement(office: e.office, department: e.department), user: id)
            var list = [LMSValue(fieldID: hire, type: "date", value: String(format: "%04d-%02d-%02d", e.hireDate.0, e.hireDate.1, e.hireDate.2))]
            if let d = e.department { list.append(LMSValue(fieldID: department, type: "string", value: d)) }
            list.append(LMSValue(fieldID: cost, type: "string", value: e.costCenter))
            values[id] = list
        }
        for e in wanted {
            guard let user = byPersonio[e.id], let boss = e.supervisorID.flatMap({ byPersonio[$0] }) else { continue }
            managers[user] = [boss]
        }
    }

    /// The deepest group under "Employees" named by office, then department.
    func placement(office: String?, department: String?) -> String {
        var current = employeesGroupID
        for name in [office, department] {
            guard let name, let child = groups.values.first(where: { $0.parentID == current && $0.name.lowercased() == name.lowercased() }) else { break }
            current = child.id
        }
        return current
    }
}
