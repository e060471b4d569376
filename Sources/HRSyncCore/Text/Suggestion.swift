/// "did you mean …?" for every name a user types (config keys and values, commands, fields): one
/// rule for what counts as a plausible typo.
public enum Suggestion {
    /// The known name nearest to `given` (case-insensitive), if it is plausibly a typo of it: at most
    /// 2 edits, or a third of the name's length for longer names.
    public static func closest(to given: String, in known: [String]) -> String? {
        let typed = given.lowercased()
        let scored = known.map { ($0, distance(typed, $0.lowercased())) }.min { $0.1 < $1.1 }
        guard let (best, edits) = scored, edits <= max(2, given.count / 3) else { return nil }
        return best
    }

    /// Levenshtein distance: insertions, deletions and substitutions of Characters.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
