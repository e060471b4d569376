/// How long ago something happened, as `status`, `plan --offline` and `explain` say it.
public enum Age {
    /// "45 s ago", "12 min ago", "5 h ago", "3 days ago"; a time in the future reads as "0 s ago".
    public static func ago(seconds: Int) -> String {
        let seconds = max(0, seconds)
        return seconds < 120
            ? "\(seconds) s ago"
            : seconds < 7200 ? "\(seconds / 60) min ago" : seconds < 172_800 ? "\(seconds / 3600) h ago" : "\(seconds / 86400) days ago"
    }
}
