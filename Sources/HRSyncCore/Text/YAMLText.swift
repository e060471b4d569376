import Foundation

/// Text written into YAML files (the sandbox's configs, discover's draft): double-quoted values, so a path with
/// ` #` (a comment), `: ` or quotes in it is read back as written.
public enum YAMLText {
    /// `text` as a double-quoted YAML scalar: backslash, quote and control characters escaped.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                let value = scalar.value
                // C0, DEL, C1, the line and paragraph separators and the BOM: YAML would not keep them as written.
                if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029 || value == 0xFEFF {
                    let hex = String(value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// `text` for a `#` comment: on one line whatever it holds (a line break would end the comment).
    public static func comment(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x2028 || $0.value == 0x2029 ? "?" : $0 }))
    }

    // YAML flow scalars as a person would write them, for `explain` (filters as hrsync.yaml has
    // them): bare when YAML reads the text back as the same string, single-quoted otherwise.
    static func scalar(_ text: String) -> String {
        let special = CharacterSet(charactersIn: ",[]{}:#&*!|>'\"%@`")
        let plain =
            !text.isEmpty && text.trimmingCharacters(in: .whitespaces) == text && text.rangeOfCharacter(from: special) == nil
            && !["true", "false", "yes", "no", "on", "off", "null", "~"].contains(text.lowercased()) && Double(text) == nil
            && !text.hasPrefix("-") && !text.hasPrefix("?")
        return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    static func list(_ values: [String]) -> String {
        "[" + values.map(scalar).joined(separator: ", ") + "]"
    }
}
