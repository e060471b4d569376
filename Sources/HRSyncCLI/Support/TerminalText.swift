import HRSyncCore

/// Makes text from the APIs safe to print on a terminal: control characters (ESC, CR, BEL, …,
/// C1 controls, bidi overrides) are shown as `\u{…}` escapes instead of being interpreted.
public enum TerminalText {
    /// `text` with each unsafe scalar escaped and each backslash doubled, so an escape in the output is always hrsync's.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if UnsafeScalars.isUnsafeOnTerminal(scalar) {
                switch scalar {
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                case "\r": out += "\\r"
                default: out += "\\u{\(String(scalar.value, radix: 16))}"
                }
            } else if scalar == "\\" {
                out += "\\\\"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
