import Foundation

/// `sync.leavers: deactivate_on_termination_date` (SYNC-RULES §7): an employee still active in
/// Personio with a termination date gets 360Learning's `toBeDeactivatedAt` set to the end of that
/// day in the company's time zone, so access ends on the day itself, not at the next 02:00 run.
/// Pure: `today` and the zone are given.
public enum LeaverRule {
    /// What `sync.leavers` asks for one employee's user.
    public enum Outcome: Equatable, Sendable {
        /// No date to schedule (mode `delete`, no termination date, or not a date).
        case none
        /// Schedule the deactivation: the termination day and the instant (UTC, ISO 8601) it ends.
        case deactivate(day: String, at: String)
        /// The termination day is over but Personio still says active: access should have ended.
        case dayPassed(String)
    }

    /// The outcome for `employee`; `today` is "yyyy-MM-dd" in `zone` (nil: no day counts as passed).
    public static func outcome(for employee: Employee, mode: LeaverMode, today: String?, zone: TimeZone) -> Outcome {
        guard mode == .deactivateOnTerminationDate, case .date(let day)? = employee[PersonioKey.terminationDate],
            let end = endOfDay(day, in: zone)
        else { return .none }
        if let today, day < today { return .dayPassed(day) }
        return .deactivate(day: day, at: end)
    }

    /// 23:59:59 of `day` ("yyyy-MM-dd") in `zone`, as 360Learning's date-time (UTC, milliseconds).
    public static func endOfDay(_ day: String, in zone: TimeZone) -> String? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]),
            let start = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
            calendar.component(.day, from: start) == parts[2],
            let later = calendar.date(byAdding: .day, value: 1, to: start)
        else { return nil }
        // The next day's start, not "start + 1 day": where DST skips midnight, a day starts at 01:00.
        return format(calendar.startOfDay(for: later).addingTimeInterval(-1))
    }

    /// Two of 360Learning's date-times name the same instant (it may answer with or without
    /// milliseconds); nil equals only nil.
    public static func sameInstant(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let a?, let b?): a == b || (parse(a).map { x in parse(b).map { abs(x.timeIntervalSince($0)) < 0.001 } ?? false } ?? false)
        default: false
        }
    }

    /// A 360Learning date-time (ISO 8601, with or without milliseconds); nil when it is not one.
    public static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
