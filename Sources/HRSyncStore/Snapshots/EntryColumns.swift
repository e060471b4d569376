import Foundation
import HRSyncCore

/// A full manifest's entries as columns of numbers and one buffer of key bytes, for a snapshot
/// opened to be read through (`OpenSnapshot`): 466,000 keys at 100,000 employees were as many
/// `String`s (about 48 MB with the entries, a tenth of `plan --offline`'s peak memory) for a
/// reading that looks at each key once. A key becomes a `String` only when it is handed over.
struct EntryColumns: Sendable {
    /// Every key's bytes, one after the other: key `n` ends where key `n + 1` starts (`ends[n]`).
    private(set) var keyBytes: [UInt8] = []
    private(set) var ends: [UInt32] = []
    /// Entry `n` is line `ordinals[n]` of the manifest's `packs[packs[n]]`.
    private(set) var packs: [UInt32] = []
    private(set) var ordinals: [UInt32] = []
    /// The bytes of the manifest read (bounds the keys' bytes).
    private var manifestSize = 0

    var count: Int { ends.count }

    func range(_ n: Int) -> Range<Int> { (n == 0 ? 0 : Int(ends[n - 1]))..<Int(ends[n]) }

    /// Key `n` (printable ASCII, so the bytes are the text).
    func key(_ n: Int) -> String {
        keyBytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range(n)]), as: UTF8.self) }
    }

    /// Where entry `n`'s record is, given the manifest's `packs` (checked to hold every pack index: `OpenSnapshot`).
    func reference(_ n: Int, in packs: [ObjectID]) -> RecordRef {
        RecordRef(pack: packs[Int(self.packs[n])], ordinal: Int(ordinals[n]))
    }

    /// Whether key `n` starts with `prefix`'s bytes.
    func key(_ n: Int, startsWith prefix: [UInt8]) -> Bool {
        let range = range(n)
        guard range.count >= prefix.count else { return false }
        return keyBytes.withUnsafeBufferPointer { bytes in prefix.indices.allSatisfy { bytes[range.lowerBound + $0] == prefix[$0] } }
    }

    /// The columns of a manifest in the form hrsync writes (the `keys` and `runs` columns) when
    /// every key is printable ASCII without escapes and each is greater than the one before, byte
    /// by byte (for ASCII, as `String` orders them: no key twice); nil for anything else, read by
    /// `SnapshotManifest.decode` whole, which also names what is wrong with a damaged one. The
    /// runs are checked as `SnapshotManifest.entries(keys:runs:)` checks them.
    static func scan(_ data: Data) -> EntryColumns? {
        RecordScanner.read(data) { s -> EntryColumns in
            var columns = EntryColumns(), runs: [[Int]]?, keysRead = false
            columns.manifestSize = data.count
            try s.object { s, key in
                switch key {
                case SnapshotManifest.CodingKeys.keys.stringValue where !keysRead:
                    keysRead = true
                    _ = try s.array { s in
                        guard try s.asciiString({ try columns.append(coded: $0) }) != nil else { throw RecordScanner.Bail() }
                    }
                case SnapshotManifest.CodingKeys.runs.stringValue where runs == nil: runs = try s.array { try $0.array { try $0.int() } }
                case SnapshotManifest.CodingKeys.keys.stringValue, SnapshotManifest.CodingKeys.runs.stringValue,
                    SnapshotManifest.CodingKeys.entries.stringValue:
                    throw RecordScanner.Bail()
                default: try s.skipValue()
                }
            }
            guard keysRead, let runs else { throw RecordScanner.Bail() }
            try columns.place(runs)
            return columns
        }
    }

    /// Appends the key coded as "<bytes shared with the key before>:<the rest>", if it is greater.
    private mutating func append(coded: UnsafeRawBufferPointer) throws {
        guard let colon = coded.firstIndex(of: UInt8(ascii: ":")), colon > 0, colon <= 18,
            coded[..<colon].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { throw RecordScanner.Bail() }
        let shared = coded[..<colon].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        let previous = ends.isEmpty ? 0..<0 : range(ends.count - 1)
        guard shared <= previous.count else { throw RecordScanner.Bail() }
        let rest = coded[(colon + 1)...]
        // Greater than the key before: the first differing byte is in `rest` (at `shared`), or
        // the key before is a prefix of this one and this one is longer.
        let before = previous.count > shared ? keyBytes[previous.lowerBound + shared] : nil
        switch (before, rest.first) {
        case (nil, _?) where !ends.isEmpty, (nil, _) where ends.isEmpty: break
        case (let b?, let r?) where r > b: break
        default: throw RecordScanner.Bail()
        }
        // The shared bytes are copied within the buffer once it has room (appending a slice of the
        // array to itself would copy the whole buffer; byte by byte, each byte was an append).
        let start = keyBytes.count
        keyBytes.append(contentsOf: repeatElement(0, count: shared))
        keyBytes.withUnsafeMutableBufferPointer { bytes in
            // The key before ends at `start`, so its first `shared` bytes never overlap the copy.
            guard shared > 0, let base = bytes.baseAddress else { return }
            (base + start).update(from: base + previous.lowerBound, count: shared)
        }
        keyBytes.append(contentsOf: rest)
        // Shared prefixes let a small manifest spell huge keys: beyond 64 bytes of key per byte of
        // manifest (hrsync writes about two), it is left to the whole decode (which has no such bound).
        guard keyBytes.count <= min(Int(UInt32.max), 64 * max(manifestSize, 1024)) else { throw RecordScanner.Bail() }
        ends.append(UInt32(keyBytes.count))
    }

    /// Each key's pack and line from `runs` of [pack, first line, count], which must cover the keys exactly.
    private mutating func place(_ runs: [[Int]]) throws {
        packs.reserveCapacity(count)
        ordinals.reserveCapacity(count)
        for run in runs {
            guard run.count == 3, run[0] >= 0, run[1] >= 0, run[2] >= 0, run[2] <= count - packs.count, run[0] <= UInt32.max,
                run[1] <= Int(UInt32.max) - run[2]
            else { throw RecordScanner.Bail() }
            for line in 0..<run[2] {
                packs.append(UInt32(run[0]))
                ordinals.append(UInt32(run[1] + line))
            }
        }
        guard packs.count == count else { throw RecordScanner.Bail() }
    }
}
