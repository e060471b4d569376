import Foundation

/// `forget` on plans, apply records and journal lines, by their typed fields: an action, result
/// or note about the person goes; a field that points at them from someone else's action or note
/// (a manager link, a supervisor named in a warning) becomes the tombstone. Nothing is searched
/// or replaced as text, so a namesake or a name that is also a JSON key is never touched.
extension ErasedPerson {
    /// Whether an action is theirs: for them (by Personio id), on their user, or their mapping;
    /// by mail only when it names nobody (a mail someone else had since is theirs then).
    public func isTheirs(_ action: PlanAction) -> Bool {
        if let person = action.person { if isTheirs(person) { return true } }
        if let user = action.user, isTheirs(user) { return true }
        switch action.change {
        case .createMapping(let id), .deleteMapping(_, let id): return personioIDs.contains(id)
        case .restoreUser(let mail, _) where action.person == nil: return isTheirs(email: mail)
        case .createUser(let new) where action.person == nil: return isTheirs(email: new.mail)
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
            let id = Int(action.reason.dropFirst("supervisor in Personio: #".count)), personioIDs.contains(id)
        {
            action.reason = "supervisor in Personio"
        }
        return action
    }

    func references(_ action: PlanAction) -> Bool { redacting(action) != action }

    /// A note without them: nil when it is about them, else their references made tombstones.
    public func scrub(_ note: PlanNote) -> PlanNote? {
        // A loop of supervisors is nobody's alone: they stay in it as the tombstone.
        if let subject = note.subject, isTheirs(subject), note.kind != .supervisorCycle { return nil }
        switch note.kind {
        case .notInPersonio where isTheirs(given: note.values["given"] ?? ""): return nil
        case .text:
            // Free text from a 2.0 plan cannot be rewritten safely: dropped when it names them.
            return Self.names(note.values["text"] ?? "", emails: emails, ids: personioIDs, users: userIDs, fullNames: names.filter { $0.contains(" ") })
                ? nil : note
        default:
            var note = note
            // Why a forgotten supervisor was not linked (their status, that they left) is theirs too.
            if note.kind == .supervisorNotAManager, note.people.dropFirst().contains(where: isTheirs) { note.values["why"] = "was forgotten" }
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
        scrubbed.formatVersion = Plan.formatVersion  // its notes are written as 2.1 objects now
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

    /// Whether a 2.0 note's free text names them: an email as a whole token (split on white space
    /// and the brackets and quotes around it), a user id as a token, their id only as `#N` or
    /// `employee N`, a full name only between word boundaries.
    static func names(_ text: String, emails: Set<String>, ids: Set<Int>, users: Set<String>, fullNames: Set<String>) -> Bool {
        let tokens = text.split(whereSeparator: { $0.isWhitespace || "<>()[]\"',;".contains($0) })
            .map { MatchRule.normalize(String($0).trimmingCharacters(in: CharacterSet(charactersIn: ".:"))) }
        if tokens.contains(where: { emails.contains($0) || users.contains($0) }) { return true }
        for (index, token) in tokens.enumerated() {
            if token.hasPrefix("#"), let id = Int(token.dropFirst()), ids.contains(id) { return true }
            if index > 0, tokens[index - 1] == "employee", let id = Int(token), ids.contains(id) { return true }
        }
        let lowered = text.lowercased()
        return fullNames.contains { name in
            var searchFrom = lowered.startIndex
            while let range = lowered.range(of: name.lowercased(), range: searchFrom..<lowered.endIndex) {
                let before = range.lowerBound == lowered.startIndex ? nil : lowered[lowered.index(before: range.lowerBound)]
                let after = range.upperBound == lowered.endIndex ? nil : lowered[range.upperBound]
                if !(before?.isLetter ?? false) && !(after?.isLetter ?? false) { return true }
                searchFrom = lowered.index(after: range.lowerBound)
            }
            return false
        }
    }
}
