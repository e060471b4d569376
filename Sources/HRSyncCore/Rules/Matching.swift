import Foundation

/// SYNC-RULES §2: which 360Learning user an employee is. Keys: `email` (trimmed, case-insensitive)
/// and `external_id` (the `personio` mapping). In `sync.match` order, the first key that finds a
/// user wins; two keys finding two different users is a conflict; so is an email that two
/// employees share (both are conflicts, nothing else is blocked).
public struct MatchIndex: Sendable {
    /// Normalized email → the user carrying it (a live one before a deleted one, then the smallest id).
    public let usersByMail: [String: String]
    /// Personio id (as text) → its `personio` mapping (`user(byPersonioID:)`): the platform's own
    /// table, shared, not copied into another of 100,000 entries.
    private let mappings: [String: LMSMappingRecord]
    /// Normalized emails used by more than one employee.
    public internal(set) var sharedEmails: Set<String>
    /// Normalized emails that 360Learning users carry spelled differently (`Ada@…` and `ada@…`):
    /// 360Learning tells them apart, hrsync cannot, so none of them is matched by email. The users, sorted.
    public let ambiguousMails: [String: [String]]
    /// Users whose status is deleted (read here, where every user is visited anyway).
    public let deletedUsers: Set<String>

    /// Indexes the users and mappings of `lms`, and counts the emails of `employees` (all, filtered or not).
    public init(lms: LMSState, employees: some Sequence<Employee>) {
        self.init(lms: lms, sharedEmails: Self.sharedEmails(of: employees))
    }

    /// Indexes the users and mappings of `lms`; `sharedEmails` is `sharedEmails(of:)` of all the
    /// employees, computed apart so that a planner can count them on its other core.
    public init(lms: LMSState, sharedEmails: Set<String>) {
        // Per normalized mail: the user chosen so far and the first spelling seen (a mail seen
        // spelled otherwise is ambiguous; rare, so its users are gathered in a second pass, only
        // then). One probe of one table per user: hashing was most of this loop.
        var chosen: [String: Choice] = [:]
        chosen.reserveCapacity(lms.users.count)
        var deleted = Set<String>()
        var ambiguous = Set<String>()
        // By position, each field read in place: a `for user in values` copied every record whole.
        let users = lms.users.values
        var position = users.startIndex
        while position != users.endIndex {
            defer { users.formIndex(after: &position) }
            let isDeleted = users[position].status == "deleted"
            if isDeleted { deleted.insert(users[position].id) }
            guard let written = users[position].mail?.trimmed, !written.isEmpty else { continue }
            let mail = written.lowercasedForMatching
            if !chosen[mail, default: Choice()].offer(users[position].id, deleted: isDeleted, spelled: written) { ambiguous.insert(mail) }
        }
        usersByMail = chosen.mapValues(\.user)
        var ambiguousUsers: [String: [String]] = [:]
        if !ambiguous.isEmpty {
            for user in lms.users.values {
                if let mail = user.mail.map(MatchRule.normalize), ambiguous.contains(mail) { ambiguousUsers[mail, default: []].append(user.id) }
            }
        }
        ambiguousMails = ambiguousUsers.mapValues { $0.sorted() }
        deletedUsers = deleted
        mappings = lms.mappings
        self.sharedEmails = sharedEmails
    }

    /// The user the `personio` mapping of `personioID` names.
    public func user(byPersonioID personioID: Int) -> String? {
        mappings[String(personioID)]?.userID
    }

    /// Normalized emails that more than one of `employees` carries.
    public static func sharedEmails(of employees: some Sequence<Employee>) -> Set<String> {
        var count = EmailCount(capacity: employees.underestimatedCount)
        for employee in employees { count.add(employee) }
        return count.shared
    }

    /// The employees' normalized emails counted one by one (`sharedEmails(of:)`, or beside other
    /// work in the same pass over the employees, as the planner does).
    struct EmailCount {
        private var seen: [String: Int] = [:]

        init(capacity: Int) { seen.reserveCapacity(capacity) }

        mutating func add(_ employee: Employee) {
            if let mail = employee.email.map(MatchRule.normalize), !mail.isEmpty { seen[mail, default: 0] += 1 }
        }

        /// The emails more than one employee carries.
        var shared: Set<String> { Set(seen.filter { $0.value > 1 }.keys) }
    }

    /// The user one mail names so far. Several 360Learning users may carry one mail over time
    /// (deleted + new): a live one is preferred, then the smallest id, so the choice does not
    /// depend on dictionary order.
    private struct Choice {
        var taken = false
        var user = ""
        var deleted = false
        var spelling = ""

        /// Takes `candidate` if it ranks first; false when it spells the mail otherwise than the first seen.
        mutating func offer(_ candidate: String, deleted: Bool, spelled written: String) -> Bool {
            guard taken else {
                (taken, user, self.deleted, spelling) = (true, candidate, deleted, written)
                return true
            }
            if (deleted ? 1 : 0, candidate) < (self.deleted ? 1 : 0, user) { (user, self.deleted) = (candidate, deleted) }
            return spelling == written
        }
    }
}

/// SYNC-RULES §2: the user one employee is, looked up in a `MatchIndex`.
public enum MatchRule {
    /// The user an employee is, or why none is chosen.
    public enum Outcome: Equatable, Sendable {
        /// This user, found by this key.
        case matched(userID: String, by: MatchKey)
        /// No key finds a user: a wanted employee gets a new one.
        case unmatched
        /// The keys point to different users.
        case conflict(byEmail: String, byExternalID: String)
        /// Another employee has the same email.
        case sharedEmail(String)
        /// 360Learning users have the email in spellings that differ in case (the users, sorted).
        case ambiguousEmail(String, users: [String])
    }

    /// An email as matching compares it: trimmed and lowercased.
    public static func normalize(_ mail: String) -> String {
        mail.trimmed.lowercasedForMatching
    }

    /// Shared and ambiguous emails first, then keys that disagree, then the first key in `order` that finds a user.
    public static func match(_ employee: Employee, _ index: MatchIndex, order: [MatchKey]) -> Outcome {
        match(employee, index, order: order, byExternalID: index.user(byPersonioID: employee.id))
    }

    /// As `match(_:_:order:)`, given the user the employee's `personio` mapping names (the planner
    /// looks it up once for this and for whether the employee is mapped).
    static func match(_ employee: Employee, _ index: MatchIndex, order: [MatchKey], byExternalID byExternal: String?) -> Outcome {
        let mail = employee.email.map(normalize).flatMap { $0.isEmpty ? nil : $0 }
        if let mail, index.sharedEmails.contains(mail) { return .sharedEmail(mail) }
        if let mail, let users = index.ambiguousMails[mail] { return .ambiguousEmail(mail, users: users) }
        let byEmail = mail.flatMap { index.usersByMail[$0] }
        if let byEmail, let byExternal, byEmail != byExternal { return .conflict(byEmail: byEmail, byExternalID: byExternal) }
        for key in order {
            switch key {
            case .email: if let byEmail { return .matched(userID: byEmail, by: .email) }
            case .externalID: if let byExternal { return .matched(userID: byExternal, by: .externalID) }
            }
        }
        return .unmatched
    }
}
