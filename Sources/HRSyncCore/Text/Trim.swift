/// Whitespace trimming without Foundation's NSString bridge (which dominated planning time on
/// Linux): values are usually already trimmed, so the common case returns the string untouched.
extension String {
    /// Without leading and trailing Unicode whitespace (newlines included); `self` when there is none.
    public var trimmed: String {
        // ASCII fast path: a first and last byte that are printable ASCII letters end the check.
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F { return self }
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return self }
        let scalars = unicodeScalars.drop { $0.properties.isWhitespace }
        return String(String.UnicodeScalarView(scalars.reversed().drop { $0.properties.isWhitespace }.reversed()))
    }
}

extension String {
    /// `lowercased()`, returning the string itself when it holds no uppercase ASCII and no
    /// non-ASCII (emails and group names mostly): planning lowercases every email and placement.
    public var lowercasedForMatching: String {
        for byte in utf8 where byte >= 0x80 || (byte >= 0x41 && byte <= 0x5A) { return lowercased() }
        return self
    }
}
