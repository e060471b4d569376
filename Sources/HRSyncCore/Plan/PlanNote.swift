/// A plan's warning or conflict, typed: what it says (`kind`), whom it concerns (`people`, the
/// subject first; `users`, 360Learning ids) and the rest of what it says (`values`, never a
/// person's name, email or id). Views render it with `message`; grouping and `explain` read the
/// fields, and `forget` drops or rewrites a note by these fields, never by searching its text.
public struct PlanNote: Hashable, Sendable {
    /// What a note says; the raw value is its JSON `kind` (the list in docs/plan.schema.json).
    public enum Kind: String, Codable, Sendable, CaseIterable {
        // About one employee (people[0]).
        /// Skipped: the Personio status is missing or unknown (SYNC-RULES §1); `values.status`.
        case statusNotSynced = "status_not_synced"
        /// Skipped: no user matched and the employee has no email (§2).
        case noEmail = "no_email"
        /// Skipped: no user matched and the email is not valid (§2).
        case invalidEmail = "invalid_email"
        /// Not created yet: onboarding, hire date beyond `sync.prestart_days`; `values.days`.
        case prestart
        /// Cannot be created: 360Learning has no group to place the user in (§5).
        case noGroup = "no_group"
        /// A date attribute that cannot be read; its custom field is left as it is (§4).
        case notADate = "not_a_date"
        /// The employee is their own supervisor: no manager change (§6).
        case ownSupervisor = "own_supervisor"
        /// The snapshot lacks the supervisor's manager links: no manager change (§6).
        case managersNotRead = "managers_not_read"  // people[1]: the supervisor
        /// The supervisor cannot be made a manager; `values.why` says why (§6).
        case supervisorNotAManager = "supervisor_not_a_manager"  // people[1]: the supervisor
        /// Not created: the termination day is over (`sync.leavers`, §7); `values.day`.
        case terminationPassed = "termination_passed"
        /// A leaver who is the connector admin: held, not deleted (§1).
        case adminHeld = "admin_held"
        /// An employee left out when read; `values.reason`.
        case employeeSkipped = "employee_skipped"  // a payload the Personio client could not read
        /// A value over its `TextCap`, not read (an employee's, or a 360Learning user's).
        case valueTooLong = "value_too_long"  // values: key, length, cap; or users[0] and no people (360Learning's)
        /// Conflict: another employee has the same email; neither is synced (§2).
        case sharedEmail = "shared_email"
        /// Conflict: users carry the email spelled in different case; none is matched by email (§2).
        case usersShareEmail = "users_share_email"  // users: those whose mails differ only in case
        /// Conflict: the email and the Personio id find different users (§2).
        case matchDisagrees = "match_disagrees"  // users: by email, by external id
        /// Conflict: the user is mapped to another Personio id; the mapping stays (§2).
        case mappingTaken = "mapping_taken"  // people[1]: the id the user is mapped to
        /// A create that looks like an identity change (§2): `values.via` `mapping` (users[0] is mapped to
        /// this Personio id under another email) or `name_and_hire_date` (people[1], a leaver whose user
        /// users[0] this plan deletes, has the same name and hire date).
        case identityChange = "identity_change"
        /// Personio's supervisors form a loop; each is still linked as Personio says (§6).
        case supervisorCycle = "supervisor_cycle"  // people: the loop, in supervisor order
        // About the configuration or the platform.
        /// A configured custom field exists with another type, which values are written as (§4).
        case fieldTypeDiffers = "field_type_differs"
        /// A targeted run found a configured custom field undefined; only a full run creates it (§4).
        case fieldNotDefined = "field_not_defined"
        /// A mapped attribute no employee's payload carries: what it maps is left alone (§3).
        case attributeUnreadable = "attribute_unreadable"
        /// A log line that does not read: ownership from that apply may be lost; `values.line`.
        case logUnreadable = "log_unreadable"
        /// 360Learning's group parents form a loop; each group is walked once.
        case groupCycle = "group_cycle"  // values: groups, the loop's ids
        /// A targeted run's PERSON is in 360Learning only: nothing planned; `values.given`.
        case notInPersonio = "not_in_personio"  // a targeted run's PERSON as given
        /// A 360Learning record whose id is not a 360Learning id: skipped.
        case invalidLearning360ID = "invalid_360learning_id"  // values: what, which, position?, id (clipped); people: a mapping's Personio id
        // A revert's.
        /// A revert brings back only the manager links hrsync's snapshots hold.
        case revertManagerLinks = "revert_manager_links"
        /// A revert keeps a custom field the apply created (`--include-definitions` deletes it).
        case revertKeepsField = "revert_keeps_field"
        /// A revert keeps a mapping the apply created (`--include-definitions` deletes it).
        case revertKeepsMapping = "revert_keeps_mapping"
        /// Conflict: an action the revert leaves alone; `values.action`, `values.why`.
        case notReverted = "not_reverted"
        /// A note of a plan written before notes were typed (format 2.0), kept as it was.
        case text
    }

