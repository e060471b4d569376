import Foundation

/// `sync.prestart_days: N`: an onboarding employee is created only from N days before their hire
/// date, so no invitation goes out and no seat is used weeks early. Pure: `today` is given.
public enum PrestartRule {
    /// The first day the employee may be created, when that is after `today`; nil: create now.
    public static func waitsUntil(_ employee: Employee, days: Int?, today: String?) -> String? {
        guard let today, let first = windowOpens(employee, days: days) else { return nil }
        return first > today ? first : nil
    }

    /// The first day of an onboarding employee's pre-start window (hire date minus `days`), past or
    /// not; nil when the window does not apply to them.
    public static func windowOpens(_ employee: Employee, days: Int?) -> String? {
        guard let days, StatusClass.of(employee.status) == .wanted, employee.status == "onboarding",
            case .date(let hire)? = employee.attributes[PersonioKey.hireDate]
        else { return nil }
        return CalendarDay.adding(-days, to: hire)
    }
}

/// Calendar days as "yyyy-MM-dd" (Personio's dates, kept as the calendar day): arithmetic in UTC,
/// so no time zone moves a day.
public enum CalendarDay {
    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    /// `day` moved by `days` (negative: earlier); nil when `day` is not "yyyy-MM-dd".
    public static func adding(_ days: Int, to day: String) -> String? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
            let moved = calendar.date(byAdding: .day, value: days, to: date)
        else { return nil }
        let c = calendar.dateComponents([.year, .month, .day], from: moved)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// `text` when it is a real calendar day written "yyyy-MM-dd" (2027-02-30 is not); nil otherwise.
    public static func parse(_ text: String) -> String? {
        guard text.utf8.count == 10, let day = adding(0, to: text), day == text else { return nil }
        return day
    }

    /// Today's calendar day in a time zone (the caller owns the clock).
    public static func of(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
}
