import Foundation

/// `state.keep`: which snapshots `gc` keeps, restic-style. Any subset of the rules; a snapshot
/// kept by one rule is kept. The plain form `90d` is `within: 90d`.
///
/// - `within`: every snapshot taken within that many days of the newest one (relative to the
///   newest, not to the clock, so a store nobody pulled into for months is not emptied by gc);
/// - `daily`/`weekly`/`monthly`: the newest snapshot of each of the last N days / ISO weeks /
///   months (UTC) that have a snapshot.
public struct KeepPolicy: Sendable, Equatable, CustomStringConvertible {
    /// `within`, in days; nil: the rule is not used.
    public var withinDays: Int?
    /// `daily`: how many days keep their newest snapshot; nil or 0: the rule is not used.
    public var daily: Int?
    /// `weekly`: how many ISO weeks keep their newest snapshot; nil or 0: not used.
    public var weekly: Int?
    /// `monthly`: how many months keep their newest snapshot; nil or 0: not used.
    public var monthly: Int?

    /// A policy of the rules given; with none, only the newest snapshot is kept.
    public init(withinDays: Int? = nil, daily: Int? = nil, weekly: Int? = nil, monthly: Int? = nil) {
        (self.withinDays, self.daily, self.weekly, self.monthly) = (withinDays, daily, weekly, monthly)
    }

    /// The rule names, as `state.keep` and `--keep` write them.
    public static let rules = ["within", "daily", "weekly", "monthly"]
    /// `within: 90d`, when `state.keep` is not set.
    public static let `default` = KeepPolicy(withinDays: 90)

    /// The rules as written in the config (`{within: 90d, daily: 30}`); "latest only" when none is set.
    public var description: String {
        var parts: [String] = []
        if let withinDays { parts.append("within: \(withinDays)d") }
        if let daily { parts.append("daily: \(daily)") }
        if let weekly { parts.append("weekly: \(weekly)") }
        if let monthly { parts.append("monthly: \(monthly)") }
        return parts.isEmpty ? "latest only" : "{" + parts.joined(separator: ", ") + "}"
    }

    /// A `state.keep` or `--keep` value that does not read.
    public struct Problem: Error, Equatable, LocalizedError {
        /// What is wrong and what to write instead, quoting the value given.
        public let message: String
        /// `message`, for `localizedDescription`.
        public var errorDescription: String? { message }
    }

    /// One rule from its YAML/CLI form: `within` takes a period (`90d`, `12w`, `1y`), the others a count.
    public mutating func set(_ rule: String, _ value: String) throws {
        switch rule {
        case "within":
            guard let days = RetentionPeriod.days(value) else { throw Problem(message: "keep.within must be a period like 90d, 12w or 1y, got '\(value)'") }
            withinDays = days
        case "daily", "weekly", "monthly":
            guard let count = Int(value), count >= 0 else { throw Problem(message: "keep.\(rule) must be a count like 30, got '\(value)'") }
            switch rule {
            case "daily": daily = count
            case "weekly": weekly = count
            default: monthly = count
            }
        default:
            throw Problem(message: "unknown keep rule '\(rule)' (known: \(Self.rules.joined(separator: ", ")))")
        }
    }

    /// The `--keep` form: `90d`, or rules `within=90d,daily=30` (`:` also accepted).
    public static func parse(_ spec: String) throws -> KeepPolicy {
        let text = spec.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "{}"))
        if let days = RetentionPeriod.days(text) { return KeepPolicy(withinDays: days) }
        var policy = KeepPolicy()
        var seen: Set<String> = []
        for item in text.split(separator: ",") {
            let pair = item.split(whereSeparator: { $0 == "=" || $0 == ":" }).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else {
                throw Problem(message: "--keep takes a period like 90d or rules like within=90d,daily=30,weekly=12,monthly=24; got '\(spec)'")
            }
            // The later value would silently win: the user meant one of them, and gc deletes by it.
            guard seen.insert(pair[0]).inserted else {
                throw Problem(message: "--keep names the rule '\(pair[0])' twice; give each rule once (e.g. daily=30,weekly=12)")
            }
            try policy.set(pair[0], pair[1])
        }
        guard !text.isEmpty else { throw Problem(message: "--keep must not be empty (e.g. 90d)") }
        return policy
    }

    /// The snapshots of one side the policy keeps (the newest always). Pure: `calendar` fixes the
    /// day/week/month boundaries (UTC in the product). Of two taken at the same time, the one
    /// listed first counts as the newer (a history is listed newest first).
    public func select<ID: Hashable>(_ snapshots: [(id: ID, takenAt: Date)], calendar: Calendar = KeepPolicy.utc) -> Set<ID> {
        let newestFirst = snapshots.enumerated().sorted { a, b in
            a.element.takenAt != b.element.takenAt ? a.element.takenAt > b.element.takenAt : a.offset < b.offset
        }.map(\.element)
        guard let newest = newestFirst.first else { return [] }
        var kept: Set<ID> = [newest.id]
        if let withinDays {
            let cut = newest.takenAt.addingTimeInterval(-Double(withinDays) * 86_400)
            for s in newestFirst where s.takenAt >= cut { kept.insert(s.id) }
        }
        func bucketed(_ count: Int?, _ bucket: (Date) -> [Int]) {
            guard let count, count > 0 else { return }
            var seen: [[Int]] = []
            for s in newestFirst {
                let b = bucket(s.takenAt)
                if seen.last == b { continue }  // newest first: the first of a bucket is its newest
                guard seen.count < count else { break }
                seen.append(b)
                kept.insert(s.id)
            }
        }
        bucketed(daily) {
            let c = calendar.dateComponents([.year, .month, .day], from: $0); return [c.year!, c.month!, c.day!]
        }
        bucketed(weekly) {
            let c = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: $0); return [c.yearForWeekOfYear!, c.weekOfYear!]
        }
        bucketed(monthly) {
            let c = calendar.dateComponents([.year, .month], from: $0); return [c.year!, c.month!]
        }
        return kept
    }

    /// The ISO 8601 calendar in UTC: the product's day, week and month boundaries.
    public static let utc: Calendar = {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
