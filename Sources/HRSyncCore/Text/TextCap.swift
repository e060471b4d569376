/// The longest text hrsync takes from a vendor. Neither API documents maxima for names, mails,
/// jobs or custom values, so the caps are sane ones: 254 for an email (the longest address SMTP
/// can carry), 1,000 characters for anything else. Without them a 10 MB job title made a 31 MB
/// plan and was sent to 360Learning. A value over its cap is not kept: it reads as missing, which
/// leaves the other side's field as it is (SYNC-RULES §3), rather than writing a truncated value.
public enum TextCap {
    /// Characters in an email (Personio's `email`, 360Learning's `mail`).
    public static let email = 254
    /// Characters in any other text: names, job, custom values.
    public static let text = 1_000

    /// The cap of a Personio attribute key or a 360Learning field name (`mail`).
    public static func limit(for key: String) -> Int {
        key == PersonioKey.email || key == "mail" ? email : text
    }

    /// The length of `text` when it is over `limit` characters, else nil (cheap for short text:
    /// a string of no more UTF-8 bytes than the cap cannot have more characters).
    public static func excess(_ text: String, limit: Int) -> Int? {
        guard text.utf8.count > limit else { return nil }
        let count = text.count
        return count > limit ? count : nil
    }

    /// The length of the longest text in `value` when over the key's cap (a list counts as written, joined).
    public static func excess(_ value: AttributeValue, key: String) -> Int? {
        switch value {
        case .text(let s), .date(let s): excess(s, limit: limit(for: key))
        case .list: value.text.flatMap { excess($0, limit: limit(for: key)) }
        case .employee, .empty: nil
        }
    }
}
