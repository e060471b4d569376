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
        let decoder = JSONDecoder()
        if kind == PersonioSnapshotRecords.kind {
            for (key, data) in records {
                guard let employee = try? decoder.decode(Employee.self, from: data) else { continue }
                let matches = key == person || employee.email.map { $0.lowercased() == person.lowercased() } == true
                    || personioIDs.contains(employee.id)
                guard matches else { continue }
                personioIDs.insert(employee.id)
                if let mail = employee.email, !mail.isEmpty { emails.insert(mail.lowercased()) }
                addNames(employee.firstName, employee.lastName)
            }
            if let id = Int(person) { personioIDs.insert(id) }
            if person.contains("@") { emails.insert(person.lowercased()) }
        } else {
            for (key, data) in records where key.hasPrefix("map:") {
                if let mapping = try? decoder.decode(LMSMappingRecord.self, from: data), let id = Int(mapping.personioID), personioIDs.contains(id) {
                    userIDs.insert(mapping.userID)
                }
            }
            for (key, data) in records where key.hasPrefix("user:") {
                guard let user = try? decoder.decode(LMSUserRecord.self, from: data) else { continue }
                guard userIDs.contains(user.id) || user.mail.map({ emails.contains($0.lowercased()) }) == true else { continue }
                userIDs.insert(user.id)
                if let mail = user.mail, !mail.isEmpty { emails.insert(mail.lowercased()) }
                addNames(user.firstName, user.lastName)
            }
        }
    }

    private mutating func addNames(_ first: String?, _ last: String?) {
        let parts = [first, last].compactMap { $0?.trimmingCharacters(in: .whitespaces) }.filter { $0.count >= 2 }
        names.formUnion(parts)
        if parts.count == 2 { names.insert(parts.joined(separator: " ")) }
    }

    // MARK: - Rewriting

    /// A snapshot's records without the person: their records dropped, and others' references
    /// to them (a supervisor) removed. Returns whether anything changed.
    public func scrub(_ records: inout [String: Data], kind: String) throws -> Bool {
        var changed = false
        if kind == PersonioSnapshotRecords.kind {
            for id in personioIDs where records.removeValue(forKey: String(id)) != nil { changed = true }
            let decoder = JSONDecoder()
            for (key, data) in records where containsAnyID(data) {
                guard var employee = try? decoder.decode(Employee.self, from: data),
                      let supervisor = employee.supervisorID, personioIDs.contains(supervisor) else { continue }
                employee.attributes[PersonioKey.supervisor] = nil
                records[key] = try CanonicalJSON.encode(employee)
                changed = true
            }
        } else {
            for key in Array(records.keys) {
                let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { continue }
                let gone = switch parts[0] {
                case "user": userIDs.contains(parts[1])
                case "map": Int(parts[1]).map(personioIDs.contains) ?? false
                case "role": userIDs.contains(String(parts[1].split(separator: "/").last ?? ""))
                default: false
                }
                if gone {
                    records[key] = nil
                    changed = true
                }
            }
        }
        return changed
    }

    private func containsAnyID(_ data: Data) -> Bool {
        let text = String(decoding: data, as: UTF8.self)
        return personioIDs.contains { text.contains(String($0)) }
    }

    /// A plan without the person's actions and without their email or name anywhere (nil when
    /// it never concerned them). Its summary is counted again.
    public func scrub(_ plan: Plan) throws -> Plan? {
        let original = try CanonicalJSON.encode(plan)
        var plan = plan
        plan.actions.removeAll(where: concerns)
        // A targeted plan names its people as they were given: an id or an email of theirs goes.
        plan.targeted = plan.targeted.map { people in
            people.map { person in
                let text = person.trimmingCharacters(in: .whitespaces)
                let theirs = Int(text).map { personioIDs.contains($0) } ?? emails.contains(MatchRule.normalize(text))
                return theirs ? tombstone : person
            }
        }
        plan.summary = PlanSummary(plan.actions, warnings: plan.warnings.count, conflicts: plan.conflicts.count)
        plan = try scrubStrings(plan)
        return try CanonicalJSON.encode(plan) == original ? nil : plan
    }

    /// An apply record without the person's results, naming the rewritten plan.
    public func scrub(_ record: ApplyRecord, plan: String) throws -> ApplyRecord {
        try scrubStrings(ApplyRecord(plan: plan, results: record.results.filter { !concerns($0.action) }))
    }

    /// What still names them after the structural cut (a reason, a warning, another person's
    /// value) is replaced inside the JSON strings; ids are left to the structural cut, since
    /// replacing a number would break the JSON.
    private func scrubStrings<T: Codable>(_ value: T) throws -> T {
        let text = String(decoding: try CanonicalJSON.encode(value), as: UTF8.self)
        let scrubbed = scrub(text: text, ids: false)
        return scrubbed == text ? value : try CanonicalJSON.decode(T.self, from: Data(scrubbed.utf8))
    }

    /// Whether an action is for (or links to) the person.
    public func concerns(_ action: PlanAction) -> Bool {
        if let person = action.person, personioIDs.contains(person.personioID) || person.email.map({ emails.contains($0.lowercased()) }) == true { return true }
        switch action.user {
        case .existing(let id)?: if userIDs.contains(id) { return true }
        case .created(let id)?: if personioIDs.contains(id) { return true }
        case nil: break
        }
        switch action.change {
        case .addManager(.existing(let id)): return userIDs.contains(id)
        case .addManager(.created(let id)): return personioIDs.contains(id)
        case .removeManager(let id): return userIDs.contains(id)
        case .createMapping(let id): return personioIDs.contains(id)
        case .restoreUser(let mail, _): return emails.contains(mail.lowercased())
        default: return false
        }
    }

    /// Free text (log summaries, command lines, warnings) with every email, name and `#id` of
    /// the person replaced by the tombstone.
    public func scrub(text: String, ids: Bool = true) -> String {
        var text = text
        for term in emails.sorted(by: { $0.count > $1.count }) {
            text = text.replacingOccurrences(of: term, with: tombstone, options: .caseInsensitive)
        }
        // Names as whole words: "Li" goes, "Lisbon" stays.
        for term in names.sorted(by: { $0.count > $1.count }) {
            let pattern = "(?<![\\p{L}\\p{N}])" + NSRegularExpression.escapedPattern(for: term) + "(?![\\p{L}\\p{N}])"
            text = text.replacingOccurrences(of: pattern, with: tombstone, options: [.regularExpression, .caseInsensitive])
        }
        for id in personioIDs where ids {
            // An id stands alone (`#1004`, `1004`, `map:1004`), never inside a longer number.
            let pattern = "(?<![0-9])\(id)(?![0-9])"
            text = text.replacingOccurrences(of: pattern, with: tombstone, options: .regularExpression)
        }
        return text
    }

    /// A log entry's people list: theirs replaced by the tombstone.
    public func scrub(people: [String]) -> [String] {
        var seen = Set<String>()
        return people.map { entry in
            let lowered = entry.lowercased()
            return emails.contains(lowered) || Int(entry).map(personioIDs.contains) == true ? tombstone : scrub(text: entry)
        }.filter { seen.insert($0).inserted }
    }
}
