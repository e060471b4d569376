import Foundation
import HRSyncCore
import Testing

/// `state.keep` and the snapshots it keeps, over a year of daily pulls (2026-01-01 … 2026-12-31,
/// 06:00 UTC; 2026-12-31 is a Thursday of ISO week 53).
struct KeepPolicyTests {
    static let day0 = ISO8601DateFormatter().date(from: "2026-01-01T06:00:00Z")!
    static let year: [(id: Int, takenAt: Date)] = (0..<365).map { ($0, day0.addingTimeInterval(Double($0) * 86_400)) }

    static func date(_ index: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: year[index].takenAt)
    }

    @Test(arguments: [
        // (policy, how many it keeps, the oldest it keeps)
        (KeepPolicy(withinDays: 90), 91, "2026-10-02"),
        (KeepPolicy(daily: 30), 30, "2026-12-02"),
        (KeepPolicy(weekly: 12), 12, "2026-10-18"),
        (KeepPolicy(monthly: 24), 12, "2026-01-31"),
        (KeepPolicy(monthly: 3), 3, "2026-10-31"),
        (KeepPolicy(withinDays: 90, monthly: 12), 100, "2026-01-31"),
        (KeepPolicy(daily: 7, weekly: 4), 9, "2026-12-13"),
        (KeepPolicy(withinDays: 90, daily: 30, weekly: 12, monthly: 24), 100, "2026-01-31"),
        (KeepPolicy(), 1, "2026-12-31")
    ])
    func keepsWhatThePolicySays(policy: KeepPolicy, count: Int, oldest: String) {
        let kept = policy.select(Self.year)
        #expect(kept.count == count, "\(policy)")
        #expect(kept.min().map(Self.date) == oldest, "\(policy)")
        #expect(kept.contains(364), "the newest is always kept")
    }

    @Test func weeklyAndMonthlyKeepTheNewestOfEachPeriod() {
        let weekly = KeepPolicy(weekly: 12).select(Self.year).sorted()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        // Each ISO week ends on a Sunday (weekday 1); the newest week ends on the newest snapshot.
        #expect(weekly.dropLast().allSatisfy { calendar.component(.weekday, from: Self.year[$0].takenAt) == 1 })
        let monthly = KeepPolicy(monthly: 12).select(Self.year).sorted().map(Self.date)
        #expect(monthly.first == "2026-01-31" && monthly.contains("2026-02-28") && monthly.last == "2026-12-31")
        #expect(Set(KeepPolicy(withinDays: 90).select(Self.year)) == Set(274...364))
    }

    @Test func ofTwoAtTheSameTimeTheFirstListedIsTheNewer() {
        let now = Self.day0
        #expect(KeepPolicy(daily: 1).select([(id: "head", takenAt: now), (id: "older", takenAt: now)]) == ["head"])
        #expect(KeepPolicy().select([(id: "b", takenAt: now), (id: "a", takenAt: now)]) == ["b"])
    }

    @Test func emptyInputKeepsNothing() {
        #expect(KeepPolicy.default.select([(id: Int, takenAt: Date)]()).isEmpty)
    }

    @Test func parsesTheCommandLineForms() throws {
        #expect(try KeepPolicy.parse("90d") == KeepPolicy(withinDays: 90))
        #expect(try KeepPolicy.parse("12w") == KeepPolicy(withinDays: 84))
        #expect(try KeepPolicy.parse("within=90d,monthly=12") == KeepPolicy(withinDays: 90, monthly: 12))
        #expect(try KeepPolicy.parse("{daily: 30, weekly: 12}") == KeepPolicy(daily: 30, weekly: 12))
        #expect(throws: KeepPolicy.Problem.self) { try KeepPolicy.parse("forever") }
        #expect(throws: KeepPolicy.Problem.self) { try KeepPolicy.parse("hourly=3") }
        #expect(throws: KeepPolicy.Problem.self) { try KeepPolicy.parse("daily=-1") }
    }

    /// `daily=30,daily=10` kept only the last value: gc would have deleted by a rule the user did not mean.
    @Test(arguments: ["daily=30,daily=10", "within=90d,monthly=12,within=30d", "weekly:4, weekly=4"])
    func aRepeatedRuleIsRefusedByName(spec: String) throws {
        let rule = String(spec.prefix { $0 != "=" && $0 != ":" })
        #expect { try KeepPolicy.parse(spec) } throws: { error in
            (error as? KeepPolicy.Problem)?.message == "--keep names the rule '\(rule)' twice; give each rule once (e.g. daily=30,weekly=12)"
        }
    }

    @Test func theConfigTakesBothForms() throws {
        let head = "personio: {}\nlearning360:\n  admin_email: a@b.example\nstate:\n"
        #expect(try ConfigLoader.load(yaml: head + "  keep: 1y\n", file: "x").state.keep == KeepPolicy(withinDays: 365))
        let rules = try ConfigLoader.load(yaml: head + "  keep: {within: 90d, daily: 30, weekly: 12, monthly: 24}\n", file: "x").state.keep
        #expect(rules == KeepPolicy(withinDays: 90, daily: 30, weekly: 12, monthly: 24))
        #expect(try ConfigLoader.load(yaml: "personio: {}\nlearning360:\n  admin_email: a@b.example\n", file: "x").state.keep == .default)
        #expect(try ConfigLoader.load(yaml: head + "  gc: auto\n", file: "x").state.autoGc)
        #expect(try ConfigLoader.load(yaml: head + "  gc: manual\n", file: "x").state.autoGc == false)
        #expect(throws: ConfigError.self) { try ConfigLoader.load(yaml: head + "  gc: sometimes\n", file: "x") }
    }
}
