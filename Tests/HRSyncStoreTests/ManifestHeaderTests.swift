import Foundation
import HRSyncTestSupport
import Testing

@testable import HRSyncStore

/// A manifest's header is read from its members without the entry columns, cut out by bytes: the
/// same header as from the whole document, for manifests the store writes and for odd JSON; what
/// the cut cannot read plainly is left to `JSONDecoder` whole.
@Suite struct ManifestHeaderTests {
    static func text(_ data: Data?) -> String? { data.map { String(decoding: $0, as: UTF8.self) } }

    @Test func aWrittenManifestsHeaderIsTheWholeDocumentsHeader() throws {
        let temp = try TemporaryState()
        let snapshots = temp.state.snapshots
        let base = try snapshots.write(
            Snapshot(kind: "personio", takenAt: Date(), meta: ["employees": "300", "odd": "]}\"{["], records: syntheticRecords(300)), parent: nil)
        let head = try snapshots.write(Snapshot(kind: "personio", takenAt: Date(), records: syntheticRecords(300, version: 1)), parent: base)
        for id in [base, head] {
            let data = try temp.state.objects.get(id, as: .snapshot)
            let cut = try #require(ManifestHeader.withoutColumns(data))
            #expect(cut.count < data.count / 4)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            decoder.userInfo[SnapshotManifest.headerOnly] = true
            let whole = try decoder.decode(SnapshotManifest.self, from: data), header = try decoder.decode(SnapshotManifest.self, from: cut)
            #expect(header.kind == whole.kind && header.takenAt == whole.takenAt && header.meta == whole.meta && header.parent == whole.parent)
            #expect(header.count == whole.count && header.packs == whole.packs && header.depth == whole.depth && header.removed == whole.removed)
            #expect(!(Self.text(cut) ?? "").contains("\"keys\"") && !(Self.text(cut) ?? "").contains("\"runs\""))
        }
    }

    @Test func oddDocumentsAreCutExactlyOrLeftWhole() {
        let cases: [(String, String?)] = [
            (#"{"keys":["a\"}]"],"kind":"x"}"#, #"{"kind":"x"}"#),
            (#" { "meta" : {"a":"]}","b":[1,{"c":null}]} , "runs":[[1,2,3]], "format":2 } "#, #"{"meta" : {"a":"]}","b":[1,{"c":null}]},"format":2}"#),
            (#"{"entries":[["k",0,1]],"count":-1.5e3,"ok":true}"#, #"{"count":-1.5e3,"ok":true}"#),
            (#"{"keys":[],"runs":[]}"#, "{}"),
            ("{}", "{}"),
            (#"{"k\u0065ys":[]}"#, nil),  // an escaped key: not read plainly
            (#"{"keys":["a"]"#, nil),  // truncated
            (#"{"keys":["a"],}"#, nil),
            (#"{"keys":["a\"]}"#, nil),  // the string never ends
            (#"{"a":1}x"#, nil),
            (#"{"a":]}"#, nil),
            (#"{"a":,"b":1}"#, nil),
            ("[1]", nil),
            ("", nil),
            (#"{"a":"\"#, nil)
        ]
        for (input, expected) in cases {
            #expect(Self.text(ManifestHeader.withoutColumns(Data(input.utf8))) == expected, "\(input)")
        }
    }

    /// Random JSON values: strings with escapes and odd characters, numbers, literals, nesting.
    static func value(_ random: inout SeededRandom, depth: Int = 0) -> Any {
        switch Int.random(in: 0...(depth > 3 ? 3 : 6), using: &random) {
        case 0: return ["a", "\"", "\\", "]}", "\u{1}", "é", "😀", "\n[", ""].randomElement(using: &random)! + "x"
        case 1: return Int.random(in: -1_000...1_000, using: &random)
        case 2: return Double(Int.random(in: -99...99, using: &random)) / 8
        case 3: return [true, false, NSNull()].randomElement(using: &random)!
        case 4, 5: return (0..<Int.random(in: 0...3, using: &random)).map { _ in value(&random, depth: depth + 1) }
        default:
            var object: [String: Any] = [:]
            for n in 0..<Int.random(in: 0...3, using: &random) {
                object["k\(n)\(["", "\"", "]"].randomElement(using: &random)!)"] = value(&random, depth: depth + 1)
            }
            return object
        }
    }

    @Test func randomObjectsLoseTheirColumnsAndNothingElse() throws {
        var random = SeededRandom.forTest()
        for _ in 0..<400 {
            var object: [String: Any] = [:]
            for name in ["format", "kind", "meta", "keys", "runs", "entries", "packs", "odd name", "é"] where Bool.random(using: &random) {
                object[name] = Self.value(&random)
            }
            let options: JSONSerialization.WritingOptions = Bool.random(using: &random) ? [.prettyPrinted] : []
            let data = try JSONSerialization.data(withJSONObject: object, options: options)
            let cut = try #require(ManifestHeader.withoutColumns(data), "\(Self.text(data) ?? "") \(random.replay)")
            let kept = try #require(try JSONSerialization.jsonObject(with: cut) as? NSDictionary)
            for name in ["keys", "runs", "entries"] { object[name] = nil }
            #expect(kept == object as NSDictionary, "\(Self.text(data) ?? "") \(random.replay)")
        }
    }

    @Test func randomBytesNeverTrap() {
        var random = SeededRandom.forTest()
        let alphabet = Array(#"{}[]":,\ ab0-"#.utf8)
        for _ in 0..<5_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            _ = ManifestHeader.withoutColumns(Data(bytes))
        }
    }
}