    /// What the note says; `message` words it.
    public var kind: Kind
    /// The employees it concerns, the subject first; someone forgotten is a tombstone.
    public var people: [PersonRef]
    /// The 360Learning user ids it names.
    public var users: [String]
    /// The rest, by name (`status`, `day`, `field`, `why`, …).
    public var values: [String: String]

    /// A note; empty lists and values are left out of its JSON.
    public init(_ kind: Kind, people: [PersonRef] = [], users: [String] = [], values: [String: String] = [:]) {
        self.kind = kind
        self.people = people
        self.users = users
        self.values = values
    }

    /// The employee the note is about, if any.
    public var subject: PersonRef? { people.first }

    /// Whether the note concerns the Personio employee `id` (as its subject or otherwise).
    public func concerns(personioID id: Int) -> Bool { people.contains { $0.personioID == id } }

    func value(_ key: String) -> String { values[key] ?? "" }
}

extension PersonRef {
    /// A reference to someone `forget` erased: nobody's id, the tombstone as the name.
    public static func forgotten(_ tombstone: String) -> PersonRef { PersonRef(personioID: 0, name: tombstone, email: nil) }
    /// Whether this is a tombstone `forget` left (Personio id 0).
    public var isForgotten: Bool { personioID == 0 }

    /// "Ada Lovelace <ada@acme.example>", the email alone, or "#id", as the warnings name people.
    public var displayName: String {
        switch (name.isEmpty, email) {
        case (false, let mail?): "\(name) <\(mail)>"
        case (false, nil): "\(name) (#\(personioID))"
        case (true, let mail?): mail
        case (true, nil): "#\(personioID)"
        }
    }

    /// "#1234", or the tombstone of someone forgotten.
    public var tag: String { isForgotten ? name : "#\(personioID)" }
}

extension PlanNote {
    /// The sentence a reviewer reads (the terminal, the HTML report and `explain` escape it).
    public var message: String {
        let id = subject.map { String($0.personioID) } ?? "?"
        let lead = subject.map { $0.isForgotten ? $0.name : "Personio employee \($0.personioID)" } ?? "Personio employee ?"
        let who = subject?.displayName ?? ""
        if let cause = groupCause { return "\(lead): \(cause)" }
        switch kind {
        case .statusNotSynced: return "\(lead) (\(who)) skipped: status '\(values["status"] ?? "missing")' is not active, onboarding, leave or inactive"
        case .noEmail: return "\(lead) (\(who)) skipped: no email"
        case .invalidEmail: return "\(lead) (\(who)) skipped: the email is not valid"
        case .noGroup: return "\(lead) cannot be created: 360Learning has no group to place it in"
        case .ownSupervisor: return "\(lead) is their own supervisor in Personio; no manager change"
        case .adminHeld where values["day"] != nil:
            return "\(lead)'s termination date \(value("day")) has passed but it is the connector admin \(value("admin")): held, not deleted"
        case .adminHeld: return "\(lead) is inactive but is the connector admin \(value("admin")): held, not deleted"
        case .employeeSkipped:
            let named = subject.map {
                $0.personioID > 0 ? "Personio employee \($0.personioID)" : $0.isForgotten ? $0.name : "an employee with \($0.email ?? "no id")"
            }
            return "\(named ?? "an employee") skipped: \(value("reason"))"
        case .valueTooLong:
            let size = "\(value("key")) is \(value("length")) characters, over hrsync's cap of \(value("cap"))"
            if subject != nil { return "\(lead): \(size): not read, so what it maps is left as it is" }
            let then = value("key").hasPrefix("custom field") ? "the user's custom values are left as they are" : "read as absent"
            return "360Learning user \(user(0)): \(size): \(then)"
        case .sharedEmail: return "\(lead) (\(who)) shares the email \(subject?.email ?? "") with another employee: neither is synced"
        case .usersShareEmail:
            return
                "\(lead) (\(who)): 360Learning users \(users.joined(separator: ", ")) have this email spelled in different case: neither is matched by email; no action"
        case .matchDisagrees:
            return "\(lead) (\(who)): the email matches 360Learning user \(user(0)) but the Personio id is mapped to user \(user(1)): no action"
        case .mappingTaken:
            let other = people.count > 1 ? (people[1].isForgotten ? people[1].name : String(people[1].personioID)) : "?"
            return "\(lead): 360Learning user \(user(0)) is already mapped to Personio id \(other): mapping left as it is"
        case .identityChange where values["via"] == "mapping":
            return "\(lead) (\(who)) looks like an email change: 360Learning user \(user(0)) is mapped to this Personio id under another email;"
                + " a new user is created (the id's mapping stays with \(user(0))) and \(user(0)) is left as it is"
                + " (with `match: [external_id, email]` this would be an update)"
        case .identityChange:
            let other = people.count > 1 ? (people[1].isForgotten ? people[1].name : "#\(people[1].personioID)") : "?"
            return "\(lead) (\(who)) looks like \(other) under a new Personio id (same name and hire date):"
                + " \(other)'s user \(user(0)) is deleted and a new user created; if it is one person, give \(user(0)) the new email"
                + " in 360Learning and map it to the new id before applying"
        case .fieldTypeDiffers:
            return "custom field '\(value("field"))' is a \(value("type")) field in 360Learning; Personio's \(value("key")) is written as \(value("type"))"
        case .fieldNotDefined: return "custom field '\(value("field"))' is not defined in 360Learning yet: a full run creates it (a targeted run leaves it out)"
        case .attributeUnreadable:
            return "attribute '\(value("key"))' is in no Personio employee's payload (not readable with this credential?): what it maps is left as it is"
        case .logUnreadable:
            return
                "state directory: log line \(value("line")) is unreadable (a torn write?); if it recorded an apply, hrsync has forgotten the roles and links that apply added and will not remove them; run 'hrsync fsck'"
        case .invalidLearning360ID:
            let at = values["position"].map { " at position \($0)" } ?? ""
            let of = subject.map { " (Personio id \($0.isForgotten ? $0.name : String($0.personioID)))" } ?? ""
            let id = value("id")
            return
                "360Learning \(value("what"))\(at)\(of) has \(id.isEmpty ? "no \(values["which"] ?? "id")" : "an invalid \(values["which"] ?? "id") '\(id)'"): skipped"
        case .notInPersonio: return "'\(value("given"))' is in 360Learning but not in Personio: hrsync plans nothing for it"
        case .revertManagerLinks:
            return "user \(user(0)): only the manager links hrsync reads (supervisors and links it set) come back; links set by hand are not in its snapshots"
        case .revertKeepsField:
            return "custom field '\(value("field"))' (\(values["id"] ?? "?")) that the apply created is kept (--include-definitions deletes it)"
        case .revertKeepsMapping:
            return
                "the external-id mapping personio=\(subject.map { $0.isForgotten ? $0.name : String($0.personioID) } ?? "?") of user \(user(0)) that the apply created is kept (--include-definitions deletes it)"
        case .notReverted:
            let whom = subject.map { $0.isForgotten ? $0.name : "Personio employee \($0.personioID)\($0.email.map { " (\($0))" } ?? "")" } ?? "user \(user(0))"
            return "\(whom): \(value("action")) not reverted: \(value("why"))"
        case .supervisorCycle:
            return
                "Personio's supervisors form a loop (\((people + people.prefix(1)).map(\.tag).joined(separator: " → "))): each is linked to their supervisor as Personio says, which makes a loop of managers in 360Learning"
        case .groupCycle: return "360Learning's group tree has a loop (\(value("groups"))): each group in it is walked once"
        case .text: return value("text")
        case .prestart, .notADate, .managersNotRead, .supervisorNotAManager, .terminationPassed:
            return "\(lead) (\(id))"  // unreachable: these have a groupCause
        }
    }

