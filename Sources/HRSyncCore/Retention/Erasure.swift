import Foundation

/// Who `hrsync forget` erases, and how each stored thing is rewritten without them. Pure: the
/// store feeds it records, plans and log text and writes back what it returns.
public struct ErasedPerson: Sendable, Equatable {
    public var personioIDs: Set<Int> = []
    public var emails: Set<String> = []        // lowercased
    public var names: Set<String> = []         // first, last and full names as stored
    public var userIDs: Set<String> = []       // their 360Learning users
    /// `forgotten:<12 hex>`, what the log shows instead of them; random, so it links to nobody.
    public var tombstone: String

    public init(tombstone: String) {
        self.tombstone = tombstone
    }

    public var isEmpty: Bool { personioIDs.isEmpty && emails.isEmpty && userIDs.isEmpty }

    /// Learns who PERSON (a Personio id or an email) is from one snapshot's records; call it
    /// for every snapshot, Personio first (a 360Learning user is theirs by mapping or by email).
    public mutating func learn(from records: [String: Data], kind: String, person: String) {
        if kind == PersonioSnapshotRecords.kind {
            let decoder = JSONDecoder()
            for (key, data) in records {
                guard let employee = try? decoder.decode(Employee.self, from: data) else { continue }
                let matches = key == person || employee.email.map { MatchRule.normalize($0) == MatchRule.normalize(person) } == true
                    || personioIDs.contains(employee.id)
                guard matches else { continue }
                personioIDs.insert(employee.id)
                if let mail = employee.email, !mail.isEmpty { emails.insert(MatchRule.normalize(mail)) }
                addNames(employee.firstName, employee.lastName)
            }
            if let id = Int(person) { personioIDs.insert(id) }
            if person.contains("@") { emails.insert(MatchRule.normalize(person)) }
        } else {
            guard let state = try? LMSSnapshotRecords.decode(records) else { return }
            for mapping in state.mappings.values where Int(mapping.personioID).map(personioIDs.contains) == true {
                userIDs.insert(mapping.userID)
            }
            for user in state.users.values where userIDs.contains(user.id) || user.mail.map({ emails.contains(MatchRule.normalize($0)) }) == true {
                userIDs.insert(user.id)
                if let mail = user.mail, !mail.isEmpty { emails.insert(MatchRule.normalize(mail)) }
                addNames(user.firstName, user.lastName)
            }
        }
    }

    /// Whether PERSON as given (an id or an email, e.g. a targeted run's) names them.
    public func isTheirs(given person: String) -> Bool {
        let text = person.trimmingCharacters(in: .whitespaces)
        return Int(text).map(personioIDs.contains) ?? emails.contains(MatchRule.normalize(text))
    }

    public func isTheirs(_ person: PersonRef) -> Bool {
        personioIDs.contains(person.personioID) || (person.personioID < 0 && person.email.map { emails.contains(MatchRule.normalize($0)) } == true)
    }

    public func isTheirs(_ user: UserRef) -> Bool {
        switch user {
        case .existing(let id): userIDs.contains(id)
        case .created(let id): personioIDs.contains(id)
        }
    }

    private mutating func addNames(_ first: String?, _ last: String?) {
        let parts = [first, last].compactMap { $0?.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        names.formUnion(parts)
        if parts.count == 2 { names.insert(parts.joined(separator: " ")) }
    }

    // MARK: - Rewriting

    /// A snapshot's records without the person: their records dropped, and others' references
    /// to them (a supervisor, a manager link) removed, record by typed record: a record whose
    /// value did not change keeps its bytes. Returns whether anything changed.
    public func scrub(_ records: inout [String: Data], kind: String) throws -> Bool {
        let before: [String: Data], after: [String: Data]
        if kind == PersonioSnapshotRecords.kind {
            let employees = try PersonioSnapshotRecords.decode(records)
            var kept = employees.filter { !personioIDs.contains($0.key) }
            for (id, employee) in kept {
                guard let supervisor = employee.supervisorID, personioIDs.contains(supervisor) else { continue }
                kept[id]?.attributes[PersonioKey.supervisor] = nil
            }
            (before, after) = (try PersonioSnapshotRecords.encode(Array(employees.values)), try PersonioSnapshotRecords.encode(Array(kept.values)))
        } else {
            let state = try LMSSnapshotRecords.decode(records)
            (before, after) = (try LMSSnapshotRecords.encode(state), try LMSSnapshotRecords.encode(scrub(state)))
        }
        var changed = false
        for (key, old) in before where after[key] != old {
            records[key] = after[key]
            changed = true
        }
        return changed
    }

    /// The platform without their users, mappings and roles, and without links to them.
    public func scrub(_ state: LMSState) -> LMSState {
        var state = state
        state.users = state.users.filter { !userIDs.contains($0.key) }
        for (id, user) in state.users where user.managers?.contains(where: userIDs.contains) == true {
            state.users[id]?.managers = user.managers?.filter { !userIDs.contains($0) }
        }
        state.mappings = state.mappings.filter { !(Int($0.key).map(personioIDs.contains) ?? false) && !userIDs.contains($0.value.userID) }
        state.memberships = state.memberships.filter { !userIDs.contains($0.key.user) }
        state.managersRead = state.managersRead?.subtracting(userIDs)
        if let admin = state.admin, admin.userID.map(userIDs.contains) == true || emails.contains(MatchRule.normalize(admin.mail)) {
            state.admin = LMSAdminRecord(mail: tombstone, userID: nil, status: nil, rootRoles: [])
        }
        return state
    }

    /// A log entry's people list: theirs replaced by the tombstone.
    public func scrub(people: [String]) -> [String] {
        var seen = Set<String>()
        return people.map { isTheirs(given: $0) ? tombstone : $0 }.filter { seen.insert($0).inserted }
    }

    /// A log entry's command line or summary: a word that is one of their emails or their
    /// Personio id (as `--person` takes them) becomes the tombstone; nothing else is touched.
    public func scrub(words text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { word in
            let bare = word.trimmingCharacters(in: CharacterSet(charactersIn: ",.;:'\"<>()[]#"))
            let value = bare.hasPrefix("--person=") ? String(bare.dropFirst(9)) : bare
            guard !value.isEmpty, isTheirs(given: value) || userIDs.contains(value) else { return String(word) }
            return word.replacingOccurrences(of: value, with: tombstone)
        }.joined(separator: " ")
    }
}
