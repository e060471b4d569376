import Foundation
import HRSyncCore
import HRSyncHTTP
import HRSyncStore
import Learning360
import Personio

/// `plan|apply --person P`: pull only those people, in seconds rather than the minutes a full pull
/// of a large company takes (like terraform's `-target`). Personio: each person by id, or the
/// list filtered by email, and their supervisors (for the manager rule); 360Learning: each one's
/// user by mail and by external id, its values, roles and managers, plus the group tree, the
/// field definitions and the connector admin. Stored as partial snapshots that do not move the
/// refs (the next full pull compares with the last full one) and logged as such.
public struct TargetedPull: Sendable {
    /// The partial snapshots stored, and what the targeted plan is computed from.
    public struct Outcome: Sendable {
        /// The partial Personio snapshot (stored, logged, never a ref).
        public var personioSnapshot: ObjectID
        /// The partial 360Learning snapshot (stored, logged, never a ref).
        public var learning360Snapshot: ObjectID
        /// The Personio ids planned for (supervisors are read, not planned).
        public var targets: Set<Int>
        /// The targets, their supervisors and anyone sharing a target's email, by Personio id.
        public var employees: [Int: Employee]
        /// The platform as far as these people's plan needs it: their users with values, roles and managers, plus
        /// the group tree, the field definitions and the connector admin.
        public var lms: LMSState
        /// What was skipped or capped while reading, and the people only 360Learning knows.
        public var warnings: [PlanNote]
    }

    /// Ends the run before anything is stored (exit 1), so a mistyped `--person` plans nothing.
    public enum Failure: Error, LocalizedError, Equatable {
        /// The people, as given, that neither Personio nor 360Learning knows.
        case notFound([String])

        /// Who was not found, and what `--person` takes.
        public var errorDescription: String? {
            switch self {
            case .notFound(let people):
                "no Personio employee and no 360Learning user '\(people.joined(separator: "', '"))': check the Personio id or email (--person takes either)"
            }
        }
    }

    let config: HRSyncConfig
    let state: StateDirectory
    let personio: any PersonioSource
    let learning360: any Learning360API
    /// As given: Personio ids or emails.
    let people: [String]
    var now: Date

    /// `people` as `--person` gives them: Personio ids (`1004`, `#1004`) or emails.
    public init(
        config: HRSyncConfig, state: StateDirectory, personio: any PersonioSource, learning360: any Learning360API, people: [String], now: Date = Invocation.now
    ) {
        self.config = config
        self.state = state
        self.personio = personio
        self.learning360 = learning360
        self.people = people
        self.now = now
    }

