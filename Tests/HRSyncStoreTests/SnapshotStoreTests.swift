import Foundation
import Testing

@testable import HRSyncStore

@Suite struct SnapshotStoreTests {
    let day: TimeInterval = 86_400

    @Test func fullThenDeltaRoundTrip() throws {
        let temp = try TemporaryState()
        let store = temp.state.snapshots
        var records = syntheticRecords(200)
        let first = try store.write(Snapshot(kind: "personio", takenAt: Date(timeIntervalSince1970: 0), records: records), parent: nil)
        records["1003"] = Data(#"{"id":1003,"status":"inactive"}"#.utf8)
        records["9999"] = Data(#"{"id":9999,"status":"onboarding"}"#.utf8)
        records["1010"] = nil
        let second = try store.write(Snapshot(kind: "personio", takenAt: Date(timeIntervalSince1970: day), records: records), parent: first)

        let back = try store.read(second)
        #expect(back.records == records)
        #expect(back.parent == first)
        #expect(try store.info(second).isDelta)
        #expect(try store.info(first).isDelta == false)
        #expect(try store.read(first).records == syntheticRecords(200), "the older snapshot is unchanged")
        #expect(try store.changes(from: first, to: second) == SnapshotChanges(added: ["9999"], changed: ["1003"], removed: ["1010"]))
        #expect(try store.changes(from: second, to: second).isEmpty)
    }

    @Test func unchangedRecordsAreNotStoredAgain() throws {
        let temp = try TemporaryState()
        let store = temp.state.snapshots
        let first = try store.write(Snapshot(kind: "personio", takenAt: Date(), records: syntheticRecords(2000)), parent: nil)
        let afterFirst = directorySize(temp.path)
        var records = syntheticRecords(2000)
        for key in ["1001", "1500", "1999"] { records[key] = Data(#"{"id":\#(key),"v":2}"#.utf8) }
        let second = try store.write(Snapshot(kind: "personio", takenAt: Date(), records: records), parent: first)
        let added = directorySize(temp.path) - afterFirst
        #expect(added * 20 < afterFirst, "a day with 3 changes added \(added) B against \(afterFirst) B for the first snapshot")
        #expect(try store.info(second).packs.count == 1, "the delta names only the new pack")
    }

    @Test func deltasAddUpToAFullManifestThenStartAgain() throws {
        let temp = try TemporaryState()
        let store = temp.state.snapshots
        var records = syntheticRecords(2000)
        var parent: ObjectID?
        var ids: [ObjectID] = []
        for dayIndex in 0..<30 {
            for k in 0..<100 { records[String(1000 + (dayIndex * 100 + k) % 2000)] = Data(#"{"day":\#(dayIndex),"k":\#(k)}"#.utf8) }
            parent = try store.write(Snapshot(kind: "personio", takenAt: Date(timeIntervalSince1970: Double(dayIndex) * day), records: records), parent: parent)
            ids.append(parent!)
        }
        let manifests = try ids.map { try store.manifest($0) }
        // 100 entries a day: the chain since the last full manifest reaches the 2,000 records a full one holds.
        #expect(manifests.map(\.depth) == (0..<30).map { $0 % 21 })
        #expect(manifests.allSatisfy { ($0.chain ?? 0) <= 2000 })
        #expect(try store.read(ids.last!).records == records)
        #expect(try store.read(ids[19]).records.count == 2000)
        #expect(try store.history(from: ids.last!).count == ids.count)
    }

    @Test func unchangedDaysStopAtTheMaximumChainDepth() throws {
        let temp = try TemporaryState()
        var store = temp.state.snapshots
        store.maxChainDepth = 12
        let records = syntheticRecords(3)
        var parent: ObjectID?
        var depths: [Int] = []
        for dayIndex in 0...(store.maxChainDepth + 2) {
            parent = try store.write(Snapshot(kind: "personio", takenAt: Date(timeIntervalSince1970: Double(dayIndex) * day), records: records), parent: parent)
            depths.append(try store.manifest(parent!).depth)
        }
        #expect(depths.max() == store.maxChainDepth)
        #expect(depths.suffix(2) == [0, 1])
        #expect(try store.read(parent!).records == records)
    }

    @Test func anEditIsStoredAsADeltaAgainstTheWholeRecord() throws {
        let temp = try TemporaryState()
        let store = temp.state.snapshots
        var records = syntheticRecords(50)
        var parent = try store.write(Snapshot(kind: "personio", takenAt: Date(), records: records), parent: nil)
        let original = try store.references(parent)["1007"]!
        for version in 1...5 {
            records["1007"] = Data(String(decoding: records["1007"]!, as: UTF8.self).replacingOccurrences(of: "Role", with: "Role\(version)").utf8)
            if version == 1 { records["1050"] = Data(String(decoding: records["1049"]!, as: UTF8.self).replacingOccurrences(of: "49", with: "50").utf8) }
            parent = try store.write(Snapshot(kind: "personio", takenAt: Date(), records: records), parent: parent)
            let reader = PackReader(objects: store.objects)
            let refs = try store.references(parent)
            #expect(try reader.wholeRef(refs["1007"]!) == original, "version \(version) is one delta away from the first")
            #expect(try reader.wholeRef(refs["1050"]!) == refs["1049"]!, "a new record is written against its neighbour")
            #expect(try store.read(parent).records == records)
        }
        let pack = try store.objects.get(store.references(parent)["1007"]!.pack, as: .pack)
        #expect(pack.first == UInt8(ascii: "~"), "the pack names its bases")
        #expect(pack.count < 300, "two changed records cost \(pack.count) B")
    }

    @Test func aPackWhoseBaseIsMissingIsReportedByFsck() throws {
        let temp = try TemporaryState()
        let store = temp.state.snapshots
        var records = syntheticRecords(20)
        let first = try store.write(Snapshot(kind: "personio", takenAt: Date(), records: records), parent: nil)
        records["1003"] = Data(#"{"email":"person3@acme.example","first_name":"Name3","id":1003,"position":"Role 9","status":"active","v":0}"#.utf8)
        let second = try store.write(Snapshot(kind: "personio", takenAt: Date(), records: records), parent: first)
        try temp.state.refs.set(Refs.personio, to: second)
        #expect(temp.state.fsck().isClean)
        try FileManager.default.removeItem(atPath: store.objects.path(of: try store.references(first)["1003"]!.pack))
        let faults = temp.state.fsck().faults.map(\.message)
        #expect(faults.contains { $0.contains("refer to missing object") || $0.contains("missing object") }, "\(faults)")
        #expect(throws: StoreError.self) { try store.read(second) }
    }

    @Test func manifestsOfTheFirstFormatStillRead() throws {
        let json =
            #"{"count":2,"depth":0,"entries":[["1000",0,0],["1001",0,1]],"format":1,"kind":"personio","meta":{},"packs":["\#(String(repeating: "ab", count: 32))"],"removed":[],"taken_at":"2026-11-01T06:00:00Z"}"#
        let manifest = try SnapshotManifest.decode(Data(json.utf8))
        #expect(manifest.entries == [.init(key: "1000", pack: 0, ordinal: 0), .init(key: "1001", pack: 0, ordinal: 1)])
        #expect(manifest.parent == nil && manifest.chain == nil)
    }

    @Test func manifestKeysRoundTripWhateverTheyShare() throws {
        let keys = ["1000", "10001", "1001", "Zoë", "Zoé", "Zoë2", "", "x:y", "x:y:z", "日本", "日本語"]
        let manifest = SnapshotManifest(
            format: SnapshotManifest.currentFormat, kind: "personio", takenAt: Date(timeIntervalSince1970: 0), parent: nil, base: nil,
            depth: 0, count: keys.count, meta: [:], packs: [ObjectID(hashing: Data("p".utf8))],
            entries: keys.enumerated().map { .init(key: $1, pack: 0, ordinal: $0 < 5 ? $0 : $0 * 3) }, removed: [], chain: nil)
        let back = try SnapshotManifest.decode(try manifest.encoded())
        #expect(back.entries == manifest.entries)
    }

    @Test func manyChangesGiveAFullManifest() throws {
        let temp = try TemporaryState()
        let store = temp.state.snapshots
        let first = try store.write(Snapshot(kind: "personio", takenAt: Date(), records: syntheticRecords(100)), parent: nil)
        let second = try store.write(Snapshot(kind: "personio", takenAt: Date(), records: syntheticRecords(100, version: 1)), parent: first)
        #expect(try store.info(second).isDelta == false)
        #expect(try store.read(second).records == syntheticRecords(100, version: 1))
    }

    @Test func revisionsResolveNamesAncestorsDatesAndPrefixes() throws {
        let temp = try TemporaryState()
        let state = temp.state
        var parent: ObjectID?
        var ids: [ObjectID] = []
        for i in 0..<4 {
            // 2026-11-0(1+i) 06:00 UTC
            let takenAt = Date(timeIntervalSince1970: 1_793_512_800 + Double(i) * day)
            parent = try state.snapshots.write(Snapshot(kind: "personio", takenAt: takenAt, records: syntheticRecords(10, version: i)), parent: parent)
            ids.append(parent!)
        }
        try state.refs.set(Refs.personio, to: ids[3])
        #expect(try Revision.resolve("personio", in: state) == ids[3])
        #expect(try Revision.resolve("personio~", in: state) == ids[2])
        #expect(try Revision.resolve("personio~3", in: state) == ids[0])
        #expect(try Revision.resolve("personio@{2026-11-02}", in: state) == ids[1])
        #expect(try Revision.resolve("personio@{2026-11-02}~1", in: state) == ids[0])
        #expect(try Revision.resolve(String(ids[2].hex.prefix(9)), in: state) == ids[2])
        #expect(throws: StoreError.self) { try Revision.resolve("personio~4", in: state) }
        #expect(throws: StoreError.self) { try Revision.resolve("personio@{2020-01-01}", in: state) }
        #expect(throws: StoreError.self) { try Revision.resolve("360learning", in: state) }
        #expect(throws: StoreError.self) { try Revision.resolve("nonsense", in: state) }
    }

    /// A bare `diff` skips the pulls that held the same data (plan and apply pull too), whether the
    /// manifest is a delta or a full one.
    @Test(arguments: [400, 1]) func theLastChangeSkipsPullsWithTheSameData(maxChainDepth: Int) throws {
        let temp = try TemporaryState()
        var store = temp.state.snapshots
        store.maxChainDepth = maxChainDepth
        var ids: [ObjectID] = []
        for (i, version) in [0, 1, 1, 1].enumerated() {
            let takenAt = Date(timeIntervalSince1970: Double(i) * day)
            ids.append(try store.write(Snapshot(kind: "personio", takenAt: takenAt, records: syntheticRecords(10, version: version)), parent: ids.last))
        }
        #expect(try store.sameRecords(ids[2], ids[3]) && !store.sameRecords(ids[0], ids[1]))
        let change = try #require(try store.lastChange(from: ids[3]))
        #expect(change.back == 3 && change.older.id == ids[0], "personio~3 is the newest pull with other data")
        #expect(try store.lastChange(from: ids[1])?.back == 1)
        #expect(try store.lastChange(from: ids[0]) == nil, "one pull: nothing to compare")
        let same = try store.write(Snapshot(kind: "personio", takenAt: Date(), records: syntheticRecords(3)), parent: nil)
        let again = try store.write(Snapshot(kind: "personio", takenAt: Date(), records: syntheticRecords(3)), parent: same)
        #expect(try store.lastChange(from: again) == nil, "every pull the same")
    }
}
