/// SYNC-RULES §7, shrink guard on pull: a Personio snapshot smaller than the previous one by more
/// than `sync.max_shrink` is refused, because a credential that lost attribute or employee
/// permissions looks exactly like a mass termination.
public enum ShrinkGuard {
    /// Whether a pull may become the current snapshot.
    public enum Verdict: Equatable, Sendable {
        /// Not shrunk beyond the limit, or no previous snapshot to compare with.
        case accept
        /// Shrunk by `shrinkPercent` %, over `limitPercent`: the previous snapshot stays current unless `pull --force`.
        case refuse(previous: Int, current: Int, shrinkPercent: Double, limitPercent: Double)
    }

    /// Compares this pull's count with the previous snapshot's (nil: none), against `sync.max_shrink` in percent.
    public static func check(previous: Int?, current: Int, maxShrinkPercent: Double) -> Verdict {
        guard let previous, previous > 0, current < previous else { return .accept }
        let shrink = Double(previous - current) / Double(previous) * 100
        return shrink > maxShrinkPercent
            ? .refuse(previous: previous, current: current, shrinkPercent: shrink, limitPercent: maxShrinkPercent)
            : .accept
    }
}
