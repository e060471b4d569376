import Foundation

/// The configuration contract of `hrsync.yaml` (see Tests/Fixtures/hrsync.example.yaml).
///
/// Plain data: loading and validation live in `ConfigLoader`; secrets are only *named* here
/// (an environment variable or a file) and are resolved at the edge when a client needs them.
public struct HRSyncConfig: Sendable, Equatable {
    /// `personio:`: where and how to read employees.
    public var personio: PersonioSettings
    /// `learning360:`: the platform hrsync writes to, and its connector admin.
    public var learning360: Learning360Settings
    /// `state:`: where snapshots, plans and apply records live, and how long they are kept.
    public var state: StateSettings
    /// `sync:`: the company's choices within the sync rules (SYNC-RULES §1–§7).
    public var sync: SyncSettings
    /// `hooks:`: commands to run when a run ends; none by default.
    public var hooks = HookSettings()

    /// A config without hooks; `ConfigLoader` sets `hooks` after.
    public init(personio: PersonioSettings, learning360: Learning360Settings, state: StateSettings, sync: SyncSettings) {
        self.personio = personio
        self.learning360 = learning360
        self.state = state
        self.sync = sync
    }
}

/// `hooks:` commands run after a run (via /bin/sh -c) with a JSON summary on stdin: counts only,
/// unless `include_people`. A failing hook is reported and never changes hrsync's exit status.
public struct HookSettings: Sendable, Equatable {
    /// `hooks.on_success`: run after exit 0 or 2 (changes present); nil: none.
    public var onSuccess: String?
    /// `hooks.on_failure`: run after any other exit status (1, 4, 64); nil: none.
    public var onFailure: String?
    /// `hooks.on_hold`: run after exit 3 (held, e.g. by the deletion guard); nil: none.
    public var onHold: String?
    /// `hooks.include_people`: also put the people acted on in the summary (default false: counts only).
    public var includePeople = false

    /// No hooks.
    public init() {}
}

/// Where a secret comes from. Exactly one of the two is set.
public enum SecretSource: Sendable, Equatable, CustomStringConvertible {
    /// `*_env`: the name of the environment variable holding the secret.
    case environment(String)
    /// `*_file`: the path of a file holding the secret.
    case file(String)

    /// Names the source, never the secret (for messages such as "set environment variable X").
    public var description: String {
        switch self {
        case .environment(let name): "environment variable \(name)"
        case .file(let path): "file \(path)"
        }
    }
}

/// `personio:`: the API to read employees from, and the credential for it (SYNC-RULES §1).
public struct PersonioSettings: Sendable, Equatable {
    /// `personio.base_url`: https (plain http on loopback only), no trailing slash; default https://api.personio.de.
    public var baseURL: String
    /// `personio.client_id_env` / `_file`; default the variable PERSONIO_CLIENT_ID.
    public var clientID: SecretSource
    /// `personio.client_secret_env` / `_file`; default the variable PERSONIO_CLIENT_SECRET.
    public var clientSecret: SecretSource
    /// `personio.app_id`: sent as `X-Personio-App-ID`; UPPER_SNAKE_CASE, default HRSYNC.
    public var appID: String
    /// `personio.ca_file`: a PEM file of certificate authorities trusted besides the system's (a proxy
    /// that inspects TLS); resolved against the config file's folder; nil: none.
    public var caFile: String? = nil
}

/// `learning360:`: the platform hrsync writes to, its credential, and what new users get.
public struct Learning360Settings: Sendable, Equatable {
    /// `learning360.base_url`: https (plain http on loopback only), no trailing slash; the plan's `target` (SYNC-RULES §8).
    public var baseURL: String
    /// `learning360.client_id_env` / `_file`; default the variable L360_CLIENT_ID.
    public var clientID: SecretSource
    /// `learning360.client_secret_env` / `_file`; default the variable L360_CLIENT_SECRET.
    public var clientSecret: SecretSource
    /// `learning360.admin_email` (required): the connector admin, checked and never touched (SYNC-RULES §1).
    public var adminEmail: String
    /// `learning360.send_invitations` (default true): whether created users get the invitation email (SYNC-RULES §8).
    public var sendInvitations: Bool
    /// `learning360.default_language`: the `lang` of created users, like `en` or `fr-CA` (default `en`; SYNC-RULES §3).
    public var defaultLanguage: String
    /// `learning360.bulk`: how apply writes large role changes.
    public var bulk: BulkMode = .auto
    /// `learning360.ca_file`: as `personio.ca_file`, for the 360Learning API.
    public var caFile: String? = nil
}

