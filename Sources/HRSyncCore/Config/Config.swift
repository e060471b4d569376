import Foundation
/// The configuration contract of `hrsync.yaml` (see Tests/Fixtures/hrsync.example.yaml).
///
/// Plain data: loading and validation live in `ConfigLoader`; secrets are only *named* here
/// (an environment variable or a file) and are resolved at the edge when a client needs them.
public struct HRSyncConfig: Sendable, Equatable {
    public var personio: PersonioSettings
    public var learning360: Learning360Settings
    public var state: StateSettings
    public var sync: SyncSettings
    public var hooks = HookSettings()

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
    public var onSuccess: String?
    public var onFailure: String?
    public var onHold: String?
    public var includePeople = false

    public init() {}
}

/// Where a secret comes from. Exactly one of the two is set.
public enum SecretSource: Sendable, Equatable, CustomStringConvertible {
    case environment(String)
    case file(String)

    public var description: String {
        switch self {
        case .environment(let name): "environment variable \(name)"
        case .file(let path): "file \(path)"
        }
    }
}

public struct PersonioSettings: Sendable, Equatable {
    public var baseURL: String
    public var clientID: SecretSource
    public var clientSecret: SecretSource
    public var appID: String
}

public struct Learning360Settings: Sendable, Equatable {
    public var baseURL: String
    public var clientID: SecretSource
    public var clientSecret: SecretSource
    public var adminEmail: String
    public var sendInvitations: Bool
    public var defaultLanguage: String
    /// `learning360.bulk`: how apply writes large role changes.
    public var bulk: BulkMode = .auto
}

/// `learning360.bulk`. `auto` (the default): when one apply adds (or removes) more than
/// `threshold` roles, they go to 360Learning as one bulk operation (one write request for up to
/// 20,000 rows) instead of one request per row; rows the operation fails are retried one by one.
/// `never`: always one request per row (a company whose bulk API is disabled, or a credential
/// without the `groups:bulk` and `bulkOperations:read` scopes).
public enum BulkMode: String, Sendable, Equatable, CaseIterable {
    case auto, never

    /// Below this many rows, single requests cost little and show progress row by row.
    public static let threshold = 50
}

public struct StateSettings: Sendable, Equatable {
    /// As written in the file; relative paths are relative to the config file's folder.
    public var dir: String
    /// `state.keep`: what `gc` keeps.
    public var keep: KeepPolicy
    /// `state.gc: auto`: `apply` runs gc after it (default `manual`).
    public var autoGc: Bool

    public init(dir: String, keep: KeepPolicy, autoGc: Bool = false) {
        self.dir = dir
        self.keep = keep
        self.autoGc = autoGc
    }
}

public struct SyncSettings: Sendable, Equatable {
    public var match: [MatchKey]
    public var groups: [GroupSync]
    public var customFields: [CustomFieldMapping]
    /// All must hold (AND).
    public var filters: [EmployeeFilter]
    public var filtersApplyToLeavers: Bool
    public var maxDeletes: DeletionLimit
    /// Share in percent (20 means 20 %).
    public var maxShrinkPercent: Double
    /// What a tripped deletion guard holds; nil: `hold_guarded` for `--auto-approve` runs, `hold_all` otherwise.
    public var onGuard: OnGuard? = nil
    /// `sync.prestart_days`: onboarding employees are created from this many days before their hire date.
    public var prestartDays: Int? = nil
    /// `sync.leavers`: what happens to a leaver's user.
    public var leavers: LeaverMode = .delete
    /// `sync.timezone`: the company's time zone (IANA), for "today" and the end of a termination day.
    public var timezone: String = "Europe/Berlin"

    /// `timezone` as a TimeZone (the loader checked it; UTC if a hand-built value is not one).
    public var timeZone: TimeZone { TimeZone(identifier: timezone) ?? TimeZone(identifier: "UTC")! }
}

/// `sync.leavers`: delete the user once Personio marks the employee inactive (the default), or
/// also schedule 360Learning's own deactivation for the end of the termination day, so access
/// ends on the day itself even though the next sync runs at 02:00.
public enum LeaverMode: String, Sendable, Equatable, CaseIterable {
    case delete
    case deactivateOnTerminationDate = "deactivate_on_termination_date"
}

/// `sync.on_guard`: a plan over the deletion guard holds everything (`hold_all`), or only its
/// deletes, the rest applying (`hold_guarded`: the night's hires do not wait for an admin).
public enum OnGuard: String, Sendable, Equatable, CaseIterable {
    case holdAll = "hold_all"
    case holdGuarded = "hold_guarded"
}

public enum MatchKey: String, Sendable, Equatable, CaseIterable {
    case email
    case externalID = "external_id"
}

public struct GroupSync: Sendable, Equatable {
    public var id: String
    public var hierarchy: [String]
    public var filter: EmployeeFilter?
}

public struct CustomFieldMapping: Sendable, Equatable {
    public var personioKey: String
    public var name: String
}

/// `sync.filters` entries: a condition on one Personio attribute, or `any:` / `all:` of others.
public indirect enum EmployeeFilter: Sendable, Equatable {
    case condition(attribute: String, FilterOperator)
    case any([EmployeeFilter])
    case all([EmployeeFilter])
}

public enum FilterOperator: Sendable, Equatable {
    case equals(String)
    case notEquals(String)
    case isIn([String])
    case notIn([String])
    case matches(String)
    case exists
    case missing

    public static let names = ["equals", "not_equals", "in", "not_in", "matches", "exists", "missing"]
}

/// `sync.max_deletes`: a count (`25`) or a share of the synced users (`5%`).
public enum DeletionLimit: Sendable, Equatable, CustomStringConvertible {
    case count(Int)
    case percent(Double)

    /// The number of deletes allowed when `syncedUsers` users are known to 360Learning.
    public func allowedDeletes(syncedUsers: Int) -> Int {
        switch self {
        case .count(let n): n
        case .percent(let p): Int((Double(syncedUsers) * p / 100).rounded(.down))
        }
    }

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
