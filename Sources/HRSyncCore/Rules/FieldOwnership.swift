/// SYNC-RULES §3–§6: who owns a synced field once hrsync has created the user. `always` (the
/// default): Personio, every run. `create_only`: Personio's value is set when hrsync creates (or
/// restores) the user, then 360Learning (its admins) owns it. `never`: not synced at all.
public enum FieldOwnership: String, Sendable, Equatable, CaseIterable {
    /// Synced on every run (the default).
    case always
    /// Set on create or restore, never updated afterwards.
    case createOnly = "create_only"
    /// Never written.
    case never

    /// Whether the plan that creates or restores the user may write the field.
    public var allowsCreate: Bool { self != .never }

    /// Whether a plan may change the field of a user that already exists (not restored by this plan).
    public var allowsUpdate: Bool { self == .always }

    /// Whether this plan may write the field: `creating` is true in the plan that creates or
    /// restores the user.
    public func allowsWrite(creating: Bool) -> Bool { creating ? allowsCreate : allowsUpdate }
}

/// A default field whose ownership `sync.fields` sets: the four user fields of `LMSField` (same
/// names), the manager link (§6) and the group placement (§5).
public enum OwnedField: String, Sendable, Equatable, Hashable, CaseIterable, Comparable {
    /// `LMSField.firstName`.
    case firstName
    /// `LMSField.lastName`.
    case lastName
    /// `LMSField.mail`; `never` is refused (a user cannot be created without it).
    case mail
    /// `LMSField.job`.
    case job
    /// The supervisor's manager link (§6).
    case manager
    /// The learner roles of the group placement (§5); `never` is refused (a new user needs a first group).
    case group

    /// The user field of the same name.
    public init(_ field: LMSField) {
        switch field {
        case .firstName: self = .firstName
        case .lastName: self = .lastName
        case .mail: self = .mail
        case .job: self = .job
        }
    }

    /// Why `never` cannot be set on the field, for the config error; nil: it can.
    public var whyNotNever: String? {
        switch self {
        case .mail: "a user cannot be created without a mail"
        case .group: "a new user needs a first group; use create_only"
        default: nil
        }
    }

    /// Declaration order (how the config template and `explain` list them).
    public static func < (a: OwnedField, b: OwnedField) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
