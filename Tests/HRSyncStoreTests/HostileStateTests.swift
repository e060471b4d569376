import Foundation
import HRSyncCore
import Testing

@testable import HRSyncStore

/// A damaged or tampered state directory gives a clear error or an fsck fault, never a trap, and
/// the lock holds however its file is treated.
@Suite struct HostileStateTests {
    /// A pack with a correct hash whose delta names a negative line of its base.
    @Test func aDeltaWithANegativeBaseLineIsCorruptNotATrap() throws {
        let temp = try TemporaryState()
        let base = try temp.state.objects.put(.pack, Data(#"{"id":1}"#.utf8))
        let pack = try temp.state.objects.put(.pack, Data("~\(base.hex)\n~0.-5 c0+3\n~-1.0 c0+3".utf8))
        let reader = PackReader(objects: temp.state.objects)
        for ordinal in [1, 2, -1, 99] {
            #expect(throws: StoreError.self, "line \(ordinal)") { try reader.record(RecordRef(pack: pack, ordinal: ordinal)) }
        }
    }

    @Test(arguments: [
        #"{"keys":["-1:a"],"runs":[[0,0,1]]}"#,  // a negative shared-prefix length
        #"{"keys":["0:a"],"runs":[[0,-3,1]]}"#,  // a negative line
        #"{"keys":["0:a"],"runs":[[-1,0,1]]}"#,  // a negative pack index
        #"{"keys":["0:a"],"runs":[[0,0,9000000000000]]}"#,  // a run longer than the keys (would allocate terabytes)
        #"{"keys":["0:a"],"runs":[[0,9223372036854775807,1]]}"#,  // an overflowing line
        #"{"keys":[],"runs":[],"depth":9223372036854775807}"#  // a depth that overflows the chain check
    ])
    func aDamagedManifestIsRefused(part: String) throws {
        var manifest: [String: Any] = [
            "format": 2, "kind": "personio", "taken_at": "2026-11-01T00:00:00Z", "depth": 0, "count": 1,
            "meta": [String: String](), "packs": [String(repeating: "a", count: 64)], "removed": [String]()
        ]
        for (key, value) in try JSONSerialization.jsonObject(with: Data(part.utf8)) as! [String: Any] { manifest[key] = value }
        let data = try JSONSerialization.data(withJSONObject: manifest)
        #expect(throws: DecodingError.self) { try SnapshotManifest.decode(data) }
    }

    @Test func fsckDecodesEverySnapshotNotJustItsHash() throws {
        let temp = try TemporaryState()
        let good = try temp.state.snapshots.write(Snapshot(kind: "personio", takenAt: Date(), records: syntheticRecords(3)), parent: nil)
        var manifest = try JSONSerialization.jsonObject(with: temp.state.objects.get(good, as: .snapshot)) as! [String: Any]
        manifest["runs"] = [[0, 40, 3]]  // lines the pack does not have, under a hash that matches
        let bad = try temp.state.objects.put(.snapshot, try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys]))
        try temp.state.refs.set(Refs.personio, to: bad)
        let report = temp.state.fsck()
        #expect(report.faults.contains { $0.message.contains(bad.hex) && $0.message.contains("no record line") }, "\(report.faults)")
        #expect(throws: StoreError.self) { try temp.state.snapshots.read(bad) }
    }

    @Test func fsckReportsAStrayEntryInRefsInsteadOfTrapping() throws {
        let temp = try TemporaryState()
        try FileManager.default.createDirectory(atPath: temp.state.refs.directory + "/nested", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: temp.state.refs.directory + "/.hidden", contents: Data("x".utf8))
        let report = temp.state.fsck()
        #expect(report.faults.filter { $0.message.contains("stray entry in refs/") }.count == 2, "\(report.faults)")
        #expect(throws: StoreError.self) { try temp.state.refs.get("../log") }
    }

    @Test func afterATornLastLineTheNextEventIsKept() throws {
        let temp = try TemporaryState()
        let first = Event(kind: .pull, time: Date(), user: "u", host: "h", command: "c", summary: "first")
        try temp.state.log.append(first)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temp.state.log.path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"id":"torn by a crash"#.utf8))
        try handle.close()
        let next = Event(kind: .plan, time: Date(), user: "u", host: "h", command: "c", summary: "after the crash")
        try temp.state.log.append(next)
        let (events, torn) = try temp.state.log.read()
        #expect(events.map(\.summary) == ["first", "after the crash"])
        #expect(torn == [2])
        #expect(temp.state.fsck().faults.contains { $0.path.hasSuffix("log:2") })
    }

    @Test func deletingTheLockFileDoesNotLetASecondWriterIn() throws {
        let temp = try TemporaryState()
        let first = try temp.state.lock(command: "apply")
        try FileManager.default.removeItem(atPath: temp.state.lockPath)
        #expect(throws: StoreError.self) { try temp.state.lock(command: "apply") }
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: temp.state.lockPath))
        #expect(throws: StoreError.self) { try temp.state.lock(command: "apply") }
        first.release()
        let second = try temp.state.lock(command: "apply")
        second.release()
    }

    /// A small object whose stream inflates far beyond the size its header declares.
    @Test func anObjectIsInflatedOnlyToItsDeclaredSize() throws {
        let temp = try TemporaryState()
        var content = Data("blob 10\0".utf8)
        content.append(Data(repeating: 0x61, count: 50 << 20))
        let bomb = try Zlib.compress(content)
        #expect(bomb.count < 1 << 20)
        let id = ObjectID.sha256(of: content)
        let path = temp.state.objects.path(of: id)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try bomb.write(to: URL(fileURLWithPath: path))
        #expect { try temp.state.objects.get(id) } throws: { error in
            "\(error.localizedDescription)".contains("more than the declared size")
        }
    }

    @Test func errorsNameTheRealCause() throws {
        let temp = try TemporaryState()
        let file = temp.path + "/plain-file"
        _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        #expect { try FileSystem.makeDirectory(file + "/sub") } throws: { "\($0.localizedDescription)".contains("Not a directory") }
        #expect { try FileSystem.makeDirectory(file) } throws: { "\($0.localizedDescription)".contains("Not a directory") }
        #expect { try FileSystem.read(temp.path) } throws: { "\($0.localizedDescription)".contains("Is a directory") }
        #expect { try FileSystem.read(temp.path + "/nothing") } throws: { ($0 as? StoreError) == .missing(path: temp.path + "/nothing") }
        let missing = ObjectID(hex: String(repeating: "cd", count: 32))!
        #expect { try temp.state.objects.get(missing) } throws: { "\($0.localizedDescription)".contains("run 'hrsync fsck'") }
    }
}
