import Foundation
import HRSyncCore
import HRSyncTestSupport
import Testing

@testable import HRSyncStore

/// A full manifest's entries read as columns (`EntryColumns`, what `plan` opens snapshots with)
/// are the entries the whole decode gives; a manifest the columns do not take (keys not plain
/// ASCII, repeated or out of order, bad runs) is left to the whole decode, which reads or names it.
@Suite struct EntryColumnsTests {
    static func manifest(_ entries: [SnapshotManifest.Entry], packs: Int = 3) -> SnapshotManifest {
        SnapshotManifest(
            format: SnapshotManifest.currentFormat, kind: "learning360", takenAt: Date(timeIntervalSince1970: 0), parent: nil, base: nil,
            depth: 0, count: entries.count, meta: [:], packs: (0..<packs).map { ObjectID(hashing: Data([UInt8($0)])) },
            entries: entries, removed: [], chain: nil)
    }

    static func entries(_ columns: EntryColumns) -> [SnapshotManifest.Entry] {
        (0..<columns.count).map { SnapshotManifest.Entry(key: columns.key($0), pack: Int(columns.packs[$0]), ordinal: Int(columns.ordinals[$0])) }
    }

    @Test func columnsAreTheEntriesTheWholeDecodeGives() throws {
        var random = SeededRandom.forTest()
        let alphabet = Array("ab:/-_019xyz~ ".utf8)
        for round in 0..<200 {
            // Keys sharing prefixes (as record keys do), sorted, each once; runs of lines in a few packs.
            let keys = Set(
                (0..<Int.random(in: 0...60, using: &random)).map { _ in
                    String(decoding: (0..<Int.random(in: 0...12, using: &random)).map { _ in alphabet.randomElement(using: &random)! }, as: UTF8.self)
                }
            ).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            var line = Int.random(in: 0...5, using: &random), pack = 0
            let entries = keys.map { key -> SnapshotManifest.Entry in
                if Int.random(in: 0..<8, using: &random) == 0 {
                    (pack, line) = (Int.random(in: 0..<3, using: &random), Int.random(in: 0...1000, using: &random))
                }
                defer { line += 1 }
                return SnapshotManifest.Entry(key: key, pack: pack, ordinal: line)
            }
            let data = try Self.manifest(entries).encoded()
            let columns = try #require(EntryColumns.scan(data), "round \(round) \(random.replay)")
            let whole = try SnapshotManifest.decode(data).entries
            #expect(Self.entries(columns) == entries && Self.entries(columns) == whole, "\(random.replay)")
            for prefix in ["a", "ab", "", "z"] {
                let bytes = Array(prefix.utf8)
                #expect((0..<columns.count).filter { columns.key($0, startsWith: bytes) } == keys.indices.filter { keys[$0].hasPrefix(prefix) })
            }
        }
    }

    @Test func aManifestTheColumnsDoNotTakeIsLeftToTheWholeDecode() throws {
        let layouts: [[String]] = [
            ["a", "é"],  // not ASCII
            ["a\"b", "c"],  // written with an escape
            ["b", "a"],  // out of order
            ["a", "a"],  // a key twice
            ["ab", "a"],  // a key before its own prefix
            ["a", "b\u{7F}"]  // DEL: not printable
        ]
        for keys in layouts {
            let entries = keys.enumerated().map { SnapshotManifest.Entry(key: $1, pack: 0, ordinal: $0) }
            let data = try Self.manifest(entries).encoded()
            #expect(EntryColumns.scan(data) == nil, "\(keys)")
            #expect(try SnapshotManifest.decode(data).entries == entries, "the whole decode reads \(keys)")
        }
    }

    @Test func aLineBeyondTheColumnsIsLeftToTheWholeDecodeWhichReadsIt() throws {
        let entries = [SnapshotManifest.Entry(key: "a", pack: 0, ordinal: 4_294_967_296), .init(key: "b", pack: 0, ordinal: 4_294_967_297)]
        let data = try Self.manifest(entries).encoded()
        #expect(EntryColumns.scan(data) == nil)
        #expect(try SnapshotManifest.decode(data).entries == entries)
    }

    /// An entry naming a pack the manifest does not list is named, whether the snapshot is read
    /// whole or opened (both read the full manifest as columns).
    @Test func anEntryNamingNoPackIsNamed() throws {
        let temp = try TemporaryState()
        let pack = try temp.state.objects.put(.pack, Data("{\"v\":1}\n{\"v\":2}".utf8))
        var manifest = Self.manifest([.init(key: "a", pack: 0, ordinal: 0), .init(key: "b", pack: 1, ordinal: 1)], packs: 1)
        manifest.packs = [pack]
        let data = try manifest.encoded()
        #expect(EntryColumns.scan(data) != nil, "the columns take it")
        let id = try temp.state.objects.put(.snapshot, data)
        let reads: [() throws -> Void] = [{ _ = try temp.state.snapshots.read(id) }, { _ = try temp.state.snapshots.open(id, preload: true) }]
        for read in reads {
            #expect {
                try read()
            } throws: { error in
                "\(error.localizedDescription)".contains("entry b names no pack")
            }
        }
    }

    @Test func badRunsAreLeftToTheWholeDecodeWhichRefusesThem() throws {
        let good = try Self.manifest([.init(key: "a", pack: 0, ordinal: 0), .init(key: "b", pack: 0, ordinal: 1)]).encoded()
        let text = String(decoding: good, as: UTF8.self)
        let written = #""runs":[[0,0,2]]"#
        try #require(text.contains(written))
        for runs in [#""runs":[[0,0,3]]"#, #""runs":[[0,0,1]]"#, #""runs":[[0,-1,2]]"#, #""runs":[[0,0]]"#, #""runs":[[0,9223372036854775807,2]]"#] {
            let data = Data(text.replacingOccurrences(of: written, with: runs).utf8)
            #expect(EntryColumns.scan(data) == nil, "\(runs)")
            #expect(throws: (any Error).self, "\(runs)") { try SnapshotManifest.decode(data) }
        }
        for keys in [#""keys":["0:a","2:b"]"#, #""keys":["0:a","x:b"]"#, #""keys":["0:a","1b"]"#] {
            let data = Data(text.replacingOccurrences(of: #""keys":["0:a","0:b"]"#, with: keys).utf8)
            #expect(EntryColumns.scan(data) == nil, "\(keys)")
            #expect(throws: (any Error).self, "\(keys)") { try SnapshotManifest.decode(data) }
        }
    }
}
