/// The one list of characters that data from the APIs must not bring to a terminal, a JSON reader
/// or a page as themselves: they move the cursor, reorder the line (Trojan Source) or hide.
public enum UnsafeScalars {
    /// DEL, C1 controls, bidi marks and overrides, line/paragraph separators (they end a
    /// JavaScript line) and the BOM (zero width): escaped in JSON and on a terminal.
    public static func isInvisibleOrReordering(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x7F...0x9F: true  // DEL, C1
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true  // bidi marks and overrides
        case 0x2028, 0x2029, 0xFEFF: true  // line/paragraph separators, BOM
        default: false
        }
    }

    /// On a terminal also every C0 control (ESC, CR, BEL, …); JSON encoders escape those themselves.
    public static func isUnsafeOnTerminal(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || isInvisibleOrReordering(scalar)
    }
}
