/// `hrsync upcoming`: the dated events the rules will act on in the coming days, from the same
/// snapshots and rules a plan uses (SYNC-RULES §7): a pre-start creation, the end of a
/// termination day. Pure: `today` is given, and the zone comes from the config.
public enum UpcomingEvents {
    /// One event on one day for one person.
    public struct Event: Codable, Equatable, Sendable {
        /// What happens that day.
        public enum Kind: String, Codable, Sendable, CaseIterable {
            /// `sync.prestart_days`: the first day the onboarding employee's user is created.
            case create
            /// `deactivate_on_termination_date`: 360Learning ends the user's access at the end of the day.
            case deactivate
            /// `sync.leavers: delete`: the day after the termination date, when Personio marks the
            /// employee inactive and the next run deletes the user.
            case delete
        }

        /// The day ("yyyy-MM-dd", in `sync.timezone`) the event falls on.
        public var day: String
        /// What happens.
        public var kind: Kind
        /// Who it happens to.
        public var person: PersonRef
        /// The Personio date it comes from: the hire date (`create`) or the termination date.
        public var date: String
        /// `deactivate` only: the instant (UTC) 360Learning ends access, as hrsync schedules it.
        public var at: String?

        enum CodingKeys: String, CodingKey { case day, kind, person, date, at }
    }

    /// The events from `today` to `days` days after it (both included), by day, then kind, then Personio id.
    public static func list(employees: [Int: Employee], lms: LMSState, config: HRSyncConfig, today: String, days: Int) -> [Event] {
        guard let last = CalendarDay.adding(days, to: today) else { return [] }
        let sync = config.sync
        let index = MatchIndex(lms: lms, employees: employees.values)
        var events: [Event] = []
        for id in employees.keys.sorted() {
            guard let employee = employees[id], ScopeRule.decide(employee, sync) == .wanted else { continue }
            let match = MatchRule.match(employee, index, order: sync.match)
            switch match {
            case .matched, .unmatched: break
            default: continue  // a conflict: the plan does nothing for them until it is resolved
            }
            if match == .unmatched, let mail = employee.email, EmailSyntax.isValid(mail),
                // A window opening today is today's event; one opened earlier is no longer upcoming.
                let first = PrestartRule.windowOpens(employee, days: sync.prestartDays), first >= today, first <= last,
                case .date(let hire)? = employee[PersonioKey.hireDate]
            {
                events.append(Event(day: first, kind: .create, person: PersonRef(employee), date: hire))
            }
            guard case .date(let end)? = employee[PersonioKey.terminationDate], end >= today else { continue }
            switch LeaverRule.outcome(for: employee, mode: sync.leavers, today: today, zone: sync.timeZone) {
            case .deactivate(let day, let at) where day <= last:
                events.append(Event(day: day, kind: .deactivate, person: PersonRef(employee), date: end, at: at))
            case .none where sync.leavers == .delete:
                guard case .matched = match, let next = CalendarDay.adding(1, to: end), next <= last else { continue }
                events.append(Event(day: next, kind: .delete, person: PersonRef(employee), date: end))
            default: continue
            }
        }
        let order = Dictionary(uniqueKeysWithValues: Event.Kind.allCases.enumerated().map { ($1, $0) })
        return events.sorted { ($0.day, order[$0.kind]!, $0.person.personioID) < ($1.day, order[$1.kind]!, $1.person.personioID) }
    }
}
