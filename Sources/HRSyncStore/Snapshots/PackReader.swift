import Foundation

/// Reads records out of `pack` objects, inflating each pack once.
///
/// A pack's payload is one record per line. A pack holding deltas starts with a header line
/// `~<pack> <pack>…` naming the packs its deltas refer to (by the first `basePrefixLength` hex
/// digits of their id, unique in the store when written, or in full); a delta line is
/// `~<base>.<line> <RecordDelta>`: the record is that line of the header's `<base>`-th pack with
/// the delta applied. Bases are always whole records (deltas are one level deep), so a record
/// costs at most two pack reads. Records are JSON and never start with `~`.
final class PackReader {
    static let marker = UInt8(ascii: "~")
    /// 80 bits of SHA-256: a store would need about 10^12 objects before two are likely to share it.
    static let basePrefixLength = 20

    /// A pack's lines are ranges of its payload, not copies: a 100,000-record pack is one buffer.
    struct Pack {
        var payload: Data
        var lines: [Range<Int>]
        var bases: [ObjectID]

        /// The `index`-th line (a slice of the payload, sharing its bytes).
        func line(_ index: Int) -> Data { payload[lines[index]] }

        /// Record line `ordinal` (whole or a delta), or nil when the pack has none there (line 0
        /// of a pack with deltas is its header).
        func recordLine(_ ordinal: Int) -> Data? {
            guard lines.indices.contains(ordinal), ordinal > 0 || bases.isEmpty else { return nil }
            return line(ordinal)
        }
    }

    let objects: ObjectStore
    private var packs: [ObjectID: Pack] = [:]
    /// Set once every pack a reading needs is loaded (`preload`): from then on the cache is only
    /// read, so threads may share the reader (a pack still missing is read, not cached).
    private(set) var frozen = false

    init(objects: ObjectStore) {
        self.objects = objects
    }

    func pack(_ id: ObjectID) throws -> Pack {
        if let cached = packs[id] { return cached }
        return try pack(id, payload: try objects.get(id, as: .pack))
    }

    /// The pack `id` from its payload, read already (by `fsck` and `gc`, which read every object).
    func pack(_ id: ObjectID, payload: Data) throws -> Pack {
        if let cached = packs[id] { return cached }
        let lines = Self.lineRanges(payload)
        var bases: [ObjectID] = []
        if let first = lines.first, case let header = payload[first], header.first == Self.marker {
            for hex in String(decoding: header.dropFirst(), as: UTF8.self).split(separator: " ") {
                guard let base = try ObjectID(hex: String(hex)) ?? objects.resolve(prefix: String(hex)) else {
                    throw corrupt(id, "its deltas refer to missing object \(hex)")
                }
                bases.append(base)
            }
        }
        let pack = Pack(payload: payload, lines: lines, bases: bases)
        if !frozen { packs[id] = pack }
        return pack
    }

    /// Loads `ids` and the packs their deltas refer to, then freezes the cache (see `frozen`). A
    /// base that does not load is left out: only a record that needs it fails, when read, with
    /// the error `read` gives (a header naming a base no record uses must not fail the snapshot).
    func preload(_ ids: Set<ObjectID>) throws {
        for id in ids {
            for base in try pack(id).bases { _ = try? pack(base) }
        }
        frozen = true
    }

    /// Where each line of `payload` is (split at every newline, empty lines kept: n newlines make
    /// n + 1 lines), found with memchr: `Data.split` cost more than inflating the pack.
    static func lineRanges(_ payload: Data) -> [Range<Int>] {
        let start = payload.startIndex
        return payload.withUnsafeBytes { raw -> [Range<Int>] in
            guard let base = raw.baseAddress, raw.count > 0 else { return [start..<start] }
            var ranges: [Range<Int>] = []
            var from = 0
            while let hit = memchr(base + from, 0x0A, raw.count - from) {
                let end = UnsafeRawPointer(hit) - base
                ranges.append((start + from)..<(start + end))
                from = end + 1
            }
            ranges.append((start + from)..<(start + raw.count))
            return ranges
        }
    }

