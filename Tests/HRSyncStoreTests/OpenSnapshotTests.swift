import Foundation
import HRSyncCore
import HRSyncTestSupport
import Testing

@testable import HRSyncStore

/// Records handed over one by one (`OpenSnapshot`, what `plan` decodes from) are the records the
/// whole read gives: on a full manifest, a delta chain, and manifests hrsync does not write
/// (keys repeated or out of order), and when two threads read parts of one preloaded snapshot.
@Suite struct OpenSnapshotTests {
    static func collected(_ snapshot: OpenSnapshot, where wanted: (String) -> Bool = { _ in true }) throws -> (records: [String: Data], handed: Int) {
        var records: [String: Data] = [:], handed = 0
        try snapshot.forEach(where: wanted) { key, record in
            records[key] = record
            handed += 1
        }
        return (records, handed)
    }

    @Test func eachRecordOnceAsTheWholeReadGivesIt() throws {
        let temp = try TemporaryState()
        let snapshots = temp.state.snapshots
        let base = try snapshots.write(Snapshot(kind: "personio", takenAt: Date(), records: syntheticRecords(300)), parent: nil)
        // A few changed (stored as deltas against the base's lines), one added, some removed.
        let changed = syntheticRecords(300, version: 1)
        var next = syntheticRecords(300).filter { Int($0.key)! % 29 != 0 }
        for key in next.keys where Int(key)! % 31 == 0 { next[key] = changed[key] }
        next["9999"] = Data(#"{"id":9999}"#.utf8)
        let head = try snapshots.write(Snapshot(kind: "personio", takenAt: Date(), records: next), parent: base)
        #expect(try snapshots.manifest(head).isDelta, "the second is a delta on the first")
        for id in [base, head] {
            let whole = try snapshots.read(id).records
            for preload in [false, true] {
                let open = try snapshots.open(id, preload: preload)
                let (records, handed) = try Self.collected(open)
                #expect(records == whole && handed == whole.count, "preload \(preload)")
                let wanted: (String) -> Bool = { $0.hasSuffix("7") }
                #expect(open.count(where: wanted) == whole.keys.filter(wanted).count)
                #expect(try Self.collected(open, where: wanted).records == whole.filter { wanted($0.key) })
                // By the keys' first bytes, as `plan` selects the roles: the same records as by `where`.
                for selected in [OpenSnapshot.KeyPrefix("1"), OpenSnapshot.KeyPrefix("1", starting: false), OpenSnapshot.KeyPrefix("")] {
                    var records: [String: Data] = [:]
                    try open.forEach(selected) { records[$0] = $1 }
                    #expect(records == whole.filter { selected.passes($0.key) } && open.count(selected) == records.count)
                }
                #expect(open.count(OpenSnapshot.KeyPrefix("1")) == whole.keys.filter { $0.hasPrefix("1") }.count)
            }
        }
    }

    @Test func twoThreadsReadingPartsOfOnePreloadedSnapshotGetTheWhole() throws {
        let temp = try TemporaryState()
        let snapshots = temp.state.snapshots
        let base = try snapshots.write(Snapshot(kind: "personio", takenAt: Date(), records: syntheticRecords(2000)), parent: nil)
        let head = try snapshots.write(Snapshot(kind: "personio", takenAt: Date(), records: syntheticRecords(2000, version: 1)), parent: base)
        for id in [base, head] {
            let whole = try snapshots.read(id).records
            let open = try snapshots.open(id, preload: true)
            let parts = [Parts(), Parts()]
            DispatchQueue.concurrentPerform(iterations: 20) { run in
                let odd = run % 2 == 1
                let part = try? Self.collected(open) { (Int($0) ?? 0) % 2 == (odd ? 1 : 0) }.records
                parts[run % 2].add(part ?? [:])
            }
            for (index, part) in parts.enumerated() {
                #expect(part.all.count == 10, "each run read its part")
                #expect(part.all.allSatisfy { $0 == whole.filter { (Int($0.key) ?? 0) % 2 == index } })
            }
        }
    }

    /// Runs' results from several threads, for the check after.
    final class Parts: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var all: [[String: Data]] = []
        func add(_ records: [String: Data]) { lock.withLock { all.append(records) } }
    }

    @Test func aManifestWithARepeatedOrUnorderedKeyReadsAsTheWholeReadResolvesIt() throws {
        let temp = try TemporaryState()
        let objects = temp.state.objects
        let pack = try objects.put(.pack, Data("{\"v\":1}\n{\"v\":2}\n{\"v\":3}".utf8))
        let layouts: [[(String, Int)]] = [
            [("a", 0), ("a", 1), ("b", 2)],  // a key twice: the later entry wins in `references`
            [("b", 0), ("a", 1)],  // out of order
            [("a", 0), ("b", 1), ("c", 2)]  // as written
        ]
        for layout in layouts {
            let manifest = SnapshotManifest(
                format: SnapshotManifest.currentFormat, kind: "personio", takenAt: Date(timeIntervalSince1970: 0), parent: nil, base: nil,
                depth: 0, count: layout.count, meta: [:], packs: [pack],
                entries: layout.map { SnapshotManifest.Entry(key: $0.0, pack: 0, ordinal: $0.1) }, removed: [], chain: nil)
            let id = try objects.put(.snapshot, try manifest.encoded())
            let whole = try temp.state.snapshots.read(id).records
            let (records, handed) = try Self.collected(try temp.state.snapshots.open(id))
            #expect(records == whole && handed == whole.count, "\(layout)")
        }
    }

    /// A pack the manifest lists but no entry uses is not read by `read`, so a preloaded open must
    /// not fail on it either (missing, here).
    @Test func aListedPackNoRecordUsesIsNotRead() throws {
        let temp = try TemporaryState()
        let objects = temp.state.objects
        let pack = try objects.put(.pack, Data("{\"v\":1}\n{\"v\":2}".utf8))
        let missing = ObjectID(hashing: Data("never stored".utf8))
        let manifest = SnapshotManifest(
            format: SnapshotManifest.currentFormat, kind: "personio", takenAt: Date(timeIntervalSince1970: 0), parent: nil, base: nil,
            depth: 0, count: 2, meta: [:], packs: [pack, missing],
            entries: [SnapshotManifest.Entry(key: "a", pack: 0, ordinal: 0), SnapshotManifest.Entry(key: "b", pack: 0, ordinal: 1)], removed: [],
            chain: nil)
        let id = try objects.put(.snapshot, try manifest.encoded())
        let whole = try temp.state.snapshots.read(id).records
        #expect(whole.count == 2)
        #expect(try Self.collected(try temp.state.snapshots.open(id, preload: true)).records == whole)
    }
}
