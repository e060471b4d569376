import Foundation

/// `20%` → 20. Shares are 0…100.
public enum Share {
    /// The share in `text` (a number, then `%`); nil when it is not one or lies outside 0…100.
    public static func percent(_ text: String) -> Double? {
        guard text.hasSuffix("%"), let value = Double(text.dropLast().trimmingCharacters(in: .whitespaces)),
            value >= 0, value <= 100
        else { return nil }
        return value
    }
}

/// `90d`, `12w`, `1y` → days.
public enum RetentionPeriod {
    /// The period in days (a year is 365); nil for another unit, a count below 1, or an overflow.
    public static func days(_ text: String) -> Int? {
        guard let unit = text.last, let count = Int(text.dropLast()), count > 0 else { return nil }
        let perUnit: Int
        switch unit {
        case "d": perUnit = 1
        case "w": perUnit = 7
        case "y": perUnit = 365
        default: return nil
        }
        // The text comes from the config file: a period whose days overflow is refused, not trapped on.
        let (days, overflow) = count.multipliedReportingOverflow(by: perUnit)
        return overflow ? nil : days
    }
}

/// A practical email check (one `@`, a dotted domain, no spaces); not full RFC 5322.
public enum EmailSyntax {
    /// Whether `text` passes; surrounding whitespace fails it, so callers trim first.
    public static func isValid(_ text: String) -> Bool {
        text.range(of: #"^[^@\s]+@[^@\s]+\.[^@\s]+$"#, options: .regularExpression) != nil
    }
}

/// Base URLs must be https, except on loopback (the sandbox, tests).
public enum URLPolicy {
    /// Why `check` refused a base URL.
    public struct Problem: Error, Equatable {
        /// The sentence for the user, naming the URL (its credentials left out) and the fix.
        public let message: String
    }

    /// The URL without trailing slashes, or why it is refused: not a URL, credentials or a query in it, or not https off loopback.
    public static func check(_ text: String) -> Result<String, Problem> {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else {
            return .failure(Problem(message: "'\(text)' is not a URL like https://api.example.com"))
        }
        guard components.user == nil, components.password == nil else {
            // Not echoed: what stands before the @ is a credential.
            return .failure(Problem(message: "'\(scheme)://…@\(host)' must not carry credentials (give them as *_env or *_file)"))
        }
        guard components.query == nil else {
            return .failure(Problem(message: "'\(text)' must not carry a query"))
        }
        switch scheme {
        case "https": break
        case "http" where isLoopback(host): break
        case "http": return .failure(Problem(message: "'\(text)' must use https (plain http is only allowed on loopback)"))
        default: return .failure(Problem(message: "'\(text)' must be an https URL"))
        }
        var normalized = text
        while normalized.hasSuffix("/") { normalized.removeLast() }
        return .success(normalized)
    }

    /// `localhost`, `::1`, or a literal IPv4 address in 127.0.0.0/8 in canonical dotted decimal
    /// (four parts, 0–255, no leading zeros). Anything else goes to the resolver: a name that starts
    /// with "127." (127.0.0.1.nip.io) resolves anywhere, and "127.0.0.08" is not an address either.
    public static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { octet in
            (1...3).contains(octet.count) && octet.allSatisfy { ("0"..."9").contains($0) }
                && (octet == "0" || octet.first != "0") && Int(octet)! <= 255
        }
    }
}
