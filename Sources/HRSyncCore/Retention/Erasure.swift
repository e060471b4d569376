import Foundation

/// Who `hrsync forget` erases, and how each stored thing is rewritten without them. Pure: the
/// store feeds it every snapshot (`learn`), asks who PERSON is (`resolve`), then hands it records,
/// plans and log entries and writes back what it returns.
///
/// A person is their Personio id. An email names them only when no other Personio id ever carried
/// it: an email reused for a later hire, or shared for a while, is theirs only where the context
/// also names their id, so forgetting someone never erases whoever had their address after them.
public struct ErasedPerson: Sendable, Equatable {
    /// Their Personio id: at most one; empty when no snapshot knows PERSON.
    public var personioIDs: Set<Int> = []
    /// Every email that was theirs, in Personio or on their users.
    public var emails: Set<String> = []  // normalized
    /// Theirs, but also carried by another Personio id at some time.
    public var sharedEmails: Set<String> = []
    /// Their names, to find in free text; trimmed, empty ones left out.
    public var names: Set<String> = []  // first, last and full names as stored
    /// Mapped to them, or never mapped and carrying an email only they had.
    public var userIDs: Set<String> = []  // their 360Learning users
    /// `forgotten:<12 hex>`, what the log shows instead of them; random, so it links to nobody.
    public var tombstone: String

    /// What every snapshot says, gathered before anyone is resolved.
    private var emailOwners: [String: Set<Int>] = [:]
    private var employeeNames: [Int: Set<[String?]>] = [:]
    private var mappedTo: [String: Set<Int>] = [:]
    private var userMails: [String: Set<String>] = [:]
    private var userNames: [String: Set<[String?]>] = [:]

    /// Nobody yet: `learn` every snapshot, then `resolve` PERSON.
    public init(tombstone: String) {
        self.tombstone = tombstone
    }

    /// Whether PERSON names nobody the snapshots know: no id and no user to forget.
    public var isEmpty: Bool { personioIDs.isEmpty && userIDs.isEmpty }

    /// Why `resolve` refuses PERSON.
    public enum Ambiguity: Error, LocalizedError, Equatable {
        /// The email belonged to several employees (their Personio ids, sorted): forget by id instead.
        case email(String, ids: [Int])
        /// Names the ids and says to forget one of them by Personio id.
        public var errorDescription: String? {
            switch self {
            case .email(let mail, let ids):
                "the email \(mail) belonged to more than one employee (\(ids.map { "#\($0)" }.joined(separator: ", "))): forget one of them by Personio id"
            }
        }
    }

    /// Gathers what one snapshot says of everyone (call it for every snapshot, then `resolve`).
    public mutating func learn(from records: [String: Data], kind: String) {
        if kind == PersonioSnapshotRecords.kind {
            let decoder = JSONDecoder()
            for data in records.values {
                guard let employee = try? decoder.decode(Employee.self, from: data) else { continue }
                if let mail = employee.email, !mail.isEmpty { emailOwners[MatchRule.normalize(mail), default: []].insert(employee.id) }
                employeeNames[employee.id, default: []].insert([employee.firstName, employee.lastName])
            }
        } else if let state = try? LMSSnapshotRecords.decode(records) {
            for mapping in state.mappings.values {
                if let id = Int(mapping.personioID) { mappedTo[mapping.userID, default: []].insert(id) }
            }
            for user in state.users.values {
                if let mail = user.mail, !mail.isEmpty { userMails[user.id, default: []].insert(MatchRule.normalize(mail)) }
                userNames[user.id, default: []].insert([user.firstName, user.lastName])
            }
        }
    }

    /// Who PERSON (a Personio id or an email) is, from what `learn` gathered: their ids, every
    /// email their record carried, their users (mapped to them, or never mapped and with an email
    /// only they had), their names. An email more than one employee had is refused as ambiguous.
    public mutating func resolve(_ person: String) throws {
        switch PersonQuery(person) {
        case .personioID(let id)?:
            if employeeNames[id] != nil || mappedTo.values.contains(where: { $0.contains(id) }) { personioIDs = [id] }
        case .email(let mail)?:
            var owners = emailOwners[mail] ?? []
            for (user, mails) in userMails where mails.contains(mail) { owners.formUnion(mappedTo[user] ?? []) }
            guard owners.count <= 1 else { throw Ambiguity.email(person.trimmed, ids: owners.sorted()) }
            personioIDs = owners
            emails.insert(mail)
        case nil:
            return  // blank: nobody
        }
        for (mail, owners) in emailOwners where !owners.isDisjoint(with: personioIDs) {
            emails.insert(mail)
            if !owners.isSubset(of: personioIDs) { sharedEmails.insert(mail) }
        }
        for (user, ids) in mappedTo where !ids.isDisjoint(with: personioIDs) { userIDs.insert(user) }
        let everMapped = Set(mappedTo.keys)
        for (user, mails) in userMails where !everMapped.contains(user) && !mails.isDisjoint(with: emails.subtracting(sharedEmails)) {
            userIDs.insert(user)
        }
        for (user, mails) in userMails where userIDs.contains(user) {
            // A user of theirs that had a mail nobody in Personio had is theirs too.
            for mail in mails where emailOwners[mail] == nil { emails.insert(mail) }
        }
        for id in personioIDs { for parts in employeeNames[id] ?? [] { addNames(parts[0], parts[1]) } }
        for user in userIDs { for parts in userNames[user] ?? [] { addNames(parts[0], parts[1]) } }
    }