    /// The whole record at `ref`.
    func record(_ ref: RecordRef) throws -> Data {
        let line = try self.line(ref)
        guard line.first == Self.marker else { return line }
        let (baseRef, delta) = try parseDelta(line, in: ref)
        let base = try self.line(baseRef)
        guard base.first != Self.marker else { throw corrupt(ref.pack, "line \(ref.ordinal) is a delta against another delta") }
        do {
            return try RecordDelta.apply(delta, to: base)
        } catch {
            throw corrupt(ref.pack, "line \(ref.ordinal) is an unreadable delta")
        }
    }

    /// The whole-record line `ref` is stored against: `ref` itself unless it is a delta.
    func wholeRef(_ ref: RecordRef) throws -> RecordRef {
        let line = try self.line(ref)
        return line.first == Self.marker ? try parseDelta(line, in: ref).base : ref
    }

    func records(for refs: [String: RecordRef]) throws -> [String: Data] {
        var records: [String: Data] = [:]
        records.reserveCapacity(refs.count)
        try forEach(refs) { records[$0] = $1 }
        return records
    }

    /// Each (key, record) of `refs`, in their order.
    func forEach(_ refs: some Sequence<(key: String, value: RecordRef)>, _ body: (String, Data) throws -> Void) throws {
        // Most records are whole lines of the pack the previous one was in: that pack is kept at
        // hand instead of looked up by id per record; deltas and the rest take `record`.
        // Its parts bound apart, not read through an optional: that copied the pack per record,
        // three reference counts that every thread reading the shared pack took turns at.
        var currentID: ObjectID?
        var (payload, lines, hasBases) = (Data(), [Range<Int>](), false)
        for (key, ref) in refs {
            if currentID != ref.pack {
                let pack = try pack(ref.pack)
                (currentID, payload, lines, hasBases) = (ref.pack, pack.payload, pack.lines, !pack.bases.isEmpty)
            }
            let ordinal = ref.ordinal
            if lines.indices.contains(ordinal), ordinal > 0 || !hasBases, case let line = payload[lines[ordinal]], line.first != Self.marker {
                try body(key, line)
            } else {
                try body(key, try record(ref))
            }
        }
    }

    private func line(_ ref: RecordRef) throws -> Data {
        guard let line = try pack(ref.pack).recordLine(ref.ordinal) else { throw corrupt(ref.pack, "pack has no record line \(ref.ordinal)") }
        return line
    }

    private func parseDelta(_ line: Data, in ref: RecordRef) throws -> (base: RecordRef, delta: Data) {
        guard let space = line.firstIndex(of: UInt8(ascii: " ")) else { throw corrupt(ref.pack, "line \(ref.ordinal) is an unreadable delta") }
        let address = String(decoding: line[line.index(after: line.startIndex)..<space], as: UTF8.self).split(separator: ".")
        let bases = try pack(ref.pack).bases
        guard address.count == 2, let index = Int(address[0]), let ordinal = Int(address[1]), bases.indices.contains(index) else {
            throw corrupt(ref.pack, "line \(ref.ordinal) names no base")
        }
        return (RecordRef(pack: bases[index], ordinal: ordinal), Data(line[line.index(after: space)...]))
    }

    /// How a pack header names `base`: a prefix when that is unambiguous in the store today.
    func headerName(of base: ObjectID) -> String {
        let prefix = String(base.hex.prefix(Self.basePrefixLength))
        return (try? objects.resolve(prefix: prefix)) == base ? prefix : base.hex
    }

    private func corrupt(_ id: ObjectID, _ reason: String) -> StoreError {
        .corruptObject(id: id.hex, path: objects.path(of: id), reason: reason)
    }
}
