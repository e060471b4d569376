import Foundation
import HRSyncTestSupport
import Testing

@testable import HRSyncStore

/// The faster reads (#29) give what the whole read gives: pack lines by memchr, a read of some
/// keys, and a snapshot's info from its manifest's header alone.
@Suite struct SnapshotReadTests {
    @Test func packLinesAreWhatSplittingAtEveryNewlineGives() {
        var random = SeededRandom.forTest()
        let samples = ["", "\n", "\n\n", "a", "a\n", "\na", "ab\n\ncd\n", "~x y\n{}\n{}"].map { Data($0.utf8) }
        let generated = (0..<200).map { _ in
            Data((0..<Int.random(in: 0...40, using: &random)).map { _ in [0x0A, 0x61, 0x7E][Int.random(in: 0...2, using: &random)] })
        }
        for payload in samples + generated {
            let expected = payload.split(separator: 0x0A, omittingEmptySubsequences: false).map { Data($0) }
            #expect(PackReader.lineRanges(payload).map { Data(payload[$0]) } == expected, "\(Array(payload)) \(random.replay)")
            // A slice of a larger buffer (indices not from 0) splits the same way.
            let framed = Data("xx".utf8) + payload + Data("yy".utf8)
            let slice = framed[2..<(2 + payload.count)]
            #expect(PackReader.lineRanges(slice).map { Data(slice[$0]) } == expected, "\(Array(payload)) in a slice")
        }
    }

    @Test func readingSomeKeysGivesThoseRecordsOfTheWholeRead() throws {
        let temp = try TemporaryState()
        let snapshots = temp.state.snapshots
        let base = try snapshots.write(Snapshot(kind: "personio", takenAt: Date(), records: syntheticRecords(300)), parent: nil)
        // A delta on it: changed, added and removed records, some stored as deltas against the base.
        var next = syntheticRecords(300, version: 1).filter { Int($0.key)! % 3 != 0 }
        next["9999"] = Data(#"{"id":9999}"#.utf8)
        let head = try snapshots.write(Snapshot(kind: "personio", takenAt: Date(), records: next), parent: base)
        for id in [base, head] {
            let whole = try snapshots.read(id)
            let wanted: (String) -> Bool = { $0.hasSuffix("7") || $0 == "9999" || $0 == "1003" }
            let some = try snapshots.read(id, keys: wanted)
            #expect(some.records == whole.records.filter { wanted($0.key) })
            #expect(!some.records.isEmpty && some.records.count < whole.records.count)
            #expect(some.kind == whole.kind && some.takenAt == whole.takenAt && some.meta == whole.meta && some.parent == whole.parent)
        }
    }

    @Test func infoFromTheHeaderIsTheInfoOfTheWholeManifest() throws {
        let temp = try TemporaryState()
        let snapshots = temp.state.snapshots
        let base = try snapshots.write(Snapshot(kind: "personio", takenAt: Date(), meta: ["employees": "300"], records: syntheticRecords(300)), parent: nil)
        let head = try snapshots.write(Snapshot(kind: "personio", takenAt: Date(), records: syntheticRecords(300, version: 1)), parent: base)
        for id in [base, head] {
            let info = try snapshots.info(id), manifest = try snapshots.manifest(id)
            #expect(info.count == manifest.count && info.count == 300)
            #expect(info.kind == manifest.kind && info.takenAt == manifest.takenAt && info.parent == manifest.parent)
            #expect(info.meta == manifest.meta && info.packs == manifest.packs && info.isDelta == manifest.isDelta)
            #expect(!manifest.entries.isEmpty, "the whole manifest still has its entries")
        }
    }
}
