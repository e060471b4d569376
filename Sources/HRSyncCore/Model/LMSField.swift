/// The 360Learning user fields hrsync writes from Personio (SYNC-RULES §3). The one place that
/// says which Personio key feeds each, how it is read from and written to a user record, its name
/// in a plan (`rawValue`: plan files, views, `explain`) and its name on the wire (`wireName`, the
/// API's JSON key). They are spelled alike today; a vendor renaming its key changes `wireName`
/// alone, and plan files stay readable.
public enum LMSField: String, CaseIterable, Codable, Sendable, Comparable {
    /// From `first_name`, `last_name`, `email` and `position`; `<` orders them as listed.
    case firstName, lastName, mail, job

    /// The key in 360Learning's user body (`PUT /api/v2/users/{id}`, `POST /api/v2/users`).
    public var wireName: String {
        switch self {
        case .firstName: "firstName"
        case .lastName: "lastName"
        case .mail: "mail"
        case .job: "job"
        }
    }

    /// The Personio attribute the field is computed from.
    public var personioKey: String {
        switch self {
        case .firstName: PersonioKey.firstName
        case .lastName: PersonioKey.lastName
        case .mail: PersonioKey.email
        case .job: PersonioKey.position
        }
    }

    /// The field's value on `user`, as read; nil when unset.
    public func read(_ user: LMSUserRecord) -> String? {
        switch self {
        case .firstName: user.firstName
        case .lastName: user.lastName
        case .mail: user.mail
        case .job: user.job
        }
    }

    /// Sets the field on `user` (nil clears it), as applying an `update_user` change does.
    public func write(_ value: String?, to user: inout LMSUserRecord) {
        switch self {
        case .firstName: user.firstName = value
        case .lastName: user.lastName = value
        case .mail: user.mail = value
        case .job: user.job = value
        }
    }

    /// Declaration order: firstName, lastName, mail, job (how plans list field changes).
    public static func < (a: LMSField, b: LMSField) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A learner role of a user in a group: the key of `LMSState.memberships` and of what hrsync owns.
public struct RoleKey: Hashable, Sendable, Comparable {
    /// The group's 360Learning id.
    public var group: String
    /// The user's 360Learning id.
    public var user: String

    /// The learner role of `user` in `group`.
    public init(group: String, user: String) {
        self.group = group
        self.user = user
    }

    /// By group, then user: a stable order for plans and records.
    public static func < (a: RoleKey, b: RoleKey) -> Bool { (a.group, a.user) < (b.group, b.user) }
}

/// "`user` has `manager` as a manager."
public struct ManagerLink: Hashable, Sendable, Comparable {
    /// The managed user's 360Learning id.
    public var user: String
    /// The manager's 360Learning id.
    public var manager: String

    /// `user` managed by `manager`.
    public init(user: String, manager: String) {
        self.user = user
        self.manager = manager
    }

    /// By user, then manager: a stable order for plans and records.
    public static func < (a: ManagerLink, b: ManagerLink) -> Bool { (a.user, a.manager) < (b.user, b.manager) }
}
