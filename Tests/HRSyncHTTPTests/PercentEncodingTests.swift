import HRSyncHTTP
import Testing

/// A value put into a URL never changes its shape: not by `/`, `?` or `#`, and not by being a
/// dot segment, which a resolver reads as "this folder" or "the parent".
@Suite struct PercentEncodingTests {
    @Test func dotSegmentsAreEncoded() {
        #expect(PercentEncoding.pathSegment(".") == "%2E")
        #expect(PercentEncoding.pathSegment("..") == "%2E%2E")
        #expect(PercentEncoding.pathSegment("...") == "...", "three dots are a plain name")
        #expect(PercentEncoding.pathSegment("a.b") == "a.b")
    }

    @Test func separatorsAreEncodedAndIdsStayAsTheyAre() {
        #expect(PercentEncoding.pathSegment("../x") == "..%2Fx")
        #expect(PercentEncoding.pathSegment("a?b#c d") == "a%3Fb%23c%20d")
        #expect(PercentEncoding.pathSegment("64f1a2b3c4d5e6f7a8b9c0d1") == "64f1a2b3c4d5e6f7a8b9c0d1")
        #expect(PercentEncoding.component("a+b@x.example") == "a%2Bb%40x.example")
    }
}