/// `learning360.bulk`. `auto` (the default): when one apply adds (or removes) more than
/// `threshold` roles, they go to 360Learning as one bulk operation (one write request for up to
/// 20,000 rows) instead of one request per row; rows the operation fails are retried one by one.
/// `never`: always one request per row (a company whose bulk API is disabled, or a credential
/// without the `groups:bulk` and `bulkOperations:read` scopes).
public enum BulkMode: String, Sendable, Equatable, CaseIterable {
    /// `auto` (the default) or `never`, as described above.
    case auto, never

    /// Below this many rows, single requests cost little and show progress row by row.
    public static let threshold = 50
}

/// `state:`: the state directory and its garbage collection; all optional.
public struct StateSettings: Sendable, Equatable {
    /// As written in the file; relative paths are relative to the config file's folder.
    public var dir: String
    /// `state.keep`: what `gc` keeps.
    public var keep: KeepPolicy
    /// `state.gc: auto`: `apply` runs gc after it (default `manual`).
    public var autoGc: Bool

    /// `autoGc` defaults to false (`state.gc: manual`).
    public init(dir: String, keep: KeepPolicy, autoGc: Bool = false) {
        self.dir = dir
        self.keep = keep
        self.autoGc = autoGc
    }
}

/// `sync:`: the per-company choices of the sync rules; `ConfigLoader` fills in the documented defaults.
public struct SyncSettings: Sendable, Equatable {
    /// `sync.match`: the matching keys in order of precedence, each once (default email, then external_id; SYNC-RULES §2).
    public var match: [MatchKey]
    /// `sync.groups`: the synced top-level groups (SYNC-RULES §5); empty: no group placement.
    public var groups: [GroupSync]
    /// `sync.custom_fields`: Personio attributes copied into 360Learning custom fields (SYNC-RULES §4).
    public var customFields: [CustomFieldMapping]
    /// All must hold (AND).
    public var filters: [EmployeeFilter]
    /// `sync.filters_apply_to_leavers` (default false): whether a leaver failing `filters` is left alone rather than deleted (SYNC-RULES §1).
    public var filtersApplyToLeavers: Bool
    /// `sync.max_deletes`: the deletion guard's limit (default 5 %; SYNC-RULES §7).
    public var maxDeletes: DeletionLimit
    /// Share in percent (20 means 20 %).
    public var maxShrinkPercent: Double
    /// `sync.max_blanked`: the blanking guard's limit per field (default 5 %, never below 1 user; SYNC-RULES §7).
    public var maxBlanked: DeletionLimit = .percent(5)
    /// What a tripped deletion guard holds; nil: `hold_guarded` for `--auto-approve` runs, `hold_all` otherwise.
    public var onGuard: OnGuard? = nil
    /// `sync.prestart_days`: onboarding employees are created from this many days before their hire date.
    public var prestartDays: Int? = nil
    /// `sync.leavers`: what happens to a leaver's user.
    public var leavers: LeaverMode = .delete
    /// `sync.timezone`: the company's time zone (IANA), for "today" and the end of a termination day.
    public var timezone: String = "Europe/Berlin"
    /// `sync.fields`: the ownership of default fields (SYNC-RULES §3); a field not listed is `always`.
    public var fields: [OwnedField: FieldOwnership] = [:]

    /// The ownership of `field` (`always` unless `sync.fields` says otherwise).
    public func ownership(_ field: OwnedField) -> FieldOwnership { fields[field] ?? .always }

    /// The ownership of the user field `field`.
    public func ownership(_ field: LMSField) -> FieldOwnership { ownership(OwnedField(field)) }

    /// `timezone` as a TimeZone (the loader checked it; UTC if a hand-built value is not one).
    public var timeZone: TimeZone { TimeZone(identifier: timezone) ?? TimeZone(identifier: "UTC")! }
}

/// `sync.leavers`: delete the user once Personio marks the employee inactive (the default), or
/// also schedule 360Learning's own deactivation for the end of the termination day, so access
/// ends on the day itself even though the next sync runs at 02:00.
public enum LeaverMode: String, Sendable, Equatable, CaseIterable {
    /// Delete the user once Personio says `inactive` (the default).
    case delete
    /// Also set `toBeDeactivatedAt` to the end of the termination day (SYNC-RULES §7).
    case deactivateOnTerminationDate = "deactivate_on_termination_date"
}

