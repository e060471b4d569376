import ArgumentParser
import HRSyncCore

/// `--as-of DATE` (plan, explain): the date rules (the pre-start window, termination dates) take
/// DATE as today, with today's data. Only the day the pure core is given changes; no rule knows.
struct AsOfOption: ParsableArguments {
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "Plan as it would be on this day (yyyy-MM-dd) with the latest stored snapshots: a preview, never pulled, saved or appliable (no lock, no -o, no --metrics-file).",
            valueName: "date"))
    var text: String?

    /// Checked while parsing, so a bad day is a usage error shown with the command's own usage.
    func validate() throws { _ = try day }

    /// The day given, checked; nil without the option.
    var day: String? {
        get throws {
            guard let text else { return nil }
            guard let day = CalendarDay.parse(text) else { throw ValidationError("--as-of takes a calendar day such as 2027-01-31, got '\(text)'") }
            return day
        }
    }
}
