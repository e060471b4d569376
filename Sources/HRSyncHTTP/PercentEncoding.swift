import Foundation

/// Percent-encoding of the text the clients put into URLs (ids from a plan file or an answer,
/// mails in a query): one place, so no client encodes a segment differently.
public enum PercentEncoding {
    /// RFC 3986's unreserved characters: everything else is encoded.
    static var unreserved: CharacterSet { CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~") }

    /// A query name or value: all but unreserved characters (so `+` in a mail survives, `[`/`]` are safe).
    public static func component(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// One path segment: a value never changes the path's shape. `/`, `?` and `#` are encoded by
    /// `component`; `.` and `..` are unreserved yet mean "this folder" and "the parent" to a
    /// resolver, so as a whole segment they are encoded too.
    public static func pathSegment(_ text: String) -> String {
        text == "." || text == ".." ? String(repeating: "%2E", count: text.count) : component(text)
    }
}
