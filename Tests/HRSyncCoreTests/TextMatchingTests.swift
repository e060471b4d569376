import Foundation
import HRSyncCore
import Testing

/// `trimmed` and `lowercasedForMatching` take shortcuts over a string's bytes: they must answer as
/// the general definitions do, for ASCII and not, native and bridged strings alike.
@Suite struct TextMatchingTests {
    static let samples: [String] = [
        "", " ", "a", "A", " a", "a ", "\\n", "ada@acme.example", "Ada@ACME.example", " ada@acme.example\\t", "\\u{00A0}Berlin\\u{2003}",
        "Zoë", "ZOË ", "İstanbul", "Straße", "~", "\\u{7F}x", "x\\u{7F}", "a\\u{0301}", "\\u{1F600}", "sales\\r\\n", "Engineering",
        "this is a longer value over fifteen bytes", "  padded over fifteen bytes  "
    ]

    @Test(arguments: samples) func trimmedIsTheWhitespaceTrim(_ text: String) {
        let reference = text.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(text.trimmed == reference)
        // The same text, not in native contiguous storage (a Substring made into a String, an NSString's).
        #expect(String(text[...]).trimmed == reference)
        #expect((NSString(string: text) as String).trimmed == reference)
    }

    @Test(arguments: samples) func lowercasedForMatchingIsLowercased(_ text: String) {
        #expect(text.lowercasedForMatching == text.lowercased())
        #expect((NSString(string: text) as String).lowercasedForMatching == text.lowercased())
    }
}
