import Foundation
import Testing

@testable import HRSyncStore

@Suite struct ObjectStoreTests {
    @Test func roundTripAndContentAddressing() throws {
        let temp = try TemporaryState()
        let objects = temp.state.objects
        let payload = Data(#"{"hello":"wörld"}"#.utf8)
        let id = try objects.put(.blob, payload)
        #expect(try objects.put(.blob, payload) == id)
        #expect(try objects.put(.plan, payload) != id, "the kind is part of the hashed content")
        let (kind, back) = try objects.get(id)
        #expect(kind == .blob)
        #expect(back == payload)
        #expect(try objects.resolve(prefix: String(id.hex.prefix(7))) == id)
        #expect(try objects.resolve(prefix: "abc") == nil, "prefixes shorter than 7 digits are not ids")
    }

    @Test func theIdIsTheSHA256OfHeaderAndPayload() throws {
        let temp = try TemporaryState()
        // sha256("blob 3\0abc"), computed independently with Python's hashlib
        let id = try temp.state.objects.put(.blob, Data("abc".utf8))
        #expect(id.hex == "c1cf6e465077930e88dc5136641d402f72a229ddd996f627d60e9639eaba35a6")
        let file = try Data(contentsOf: URL(fileURLWithPath: temp.state.objects.path(of: id)))
        #expect(try Zlib.decompress(file, dictionaries: ObjectDictionary.all) == Data("blob 3\0abc".utf8))
        #expect(throws: Zlib.Failure.self, "an object names its preset dictionary; inflating without it fails") { try Zlib.decompress(file) }
    }

    @Test func aFlippedByteIsCaughtOnReadAndByFsck() throws {
        let temp = try TemporaryState()
        let objects = temp.state.objects
        let id = try objects.put(.blob, Data(String(repeating: "employee record ", count: 200).utf8))
        let path = objects.path(of: id)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: path))

        #expect(throws: StoreError.self) { try objects.get(id) }
        let report = temp.state.fsck()
        #expect(!report.isClean)
        #expect(report.faults.contains { $0.path == path })
    }

    @Test func theStreamsOwnChecksumIsLeftToTheSHA256() throws {
        // Reading skips zlib's Adler-32 of the output: damage to it alone leaves the content whole
        // (and the SHA-256 says so); damage to the data is still refused, by one check or the other.
        let temp = try TemporaryState()
        let objects = temp.state.objects
        let content = Data(String(repeating: "employee record ", count: 200).utf8)
        let id = try objects.put(.blob, content)
        let path = objects.path(of: id), original = try Data(contentsOf: URL(fileURLWithPath: path))
        for offset in 1...4 {
            var bytes = original
            bytes[bytes.count - offset] ^= 0x5A
            try bytes.write(to: URL(fileURLWithPath: path))
            #expect(try objects.get(id).payload == content, "trailer byte -\(offset)")
        }
        for offset in stride(from: 2, to: original.count - 4, by: max(1, original.count / 16)) {
            var bytes = original
            bytes[offset] ^= 0x01
            try bytes.write(to: URL(fileURLWithPath: path))
            #expect(throws: StoreError.self, "byte \(offset)") { try objects.get(id) }
        }
    }

    @Test func contentSwappedUnderAnIdFailsTheHashCheck() throws {
        let temp = try TemporaryState()
        let objects = temp.state.objects
        let id = try objects.put(.blob, Data("original".utf8))
        try Zlib.compress(Data("blob 8\0tampered".utf8)).write(to: URL(fileURLWithPath: objects.path(of: id)))
        do {
            _ = try objects.get(id)
            Issue.record("a tampered object was read back")
        } catch let StoreError.corruptObject(_, path, reason) {
            #expect(path == objects.path(of: id))
            #expect(reason.contains("SHA-256"))
        }
    }

    @Test func aCrashBetweenTempWriteAndRenameLeavesAReadableCleanStore() throws {
        let temp = try TemporaryState()
        let snapshots = temp.state.snapshots
        let first = try snapshots.write(Snapshot(kind: "personio", takenAt: Date(), records: syntheticRecords(50)), parent: nil)
        try temp.state.refs.set("personio", to: first)

        let crashing = SnapshotStore(objects: temp.state.withCrash(.beforeRename))
        #expect(throws: FileSystem.SimulatedCrash.self) {
            try crashing.write(Snapshot(kind: "personio", takenAt: Date(), records: syntheticRecords(50, version: 1)), parent: first)
        }
        #expect(!temp.state.objects.tempFiles().isEmpty, "the crash left its temp file behind")
        #expect(try temp.state.refs.get("personio") == first)
        #expect(try snapshots.read(first).records == syntheticRecords(50))
        let report = temp.state.fsck()
        #expect(report.isClean, "\(report.faults)")
        #expect(report.notes.contains { $0.contains("temp file") })
    }

    @Test func filesArePrivate() throws {
        let temp = try TemporaryState()
        let id = try temp.state.objects.put(.blob, Data("x".utf8))
        try temp.state.refs.set("personio", to: id)
        #expect(FileSystem.mode(temp.path) == 0o700)
        #expect(FileSystem.mode(temp.state.objects.directory) == 0o700)
        #expect(FileSystem.mode(temp.state.objects.path(of: id)) == 0o600)
        #expect(FileSystem.mode(temp.state.refs.path(of: "personio")) == 0o600)
        chmod(temp.state.refs.path(of: "personio"), 0o644)
        #expect(temp.state.fsck().faults.contains { $0.path.hasSuffix("refs/personio") && $0.message.contains("mode 644") })
    }
}
