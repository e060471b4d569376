/// Makes text from the APIs safe to print on a terminal: control characters (ESC, CR, BEL, …,
/// C1 controls, bidi overrides) are shown as `\u{…}` escapes instead of being interpreted.
public enum TerminalText {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
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

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true          // C0, DEL, C1
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true  // bidi marks and overrides
        case 0x2028, 0x2029, 0xFEFF: true            // line/paragraph separators, BOM (zero width)
        default: false
        }
    }
}
