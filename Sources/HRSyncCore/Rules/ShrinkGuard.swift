/// SYNC-RULES §7, shrink guard on pull: a Personio snapshot smaller than the previous one by more
/// than `sync.max_shrink` is refused, because a credential that lost attribute or employee
/// permissions looks exactly like a mass termination.
public enum ShrinkGuard {
    public enum Verdict: Equatable, Sendable {
        case accept
        case refuse(previous: Int, current: Int, shrinkPercent: Double, limitPercent: Double)
    }

    public static func check(previous: Int?, current: Int, maxShrinkPercent: Double) -> Verdict {
        guard let previous, previous > 0, current < previous else { return .accept }
        let shrink = Double(previous - current) / Double(previous) * 100
        return shrink > maxShrinkPercent
            ? .refuse(previous: previous, current: current, shrinkPercent: shrink, limitPercent: maxShrinkPercent)
            : .accept
    }
}
