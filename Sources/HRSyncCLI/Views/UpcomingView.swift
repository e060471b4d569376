import Foundation
import HRSyncCore

/// `hrsync upcoming`: the coming days' dated events, grouped by day; `--json` encodes the same.
struct UpcomingView: Encodable {
    var events: [UpcomingEvents.Event]
    var today: String
    var days: Int
    var zone: String

    enum CodingKeys: String, CodingKey { case events, today, days, zone = "timezone" }

    func text(_ console: Console) -> String {
        guard let last = CalendarDay.adding(days - 1, to: today) else { return "" }
        var lines = ["Upcoming from \(today) to \(last) (\(zone)): \(Plural.count(events.count, "event"))"]
        if events.isEmpty { lines.append("Nothing dated in these days: the rules act only on what changes in Personio.") }
        var day = ""
        for event in events {
            if event.day != day {
                day = event.day
                lines.append("")
                lines.append(console.paint("\(day) \(Self.weekday(day))", "1"))
            }
            lines.append("  \(Self.symbol(event.kind)) \(TerminalText.escape(Self.name(event.person))): \(Self.describe(event))")
        }
        return lines.joined(separator: "\n")
    }

    static func symbol(_ kind: UpcomingEvents.Event.Kind) -> String {
        switch kind {
        case .create: "+"
        case .deactivate: "×"
        case .delete: "-"
        }
    }

    static func name(_ person: PersonRef) -> String {
        let name = person.name.isEmpty ? "#\(person.personioID)" : person.name
        return person.email.map { "\(name) <\($0)>" } ?? name
    }

    static func describe(_ event: UpcomingEvents.Event) -> String {
        switch event.kind {
        case .create: "user created (hire date \(event.date), sync.prestart_days)"
        case .deactivate:
            "access ends at \(event.at ?? "the end of the day") (termination date \(event.date), sync.leavers: deactivate_on_termination_date)"
        case .delete: "user deleted once Personio marks them inactive (termination date \(event.date), sync.leavers: delete)"
        }
    }

    /// "Mon" for a "yyyy-MM-dd" calendar day (the day as named, not moved by any zone).
    static func weekday(_ day: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        guard let date = formatter.date(from: day) else { return "" }
        formatter.dateFormat = "EEE"
        return formatter.string(from: date)
    }
}
