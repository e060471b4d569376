/// A count with its noun in the right number ("1 user", "2 users", "0 users"): every summary that
/// counts says it this way instead of "1 users" or "snapshot(s)".
public enum Plural {
    /// `n` and the noun: `singular` for 1, else `plural` (default: `singular` + "s").
    public static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }
}
