/// A count with its noun in the right number ("1 user", "2 users", "0 users"): every summary that
/// counts says it this way instead of "1 users" or "snapshot(s)".
public enum Plural {
    /// `n` and the noun: `singular` for 1, else `plural` (default: `singular` + "s").
    public static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }
}

/// Items as a sentence lists them: "a", "a and b", "a, b and c".
public enum ListFormatter {
    /// The items joined with commas and a final "and".
    public static func and(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