    /// For the notes worded "Personio employee N: <cause>", the cause: repeated notes are shown
    /// as one line per cause with a count on the terminal.
    public var groupCause: String? {
        switch kind {
        case .prestart: "onboarding, created \(value("days")) days before the hire date (sync.prestart_days)"
        case .notADate: "\(value("key")) '\(value("value"))' is not a date; custom field '\(value("field"))' left as it is"
        case .managersNotRead:
            "the 360Learning snapshot has not read the manager links of supervisor \(other)'s user; no manager change (pull 360Learning again: 'hrsync pull')"
        case .supervisorNotAManager: "supervisor \(other) \(value("why")); no manager change"
        case .terminationPassed: "termination date \(value("day")) has passed; not created (sync.leavers)"
        default: nil
        }
    }

    private var other: String { people.count > 1 ? people[1].tag : "?" }
    private func user(_ index: Int) -> String { index < users.count ? users[index] : "?" }
}

/// JSON (plan format 2.1): `{"kind", "people"?, "users"?, "values"?}`; a plain string (format
/// 2.0) reads as a `text` note.
extension PlanNote: Codable {
    enum CodingKeys: String, CodingKey { case kind, people, users, values, message }

    /// Set in an encoder's userInfo (`--json` output): each note also carries its `message`.
    public static let withMessage = CodingUserInfoKey(rawValue: "hrsync.note.message")!

    /// A 2.1 note, or a 2.0 plain string as a `text` note; throws `DecodingError` for an unknown kind.
    public init(from decoder: Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self.init(.text, values: ["text": text])
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            try c.decode(Kind.self, forKey: .kind),
            people: try c.decodeIfPresent([PersonRef].self, forKey: .people) ?? [],
            users: try c.decodeIfPresent([String].self, forKey: .users) ?? [],
            values: try c.decodeIfPresent([String: String].self, forKey: .values) ?? [:])
    }

    /// `kind` and the non-empty fields; `message` too when `withMessage` is set in `userInfo`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        if !people.isEmpty { try c.encode(people, forKey: .people) }
        if !users.isEmpty { try c.encode(users, forKey: .users) }
        if !values.isEmpty { try c.encode(values, forKey: .values) }
        if encoder.userInfo[Self.withMessage] as? Bool == true { try c.encode(message, forKey: .message) }
    }
}
