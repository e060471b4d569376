import Foundation

/// `forget` on plans, apply records and journal lines, by their typed fields: an action, result
/// or note about the person goes; a field that points at them from someone else's action or note
/// (a manager link, a supervisor named in a warning) becomes the tombstone. Nothing is searched
/// or replaced as text, so a namesake or a name that is also a JSON key is never touched.
extension ErasedPerson {
    /// Whether an action is theirs: for them, on their user, or their mapping or restore.
    public func isTheirs(_ action: PlanAction) -> Bool {
        if let person = action.person, isTheirs(person) { return true }
        if let user = action.user, isTheirs(user) { return true }
        switch action.change {
        case .createMapping(let id), .deleteMapping(_, let id): return personioIDs.contains(id)
        case .restoreUser(let mail, _): return emails.contains(MatchRule.normalize(mail))
        case .createUser(let new): return emails.contains(MatchRule.normalize(new.mail))
        default: return false
        }
    }

    /// Someone else's action with its references to them (a manager link) turned into the tombstone.
    public func redacting(_ action: PlanAction) -> PlanAction {
        var action = action
        switch action.change {
        case .addManager(let manager) where isTheirs(manager): action.change = .addManager(.existing(tombstone))
        case .removeManager(let manager) where userIDs.contains(manager): action.change = .removeManager(userID: tombstone)
        default: break
        }
        // Plans written before 2.1 named the supervisor in the reason ("supervisor in Personio: #1004").
        if case .addManager = action.change, action.reason.hasPrefix("supervisor in Personio: #"),
           let id = Int(action.reason.dropFirst("supervisor in Personio: #".count)), personioIDs.contains(id) {
            action.reason = "supervisor in Personio"
        }
        return action
    }

    func references(_ action: PlanAction) -> Bool { redacting(action) != action }

    /// A note without them: nil when it is about them, else their references made tombstones.
    public func scrub(_ note: PlanNote) -> PlanNote? {
        if let subject = note.subject, isTheirs(subject) { return nil }
        switch note.kind {
        case .notInPersonio where isTheirs(given: note.values["given"] ?? ""): return nil
        case .text:
            // Free text from a 2.0 plan cannot be rewritten safely: dropped when it names them.
            let text = note.values["text"] ?? ""
            let words = Set(text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "@" && $0 != "." && $0 != "-" && $0 != "_" && $0 != "+" })
                .map { MatchRule.normalize(String($0).trimmingCharacters(in: CharacterSet(charactersIn: "."))) })
            let named = !words.isDisjoint(with: emails) || !words.isDisjoint(with: personioIDs.map(String.init))
                || !words.isDisjoint(with: userIDs) || names.contains { $0.contains(" ") && text.localizedCaseInsensitiveContains($0) }
            return named ? nil : note
        default:
            var note = note
            note.people = note.people.map { isTheirs($0) ? .forgotten(tombstone) : $0 }
            note.users = note.users.map { userIDs.contains($0) ? tombstone : $0 }
            return note
        }
    }

    /// A plan without the person (nil when it never concerned them): their actions and notes
    /// gone, references to them tombstones; its summary counted again. `kept` maps the old action
    /// indices to the new (for an unfinished apply's journal).
    public func scrub(_ plan: Plan) -> (plan: Plan, kept: [Int: Int])? {
        var scrubbed = plan, kept: [Int: Int] = [:]
        scrubbed.actions = []
        for (index, action) in plan.actions.enumerated() where !isTheirs(action) {
            kept[index] = scrubbed.actions.count
            scrubbed.actions.append(redacting(action))
        }
        scrubbed.warnings = plan.warnings.compactMap(scrub)
        scrubbed.conflicts = plan.conflicts.compactMap(scrub)
        // A targeted plan names its people as they were given: an id or an email of theirs goes.
        scrubbed.targeted = plan.targeted.map { people in people.map { isTheirs(given: $0) ? tombstone : $0 } }
        guard scrubbed != plan else { return nil }
        scrubbed.summary = PlanSummary(scrubbed.actions, warnings: scrubbed.warnings.count, conflicts: scrubbed.conflicts.count)
        return (scrubbed, kept)
    }

    /// An apply record without the person's results, naming the rewritten plan.
    public func scrub(_ record: ApplyRecord, plan: String) -> ApplyRecord {
        ApplyRecord(plan: plan, results: record.results.compactMap(scrub))
    }

    /// One result: nil when it is theirs; another's that linked to them keeps no id of theirs.
    public func scrub(_ result: ApplyRecord.Result) -> ApplyRecord.Result? {
        guard !isTheirs(result.action), !(result.userID.map(userIDs.contains) ?? false) else { return nil }
        guard references(result.action) || result.vendorID.map(userIDs.contains) == true else { return result }
        var result = result
        result.action = redacting(result.action)
        if result.vendorID.map(userIDs.contains) == true { result.vendorID = tombstone }
        if result.error != nil { result.error = "(the vendor's answer named a person since forgotten)" }
        return result
    }
}
