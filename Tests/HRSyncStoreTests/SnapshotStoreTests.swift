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

    @Test func longHistoriesCutTheDeltaChain() throws {
        let temp = try TemporaryState()
        let store = temp.state.snapshots
        var records = syntheticRecords(100)
        var parent: ObjectID?
        var ids: [ObjectID] = []
        for dayIndex in 0..<(SnapshotStore.maxChainDepth * 2 + 5) {
            records[String(1000 + dayIndex % 100)] = Data(#"{"day":\#(dayIndex)}"#.utf8)
            parent = try store.write(Snapshot(kind: "personio", takenAt: Date(timeIntervalSince1970: Double(dayIndex) * day), records: records), parent: parent)
            ids.append(parent!)
        }
        let depths = try ids.map { try store.manifest($0).depth }
        #expect(depths.max() == SnapshotStore.maxChainDepth)
        #expect(depths.filter { $0 == 0 }.count == 3)
        #expect(try store.read(ids.last!).records == records)
        #expect(try store.history(from: ids.last!).count == ids.count)
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
}
