/// SYNC-RULES §1: what hrsync does with an employee, by Personio `status`.
public enum StatusClass: String, Sendable, Equatable {
    /// active, onboarding, leave: created or updated in 360Learning.
    case wanted
    /// inactive: deleted (soft) in 360Learning if matched.
    case leaver
    /// anything else or missing: skipped with a warning.
    case invalid

    /// The class of a Personio status, compared case-insensitively; missing or unknown: `invalid`.
    public static func of(_ status: String?) -> StatusClass {
        switch status?.lowercased() {
        case "active", "onboarding", "leave": .wanted
        case "inactive": .leaver
        default: .invalid
        }
    }
}
