/// SYNC-RULES §2, identity changes made visible: a create that is probably not a new person.
/// Under `match: [email]` an employee whose email changed in Personio finds no user and gets a new
/// one; when a leaver's user is deleted in the same plan that creates a user for someone with the
/// same name and hire date, it is probably one person under a new Personio id. Neither is acted
/// on differently (the delete still counts under the deletion guard): the plan says it in a warning.
public enum IdentityChange {
    /// The warnings for `actions`: one per create that looks like an existing or deleted user.
    public static func notes(
        _ actions: [PlanAction], employees: [Int: Employee], lms: LMSState, match: [MatchKey]
    ) -> [PlanNote] {
        let created = actions.filter { $0.kind == .createUser }.compactMap(\.person)
        guard !created.isEmpty else { return [] }
        let deleted = actions.filter { $0.kind == .deleteUser }.compactMap { action in action.person.map { ($0, action.user?.existingID) } }
        var notes: [PlanNote] = []
        for person in created {
            guard let employee = employees[person.personioID] else { continue }
            if !match.contains(.externalID), let mapped = mappedUser(of: employee, in: lms) {
                notes.append(PlanNote(.identityChange, people: [person], users: [mapped.id], values: ["via": "mapping"]))
            } else if let (leaver, user) = deleted.first(where: { samePerson(employees[$0.0.personioID], employee) }) {
                notes.append(PlanNote(.identityChange, people: [person, leaver], users: user.map { [$0] } ?? [], values: ["via": "name_and_hire_date"]))
            }
        }
        return notes
    }

    /// The user (live or deleted: a rehire under a new email) the `personio` mapping names for this employee, when its email is another one.
    static func mappedUser(of employee: Employee, in lms: LMSState) -> LMSUserRecord? {
        guard let id = lms.mappings[String(employee.id)]?.userID, let user = lms.users[id] else { return nil }
        let now = employee.email.map(MatchRule.normalize)
        return user.mail.map(MatchRule.normalize) == now ? nil : user
    }

    /// Another employee with the same first name, last name and hire date (all three present).
    static func samePerson(_ leaver: Employee?, _ hire: Employee) -> Bool {
        guard let leaver, leaver.id != hire.id else { return false }
        let keys = [PersonioKey.firstName, PersonioKey.lastName, PersonioKey.hireDate]
        return keys.allSatisfy { key in
            guard let a = leaver.text(key)?.trimmed, let b = hire.text(key)?.trimmed, !a.isEmpty else { return false }
            return a.lowercasedForMatching == b.lowercasedForMatching
        }
    }
}