    /// An email that names them wherever it stands (no other employee ever had it).
    func isTheirs(email: String) -> Bool {
        let mail = MatchRule.normalize(email)
        return emails.contains(mail) && !sharedEmails.contains(mail)
    }

    /// Whether PERSON as given (an id or an email, e.g. a targeted run's) names them.
    public func isTheirs(given person: String) -> Bool {
        switch PersonQuery(person) {
        case .personioID(let id)?: personioIDs.contains(id)
        case .email(let mail)?: isTheirs(email: mail)
        case nil: false
        }
    }

    /// A person in a plan: by Personio id (an email counts only for one read without an id).
    public func isTheirs(_ person: PersonRef) -> Bool {
        personioIDs.contains(person.personioID) || (person.personioID < 0 && person.email.map(isTheirs(email:)) == true)
    }

    /// A user in a plan: one of theirs, or the one a plan creates for them.
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
    /// to them (a supervisor, a manager link) removed (a supervisor marked `Employee.forgotten`,
    /// so it is not a change when the next pull reads it again), record by typed record: a record whose
    /// value did not change keeps its bytes. Returns whether anything changed.
    public func scrub(_ records: inout [String: Data], kind: String) throws -> Bool {
        let before: [String: Data], after: [String: Data]
        if kind == PersonioSnapshotRecords.kind {
            let employees = try PersonioSnapshotRecords.decode(records)
            var kept = employees.filter { !personioIDs.contains($0.key) }
            // Any employee-typed attribute (the supervisor, a dynamic "buddy") that points at them goes.
            for (id, employee) in kept {
                for (key, value) in employee.attributes {
                    if case .employee(let other) = value, personioIDs.contains(other) { kept[id]?.forgetReference(key) }
                }
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
            let kept = user.managers?.filter { !userIDs.contains($0) } ?? []
            state.users[id]?.managers = kept
            state.users[id]?.forgottenManagers = (user.forgottenManagers ?? 0) + (user.managers?.count ?? 0) - kept.count
        }
        state.mappings = state.mappings.filter { !(Int($0.key).map(personioIDs.contains) ?? false) && !userIDs.contains($0.value.userID) }
        state.memberships = state.memberships.filter { !userIDs.contains($0.key.user) }
        state.managersRead = state.managersRead?.subtracting(userIDs)
        if let admin = state.admin, admin.userID.map(userIDs.contains) == true || emails.contains(MatchRule.normalize(admin.mail)) {
            state.admin = LMSAdminRecord(mail: tombstone, userID: nil, status: nil, rootRoles: [])
        }
        return state
    }

    /// A log entry's people list: theirs replaced by the tombstone (an email another employee
    /// also had, only when the entry names their id too), sorted again so the tombstone's place
    /// says nothing of who it was.
    public func scrub(people: [String]) -> [String] {
        let namesThem = people.contains { Int($0).map(personioIDs.contains) == true }
        let scrubbed = people.map { entry -> String in
            let theirs = isTheirs(given: entry) || (namesThem && sharedEmails.contains(MatchRule.normalize(entry)))
            return theirs ? tombstone : entry
        }
        return Array(Set(scrubbed)).sorted()
    }

    /// A log entry's summary: a targeted run's list of people as given ("targeted pull for A, B:",
    /// and, before 2.1, a plan's " Targeted: A, B.") loses theirs; the rest as `scrub(words:)`.
    public func scrub(summary: String, namesThem: Bool = false) -> String {
        var text = summary
        for (lead, end) in [("targeted pull for ", ":"), (" Targeted: ", ".")] {
            guard let start = text.range(of: lead), let stop = text[start.upperBound...].range(of: end) else { continue }
            let list = text[start.upperBound..<stop.lowerBound].components(separatedBy: ", ")
            let scrubbed = list.map { isTheirs(given: $0) ? tombstone : $0 }.joined(separator: ", ")
            text.replaceSubrange(start.upperBound..<stop.lowerBound, with: scrubbed)
        }
        return scrub(words: text, namesThem: namesThem)
    }

    /// A log entry's command line or summary: only what can name them there goes: a `--person`
    /// value (`--person 1004`, `--person=a@b`), an email of theirs, `#<their id>`. A bare number
    /// elsewhere (`--allow-deletes 1005`, "3 to create") is nobody. hrsync writes no names there.
    public func scrub(words text: String, namesThem: Bool = false) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let trim = CharacterSet(charactersIn: ",.;:'\"<>()[]")
        for index in words.indices {
            let word = words[index]
            var value = word.trimmingCharacters(in: trim)
            let afterPerson = index > 0 && words[index - 1] == "--person"
            if value.hasPrefix("--person=") { value = String(value.dropFirst(9)) }
            let theirs: Bool
            if value.hasPrefix("#"), let id = Int(value.dropFirst()) {
                theirs = personioIDs.contains(id)
            } else if value.contains("@") {
                theirs = isTheirs(email: value) || (namesThem && sharedEmails.contains(MatchRule.normalize(value)))
            } else {
                theirs = (afterPerson || word.hasPrefix("--person=")) && isTheirs(given: value)
            }
            if theirs, !value.isEmpty { words[index] = word.replacingOccurrences(of: value, with: tombstone) }
        }
        return words.joined(separator: " ")
    }
}
