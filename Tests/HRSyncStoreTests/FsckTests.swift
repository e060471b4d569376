import Foundation
import Testing

@testable import HRSyncStore

/// fsck finds what a damaged or tampered store hides, and costs reads linear in the store.
@Suite struct FsckTests {
    /// 800 delta manifests in one chain (written by hand: the writer starts a full manifest
    /// after 400). Reading each snapshot whole walked its chain again (about 320,000 manifest
    /// reads, 44 s); now each object is read about once.
    @Test func an800DeepChainIsCheckedInReadsLinearInTheStore() throws {
        let temp = try TemporaryState()
        let records = syntheticRecords(12)
        let keys = records.keys.sorted()
        var lines = Data()
        for key in keys { lines.append(records[key]!); lines.append(0x0A) }
        let pack = try temp.state.objects.put(.pack, lines)
        func put(_ day: Int, _ parent: ObjectID?, _ entries: [SnapshotManifest.Entry]) throws -> ObjectID {
            try temp.state.objects.put(
                .snapshot,
                try SnapshotManifest(
                    format: SnapshotManifest.currentFormat, kind: "personio", takenAt: Date(timeIntervalSince1970: Double(day) * 86_400),
                    parent: parent, base: parent, depth: day, count: keys.count, meta: [:], packs: [pack], entries: entries, removed: [],
                    chain: parent == nil ? nil : day
                ).encoded())
        }
        var head = try put(0, nil, keys.enumerated().map { .init(key: $1, pack: 0, ordinal: $0) })
        for day in 1...800 { head = try put(day, head, [.init(key: keys[day % 12], pack: 0, ordinal: day % 12)]) }
        try temp.state.refs.set(Refs.personio, to: head)
        #expect(try temp.state.snapshots.read(head).records == records)
        #expect(try temp.state.snapshots.manifest(head).depth == 800)

        let counter = ReadCounter()
        let report = temp.state.counting(counter).fsck()
        #expect(report.isClean, "\(report.faults.prefix(3))")
        let stored = temp.state.objects.allIDs().count
        #expect(counter.value <= 3 * stored, "\(counter.value) reads for \(stored) objects")
    }

