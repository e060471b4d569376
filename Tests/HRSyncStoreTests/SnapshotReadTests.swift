import Foundation
import HRSyncCore
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

    /// A manifest read with its columns scanned is the manifest JSONDecoder reads, and a damaged one
    /// the scanner takes is one JSONDecoder takes too, with the same entries.
    @Test func manifestsReadAsJSONDecoderReadsThem() throws {
        var random = SeededRandom.forTest()
        let temp = try TemporaryState()
        var parent: ObjectID?
        var payloads: [Data] = []
        for day in 0..<6 {
            var records = syntheticRecords(40 + day, version: day)
            records["key with \"quotes\" and é \(day)"] = Data(#"{"x":1}"#.utf8)
            parent = try temp.state.snapshots.write(Snapshot(kind: "personio", takenAt: Date(), records: records), parent: parent)
            payloads.append(try temp.state.objects.get(parent!, as: .snapshot))
        }
        func same(_ payload: Data) -> Bool {
            guard let fast = try? SnapshotManifest.decode(payload) else { return true }
            let slow = try? CanonicalJSON.decode(SnapshotManifest.self, from: payload)
            var equal = false
            if let slow {
                equal = fast.entries == slow.entries && fast.count == slow.count && fast.removed == slow.removed
                equal = equal && fast.packs == slow.packs && fast.base == slow.base
            }
            #expect(equal, "\(String(decoding: payload, as: UTF8.self).prefix(300)) \(random.replay)")
            return equal
        }
        var checked = 0
        for payload in payloads {
            #expect(try SnapshotManifest.decode(payload).entries == (try CanonicalJSON.decode(SnapshotManifest.self, from: payload)).entries)
            for _ in 0..<300 {
                var bytes = Array(payload)
                let at = Int.random(in: 0..<bytes.count, using: &random)
                bytes[at] = Array(#"0123456789:,[]" -"#.utf8).randomElement(using: &random)!
                guard same(Data(bytes)) else { return }
                checked += 1
            }
        }
        #expect(checked == 1800)
    }
}
