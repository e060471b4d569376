import Foundation
import Testing

@testable import HRSyncStore

/// The preset dictionary objects are deflated with: fixed forever, optional on read, refused when unknown.
@Suite struct ObjectDictionaryTests {
    @Test func theDictionaryIsPinned() {
        // Objects name it by this checksum: editing its bytes would make every object written
        // with it unreadable. Add a new dictionary beside it instead (ObjectDictionary.all).
        // 0x903560AC is also what Python's zlib.adler32 gives for the same bytes.
        #expect(Zlib.adler32(of: ObjectDictionary.version1) == 0x9035_60AC)
        #expect(ObjectDictionary.all.contains(ObjectDictionary.current))
        // A stream names its dictionary by Adler-32 only: two with one checksum could not be told apart.
        #expect(Set(ObjectDictionary.all.map(Zlib.adler32(of:))).count == ObjectDictionary.all.count)
    }

    @Test func objectsWrittenWithoutADictionaryStillRead() throws {
        let temp = try TemporaryState()
        let objects = temp.state.objects
        let payload = Data(#"{"id":"6200324","first_name":"Anna"}"#.utf8)
        let framed = ObjectStore.header(.blob, payload) + payload
        let id = ObjectID(hashing: framed)
        // As every hrsync before the dictionary wrote it: level 6, no FDICT bit.
        let old = try Zlib.compress(framed)
        #expect(old[old.startIndex + 1] & 0x20 == 0)
        try FileSystem.makeDirectory((objects.path(of: id) as NSString).deletingLastPathComponent)
        try FileSystem.writeAtomically(old, to: objects.path(of: id))
        #expect(try objects.get(id, as: .blob) == payload)
        #expect(temp.state.fsck().isClean)
    }

    @Test func newObjectsNameTheDictionaryAndAreSmaller() throws {
        let temp = try TemporaryState()
        let objects = temp.state.objects
        // The shape of a day's delta manifest: mostly the manifest's own syntax.
        let payload = Data(
            (#"{"base":"\#(String(repeating: "7f", count: 32))","chain":12,"count":1174,"depth":3,"format":2,"#
                + #""keys":["0:6200324","4:895"],"kind":"personio","meta":{},"packs":["\#(String(repeating: "a3", count: 32))"],"#
                + #""removed":[],"runs":[[0,1,2]],"taken_at":"2026-11-18T14:13:20Z"}"#).utf8)
        let id = try objects.put(.snapshot, payload)
        let file = try Data(contentsOf: URL(fileURLWithPath: objects.path(of: id)))
        #expect(file[file.startIndex + 1] & 0x20 != 0, "FDICT: the stream names its dictionary")
        let plain = try Zlib.compress([ObjectStore.header(.snapshot, payload), payload], level: 9)
        #expect(file.count + 60 < plain.count, "\(file.count) bytes with the dictionary, \(plain.count) without")
        #expect(try objects.get(id, as: .snapshot) == payload)
    }

    @Test func aStreamNamingAnUnknownDictionaryIsACorruptObjectNotATrap() throws {
        let temp = try TemporaryState()
        let objects = temp.state.objects
        let payload = Data("abc".utf8)
        let framed = ObjectStore.header(.blob, payload) + payload
        let id = ObjectID(hashing: framed)
        let foreign = try Zlib.compress(framed, dictionary: Array("a dictionary hrsync never had".utf8))
        try FileManager.default.createDirectory(atPath: (objects.path(of: id) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try foreign.write(to: URL(fileURLWithPath: objects.path(of: id)))
        #expect {
            try objects.get(id)
        } throws: { error in
            guard case StoreError.corruptObject(_, _, let reason) = error else { return false }
            return reason.contains("preset dictionary")
        }
        #expect(!temp.state.fsck().isClean)
    }
}
