/// Each employee's match (SYNC-RULES §2), kept in the two halves the planner computed it in: the
/// ids below `split` and the rest (the sorted ids cut in the middle). A lookup goes to the one
/// half its id falls in; merging the halves into one table was 30 ms of one core at 100,000
/// employees, between the parts that run on both.
struct MatchTable: Sendable {
    private let below: [Int: MatchRule.Outcome]
    private let rest: [Int: MatchRule.Outcome]
    private let split: Int

    /// The halves: `below` holds ids under `split`, `rest` the others.
    init(below: [Int: MatchRule.Outcome], rest: [Int: MatchRule.Outcome], split: Int) {
        (self.below, self.rest, self.split) = (below, rest, split)
    }

    /// Where the sorted `ids` are cut: the first of the second half (`Int.max` when it is empty).
    static func split(of ids: [Int]) -> (count: Int, at: Int) {
        let count = ids.count / 2
        return (count, ids.indices.contains(count) ? ids[count] : .max)
    }

    /// The match of the employee `id`; the other half is asked too only when the first has none
    /// (an input whose keys are not its employees' ids: keyed by the employee, as before).
    subscript(id: Int) -> MatchRule.Outcome? {
        id < split ? below[id] ?? rest[id] : rest[id] ?? below[id]
    }
}