    /// A chain longer than a manifest's declared depth is a fault, as reading it is an error.
    @Test func aChainLongerThanItsDepthIsAFault() throws {
        let temp = try TemporaryState()
        let base = try temp.state.snapshots.write(Snapshot(kind: "personio", takenAt: Date(), records: syntheticRecords(8)), parent: nil)
        let delta = try temp.state.snapshots.write(
            Snapshot(kind: "personio", takenAt: Date(), records: syntheticRecords(8).merging(["1000": Data("{}".utf8)]) { $1 }), parent: base)
        var manifest = try JSONSerialization.jsonObject(with: temp.state.objects.get(delta, as: .snapshot)) as! [String: Any]
        #expect(manifest["base"] as? String == base.hex)
        manifest["depth"] = 0
        let lying = try temp.state.objects.put(.snapshot, try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys]))
        #expect(throws: StoreError.self) { try temp.state.snapshots.read(lying) }
        let report = temp.state.fsck()
        #expect(report.faults.contains { $0.message.contains(lying.hex) && $0.message.contains("delta chain too long") }, "\(report.faults)")
        #expect(report.faults.count == 1, "\(report.faults)")
    }

    /// A record no pack line holds is a fault of each snapshot that names it, once per snapshot
    /// however often it names it; a snapshot of sound records beside them is clean.
    @Test func aRecordThatDoesNotDecodeFaultsEverySnapshotNamingItOnce() throws {
        let temp = try TemporaryState()
        let records = syntheticRecords(12)
        let keys = records.keys.sorted()
        func pack(_ keys: [String]) throws -> ObjectID {
            var lines = Data()
            for key in keys { lines.append(records[key]!); lines.append(0x0A) }
            return try temp.state.objects.put(.pack, lines)
        }
        let (whole, half) = (try pack(keys), try pack(Array(keys.prefix(6))))
        func put(_ day: Int, _ packs: [ObjectID], _ entries: [SnapshotManifest.Entry]) throws -> ObjectID {
            try temp.state.objects.put(
                .snapshot,
                try SnapshotManifest(
                    format: SnapshotManifest.currentFormat, kind: "personio", takenAt: Date(timeIntervalSince1970: Double(day) * 86_400),
                    parent: nil, base: nil, depth: 0, count: entries.count, meta: [:], packs: packs, entries: entries, removed: [], chain: nil
                ).encoded())
        }
        let sound = try put(0, [whole], keys.enumerated().map { .init(key: $1, pack: 0, ordinal: $0) })
        // Line 9 of the six-line pack does not exist; the second snapshot names it under two keys.
        let first = try put(1, [whole, half], [.init(key: keys[0], pack: 1, ordinal: 0), .init(key: keys[1], pack: 1, ordinal: 9)])
        let second = try put(
            2, [half, whole],
            [.init(key: keys[1], pack: 0, ordinal: 9), .init(key: keys[2], pack: 0, ordinal: 9), .init(key: keys[3], pack: 1, ordinal: 3)])
        #expect(throws: StoreError.self) { try temp.state.snapshots.read(first) }
        #expect(try temp.state.snapshots.read(sound).records == records)

        let report = temp.state.fsck()
        let undecodable = report.faults.filter { $0.message.contains("does not decode") }
        #expect(undecodable.count == 2, "\(report.faults)")
        #expect(undecodable.filter { $0.message.contains(first.hex) }.count == 1, "\(report.faults)")
        #expect(undecodable.filter { $0.message.contains(second.hex) }.count == 1, "\(report.faults)")
        #expect(!report.faults.contains { $0.message.contains(sound.hex) || $0.message.contains(sound.short) }, "\(report.faults)")
    }

    @Test func aSideRefNamingTheOtherSidesSnapshotIsAFault() throws {
        let temp = try TemporaryState()
        let lms = try temp.state.snapshots.write(Snapshot(kind: Refs.learning360, takenAt: Date(), records: syntheticRecords(2)), parent: nil)
        try temp.state.refs.set(Refs.learning360, to: lms)
        #expect(temp.state.fsck().isClean)
        try temp.state.refs.set(Refs.personio, to: lms)
        let report = temp.state.fsck()
        #expect(report.faults.contains { $0.path.hasSuffix("refs/personio") && $0.message.contains("points at a 360learning snapshot") }, "\(report.faults)")
    }

    @Test func aManifestOfAnUnknownFormatIsAFault() throws {
        let temp = try TemporaryState()
        let good = try temp.state.snapshots.write(Snapshot(kind: "personio", takenAt: Date(), records: syntheticRecords(3)), parent: nil)
        var manifest = try JSONSerialization.jsonObject(with: temp.state.objects.get(good, as: .snapshot)) as! [String: Any]
        manifest["format"] = 7
        let future = try temp.state.objects.put(.snapshot, try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys]))
        let report = temp.state.fsck()
        #expect(report.faults.contains { $0.message.contains(future.hex) && $0.message.contains("unknown manifest format 7") }, "\(report.faults)")
        #expect(throws: StoreError.self) { try temp.state.snapshots.read(future) }
    }

    @Test func aSymlinkInRefsIsReportedNotFollowed() throws {
        let temp = try TemporaryState()
        let outside = temp.path + "-outside"
        _ = FileManager.default.createFile(atPath: outside, contents: Data("not an id\n".utf8), attributes: [.posixPermissions: 0o644])
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try FileManager.default.createSymbolicLink(atPath: temp.state.refs.path(of: Refs.personio), withDestinationPath: outside)
        let report = temp.state.fsck()
        let here = report.faults.filter { $0.path.hasSuffix("refs/personio") }
        #expect(here.count == 1 && here[0].message.contains("symbolic link"), "\(report.faults)")
        #expect(!report.faults.contains { $0.message.contains("one object id") || $0.message.contains("mode 644") }, "the link was followed: \(report.faults)")
    }
}
