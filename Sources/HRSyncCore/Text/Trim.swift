/// Whitespace trimming without Foundation's NSString bridge (which dominated planning time on
/// Linux): values are usually already trimmed, so the common case returns the string untouched.
extension String {
    /// Without leading and trailing Unicode whitespace (newlines included); `self` when there is none.
    public var trimmed: String {
        // ASCII fast path: a first and last byte that are printable ASCII end the check. Read from
        // the contiguous bytes: `utf8.first`/`.last` went through generic index code (a sixth of
        // indexing 100,000 users' mails).
        if utf8.withContiguousStorageIfAvailable({ Self.isPrintableASCII($0.first) && Self.isPrintableASCII($0.last) }) == true { return self }
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return self }
        let scalars = unicodeScalars.drop { $0.properties.isWhitespace }
        return String(String.UnicodeScalarView(scalars.reversed().drop { $0.properties.isWhitespace }.reversed()))
    }

    private static func isPrintableASCII(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte > 0x20 && byte < 0x7F
    }
}

extension String {
    /// `lowercased()`, returning the string itself when it holds no uppercase ASCII and no
    /// non-ASCII (emails and group names mostly): planning lowercases every email and placement.
    public var lowercasedForMatching: String {
        let plain = utf8.withContiguousStorageIfAvailable { bytes in !bytes.contains { $0 >= 0x80 || ($0 >= 0x41 && $0 <= 0x5A) } }
        return plain ?? !utf8.contains { $0 >= 0x80 || ($0 >= 0x41 && $0 <= 0x5A) } ? self : lowercased()
    }
}