    /// Reads the people and what their plan needs, stores both partial snapshots and logs the pull. Throws
    /// `Failure.notFound` when someone is unknown to both vendors, and the clients' errors as they come.
    public func run() async throws -> Outcome {
        async let lmsBase = readPlatform()
        var (employees, targets, unknown, warnings) = try await readPeople()
        let base = try await lmsBase
        var lms = base.0
        warnings += base.1
        for supervisor in Set(targets.compactMap { employees[$0]?.supervisorID }) where employees[supervisor] == nil {
            let read = try await personio.employee(id: supervisor, keep: AttributeSelection.keys(for: config.sync), knownTypes: [:])
            // Only the one asked for: the planner reads each employee under its own id.
            if let boss = read.employees.first, boss.id == supervisor { employees[supervisor] = boss }
            let capped = read.notes.filter { !warnings.contains($0) }
            warnings += capped
        }
        try await readUsers(of: employees, targets: targets, into: &lms, notes: &warnings)
        // A person Personio does not know may still be a 360Learning user: nothing to plan, but not an error.
        var missing: [String] = []
        for person in unknown {
            var users: [LMSUserDTO] = [], mapped: [ExternalIDDTO] = []
            switch PersonQuery(person) {
            case .personioID(let id)?: mapped = try await learning360.externalIDs(platform: Learning360Pull.platform, value: String(id), targetID: nil)
            case let query? where query.looksLikeEmail: users = try await learning360.users(mail: person, status: nil)
            default: break
            }
            if users.isEmpty && mapped.isEmpty {
                missing.append(person)
            } else {
                warnings.append(PlanNote(.notInPersonio, values: ["given": person]))
            }
        }
        guard missing.isEmpty else { throw Failure.notFound(missing) }

        let asked = people.joined(separator: ", ")
        let personioID = try state.snapshots.write(
            Snapshot(
                kind: PersonioSnapshotRecords.kind, takenAt: now,
                meta: [
                    "base_url": config.personio.baseURL, "employees": String(employees.count), StateDirectory.partialMeta: "true"
                ], records: try PersonioSnapshotRecords.encode(Array(employees.values))), parent: nil)
        let lmsID = try state.snapshots.write(
            Snapshot(
                kind: LMSSnapshotRecords.kind, takenAt: now,
                meta: [
                    "base_url": config.learning360.baseURL, "users": String(lms.users.count), StateDirectory.partialMeta: "true"
                ], records: try LMSSnapshotRecords.encode(lms)), parent: nil)
        let touched = targets.flatMap { PersonQuery.keys(personioID: $0, email: employees[$0]?.email) }
        try state.log.append(
            Invocation.event(
                .pull, writes: [personioID, lmsID],
                summary:
                    "targeted pull for \(asked): \(Plural.count(employees.count, "employee")), \(Plural.count(lms.users.count, "user")) (partial snapshots; refs unchanged)",
                people: touched.sorted()))
        return Outcome(personioSnapshot: personioID, learning360Snapshot: lmsID, targets: targets, employees: employees, lms: lms, warnings: warnings)
    }

    /// Each person by id or email, and anyone else Personio lists with the same email (so a
    /// shared email is the conflict it is in a full plan). Only answers that are what was asked
    /// for are kept. Returns the employees, the targets' ids, and who Personio does not know.
    func readPeople() async throws -> ([Int: Employee], Set<Int>, [String], [PlanNote]) {
        let keep = AttributeSelection.keys(for: config.sync)
        var employees: [Int: Employee] = [:], targets = Set<Int>(), unknown: [String] = [], warnings: [PlanNote] = []
        func sameEmail(_ email: String) async throws -> [Employee] {
            let list = try await personio.employees(email: email, keep: keep, knownTypes: [:])
            let capped = list.notes.filter { !warnings.contains($0) }  // an employee read twice is noted once
            warnings += capped
            warnings += list.skipped.map { skipped in
                let person = PersonRef(personioID: skipped.employeeID ?? -1, name: "", email: skipped.employeeID == nil ? email : nil)
                return PlanNote(.employeeSkipped, people: [person], values: ["reason": skipped.reason])
            }
            return list.employees.filter { $0.email.map(MatchRule.normalize) == MatchRule.normalize(email) }
        }
        for person in people {
            // The Personio filter gets the address as given (trimmed): whether it ignores case is not documented.
            let text = person.trimmed
            switch PersonQuery(text) {
            case .personioID(let id)?:
                let read = try await personio.employee(id: id, keep: keep, knownTypes: [:])
                guard let employee = read.employees.first, employee.id == id else { unknown.append(text); continue }
                let capped = read.notes.filter { !warnings.contains($0) }
                warnings += capped
                employees[id] = employee
                targets.insert(id)
                if let email = employee.email {
                    for other in try await sameEmail(email) where employees[other.id] == nil { employees[other.id] = other }
                }
            case .email?:
                let found = try await sameEmail(text)
                if found.isEmpty { unknown.append(text) }
                for employee in found {
                    employees[employee.id] = employee
                    targets.insert(employee.id)
                }
            case nil:
                unknown.append(text)
            }
        }
        return (employees, targets, unknown, warnings)
    }