/// `sync.on_guard`: a plan over the deletion guard holds everything (`hold_all`), or only its
/// deletes, the rest applying (`hold_guarded`: the night's hires do not wait for an admin).
public enum OnGuard: String, Sendable, Equatable, CaseIterable {
    /// Apply runs nothing of a held plan without `--allow-deletes N`.
    case holdAll = "hold_all"
    /// Apply runs everything but the held deletes.
    case holdGuarded = "hold_guarded"
}

/// A `sync.match` key: how an employee finds their 360Learning user (SYNC-RULES §2).
public enum MatchKey: String, Sendable, Equatable, CaseIterable {
    /// The email, trimmed and case-insensitive.
    case email
    /// The Personio id, stored in 360Learning as an external-id mapping (`platform: personio`).
    case externalID = "external_id"
}

/// One `sync.groups` entry: a synced top-level group and how to walk down from it (SYNC-RULES §5).
public struct GroupSync: Sendable, Equatable {
    /// The top group's 360Learning id (24 hex digits).
    public var id: String
    /// Personio attribute keys, level 1 first, whose values name the child group at each level; empty: the top group.
    public var hierarchy: [String]
    /// Who is placed under this group; nil: every wanted employee.
    public var filter: EmployeeFilter?
}

/// One `sync.custom_fields` entry (SYNC-RULES §4).
public struct CustomFieldMapping: Sendable, Equatable {
    /// The Personio attribute key (`personio:`), never its translated label.
    public var personioKey: String
    /// The 360Learning custom field's name (`name:`); unique in the list, ignoring case.
    public var name: String
    /// `apply:`: the field's ownership (SYNC-RULES §4); `never`: as if not configured.
    public var apply: FieldOwnership = .always
}

/// `sync.filters` entries: a condition on one Personio attribute, or `any:` / `all:` of others.
public indirect enum EmployeeFilter: Sendable, Equatable {
    /// One operator on one attribute's text, e.g. `{attribute: department, equals: Sales}`.
    case condition(attribute: String, FilterOperator)
    /// `any:`: at least one of these holds (never, for an empty list).
    case any([EmployeeFilter])
    /// `all:`: every one of these holds.
    case all([EmployeeFilter])
}

/// The operator of a filter condition; `FilterRule` says how each compares (SYNC-RULES §1).
public enum FilterOperator: Sendable, Equatable {
    /// `equals:`: the value, trimmed and case-insensitive.
    case equals(String)
    /// `not_equals:`: anything else, a missing attribute included.
    case notEquals(String)
    /// `in:`: one of the values.
    case isIn([String])
    /// `not_in:`: none of the values, a missing attribute included.
    case notIn([String])
    /// `matches:`: a regular expression found in the trimmed text (case-sensitive); never holds when the attribute is missing.
    case matches(String)
    /// `exists: true`: present and not empty.
    case exists
    /// `missing: true`: absent or empty.
    case missing

    /// The operator keys as written in `hrsync.yaml`.
    public static let names = ["equals", "not_equals", "in", "not_in", "matches", "exists", "missing"]
}

/// `sync.max_deletes` and `sync.max_blanked`: a count (`25`) or a share of the synced users (`5%`).
public enum DeletionLimit: Sendable, Equatable, CustomStringConvertible {
    /// At most this many deletes per plan.
    case count(Int)
    /// At most this share (0…100) of the synced users, rounded down.
    case percent(Double)

    /// The number of deletes allowed when `syncedUsers` users are known to 360Learning.
    public func allowedDeletes(syncedUsers: Int) -> Int {
        switch self {
        case .count(let n): n
        case .percent(let p): Int((Double(syncedUsers) * p / 100).rounded(.down))
        }
    }

    /// As written in the config: `25` or `5%`.
    public var description: String {
        switch self {
        case .count(let n): "\(n)"
        case .percent(let p): "\(p.formatted(decimals: 2))%"
        }
    }
}

extension Double {
    /// Plain rendering without a trailing `.0` (`5`, `2.5`).
    func formatted(decimals: Int) -> String {
        if self == rounded() { return String(Int(self)) }
        var s = String(self)
        if let dot = s.firstIndex(of: "."), s.distance(from: dot, to: s.endIndex) > decimals + 1 {
            s = String(s[..<s.index(dot, offsetBy: decimals + 1)])
        }
        return s
    }
}
