import Foundation
import Testing

@testable import HRSyncStore

/// Inputs the fuzzers (Fuzz/) found, kept in Tests/Fixtures/fuzz-crashes/<harness>/.
@Suite struct FuzzRegressionTests {
    static let crashes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz-crashes")

    /// A key whose stored rest began with a combining mark fused with the prefix's colon, so the
    /// store wrote manifests it then refused to read ("bad key").
    @Test func manifestKeysStartingWithACombiningMarkReadBack() throws {
        let data = try Data(contentsOf: Self.crashes.appendingPathComponent("manifest/key-starting-with-combining-mark.json"))
        let manifest = try SnapshotManifest.decode(data)
        #expect(manifest.entries.map(\.key) == ["\u{61A}"])
        #expect(try SnapshotManifest.decode(try manifest.encoded()).entries == manifest.entries)
    }

    @Test func snapshotWithADecomposedKeyReadsBack() throws {
        let temp = try TemporaryState()
        // "a" then "a" + U+0301: the second key is stored as "1:" + the accent alone.
        let records = ["a": Data(#"{"id":1}"#.utf8), "a\u{301}x": Data(#"{"id":2}"#.utf8)]
        let id = try temp.state.snapshots.write(Snapshot(kind: "360learning", takenAt: Date(timeIntervalSince1970: 0), records: records), parent: nil)
        #expect(try temp.state.snapshots.read(id).records == records)
    }
}