    /// What every plan needs whoever it is for: groups, field definitions, the connector admin;
    /// and a note per record skipped for its id.
    func readPlatform() async throws -> (LMSState, [PlanNote]) {
        async let groupsList = learning360.groups()
        async let fieldsList = learning360.customFields()
        var lms = LMSState()
        var notes: [PlanNote] = []
        lms.add(try await groupsList, notes: &notes)
        lms.add(try await fieldsList, notes: &notes)
        let mail = config.learning360.adminEmail
        let admins = try await learning360.users(mail: mail, status: nil).withValidIDs("user", \._id, positions: false, notes: &notes)
        let admin = LMSState.connectorAdmin(mail: mail, among: admins.map { LMSUserRecord($0, notes: &notes) })
        if let admin { lms.users[admin.id] = admin }
        try await lms.setAdmin(mail: mail, user: admin, client: learning360)
        return (lms, notes)
    }

    /// The users of these employees, by mail and by mapping (both ways, so a conflict shows as it
    /// would in a full pull); the targets' values, managers and roles in the synced subtrees.
    func readUsers(of employees: [Int: Employee], targets: Set<Int>, into lms: inout LMSState, notes: inout [PlanNote]) async throws {
        let client = learning360
        var detailed = Set<String>()
        for employee in employees.values.sorted(by: { $0.id < $1.id }) {
            var found: [String] = []
            let mappings = try await client.externalIDs(platform: Learning360Pull.platform, value: String(employee.id), targetID: nil).filter {
                $0.targetType == "user"
            }
            for mapping in mappings.withValidIDs("external-id mapping", \.targetId, which: "user id", person: \.value, positions: false, notes: &notes) {
                lms.mappings[mapping.value] = LMSMappingRecord(mapping)
                if lms.users[mapping.targetId] == nil, let user = try? await client.user(mapping.targetId) {
                    lms.users[user._id] = LMSUserRecord(user, notes: &notes)
                }
                found.append(mapping.targetId)
            }
            if let mail = employee.email?.trimmingCharacters(in: .whitespaces) {
                // Whether mail[eq] ignores case is not documented: the address as Personio has it, and lowercased.
                var users = try await client.users(mail: mail, status: nil)
                if mail.lowercased() != mail {
                    users += try await client.users(mail: mail.lowercased(), status: nil).filter { u in !users.contains { $0._id == u._id } }
                }
                let sameMail = users.filter { $0.mail.map(MatchRule.normalize) == MatchRule.normalize(mail) }
                for user in sameMail.withValidIDs("user", \._id, positions: false, notes: &notes) {
                    lms.users[user._id] = LMSUserRecord(user, notes: &notes)
                    found.append(user._id)
                    // Its own mapping, if it has one for another Personio id (a conflict the planner reports).
                    for mapping in try await client.externalIDs(platform: Learning360Pull.platform, value: nil, targetID: user._id)
                    where lms.mappings[mapping.value] == nil {
                        lms.mappings[mapping.value] = LMSMappingRecord(mapping)
                    }
                }
            }
            if targets.contains(employee.id) { detailed.formUnion(found.filter { lms.users[$0] != nil }) }
        }
        let tree = GroupTree(lms.groups)
        let synced = Set(config.sync.groups.flatMap { tree.subtree(of: $0.id) })
        let wantValues = !config.sync.customFields.isEmpty
        try await forEachConcurrently(detailed.sorted(), width: 4) { id in
            async let managers = client.managers(of: id)
            async let roles = client.roles(ofUser: id)
            let values = wantValues ? try await client.customValues(of: id) : nil
            return (values, try await managers, try await roles)
        } collect: { id, details in
            lms.users[id]?.customValues = details.0.flatMap { LMSUserRecord.values($0, of: id, notes: &notes) }
            lms.users[id]?.managers = details.1
            for entry in details.2 {
                guard let group = entry.groupId, synced.contains(group) else { continue }
                lms.addRole(entry.role, group: group, user: id)
            }
        }
        lms.sortRoles()
    }
}
