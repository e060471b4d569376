import Foundation

/// One copy of each repeated text within one decode, found by its UTF-8 bytes before a `String`
/// is made: the 360Learning snapshot of 100,000 employees names a few hundred groups and custom
/// fields and one role list 266,000 times, and a user id in its user, mapping and manager lists.
/// Decoded apart, each is a heap string of its own (tens of megabytes kept for the whole plan);
/// shared through a `Set<String>`, each was made, then hashed with SipHash and compared, which was
/// a sixth of the decode. Here a repeat costs one cheap hash of its bytes and one `memcmp`, and no
/// string is made for it.
///
/// Equal bytes are the same text, so any text can be shared (a `Set<String>` would return an
/// earlier, canonically equivalent but different spelling). Lists of texts are shared by the bytes
/// of their JSON (`RecordScanner.sharedStrings`), in a table of their own.
struct SharedTexts {
    private var texts = ByteTable<String>()
    private var lists = ByteTable<KeptList>()
    private var values = ByteTable<KeptValue>()

    init() {}

    /// Every text and list hashed alike, so that each lookup compares bytes with kept entries
    /// that differ (for tests of the comparison; the decode never asks for it).
    init(everyKeyColliding: Bool) {
        texts.colliding = everyKeyColliding
        lists.colliding = everyKeyColliding
        values.colliding = everyKeyColliding
    }

    /// The text whose UTF-8 is `utf8`: the one seen first, or the one `make` returns (then kept).
    mutating func text(utf8: UnsafeRawBufferPointer, make: () throws -> String) rethrows -> String {
        if let seen = texts.lookup(utf8) { return seen }
        let text = try make()
        texts.insert(text, for: utf8)
        return text
    }

    /// `text`, or the same bytes seen first (for texts not read by the scanner).
    mutating func callAsFunction(_ text: String) -> String {
        var bytes = text  // withUTF8 may make it contiguous; `text` is what is kept
        return bytes.withUTF8 { utf8 in self.text(utf8: UnsafeRawBufferPointer(utf8)) { text } }
    }

    /// The list whose JSON is `json`, when one was kept.
    func list(json: UnsafeRawBufferPointer) -> [String]? {
        lists.lookup(json)?.list
    }

    /// Keeps `list` as the one whose JSON is `json`.
    mutating func keep(_ list: [String], json: UnsafeRawBufferPointer) {
        lists.insert(KeptList(list: list, json: Array(json)), for: json)
    }

    /// The custom value whose JSON is `json`, when one was kept.
    func customValue(json: UnsafeRawBufferPointer) -> LMSCustomValue? {
        values.lookup(json)?.value
    }

    /// Keeps `value` as the one whose JSON is `json`; up to `keptValues` of them (a field whose
    /// every value differs, an employee number, would keep one JSON copy per user for nothing).
    mutating func keep(_ value: LMSCustomValue, json: UnsafeRawBufferPointer) {
        guard values.count < Self.keptValues else { return }
        values.insert(KeptValue(value: value, json: Array(json)), for: json)
    }

    /// How many custom values' JSON `keep` keeps at most: a company's hire dates, departments and
    /// cost centers are a few thousand.
    static let keptValues = 50_000

    /// The record with its ids shared: its own, its custom fields', its managers' (for a user
    /// `JSONDecoder` read; the scanner shares them as it reads).
    mutating func callAsFunction(_ user: LMSUserRecord) -> LMSUserRecord {
        var user = user
        user.id = self(user.id)
        if let values = user.customValues {
            user.customValues = values.map { LMSCustomValue(fieldID: self($0.fieldID), type: self($0.type), value: $0.value) }
        }
        if let managers = user.managers { user.managers = managers.map { self($0) } }
        return user
    }
}

/// A value a `ByteTable` finds by bytes: a text by its UTF-8 (not copied), a list by its JSON.
private protocol ByteKeyed {
    func has(_ key: UnsafeRawBufferPointer) -> Bool
}

extension String: ByteKeyed {
    fileprivate func has(_ key: UnsafeRawBufferPointer) -> Bool {
        guard utf8.count == key.count else { return false }
        guard let start = key.baseAddress, key.count > 0 else { return true }
        return utf8.withContiguousStorageIfAvailable { own in own.baseAddress.map { memcmp($0, start, key.count) == 0 } ?? false }
            ?? utf8.elementsEqual(key)
    }
}

private struct KeptList: ByteKeyed {
    var list: [String]
    var json: [UInt8]

    func has(_ key: UnsafeRawBufferPointer) -> Bool { json.elementsEqual(key) }
}

private struct KeptValue: ByteKeyed {
    var value: LMSCustomValue
    var json: [UInt8]

    func has(_ key: UnsafeRawBufferPointer) -> Bool { json.elementsEqual(key) }
}

/// An open-addressing table from byte strings to the values they spell: the slots hold an entry's
/// index, so a lookup hashes the bytes once and compares them with one entry's (almost always).
private struct ByteTable<Value: ByteKeyed> {
    private struct Entry {
        var hash: UInt64
        var value: Value
    }

    private var slots: [Int32] = []  // entry index + 1; 0 is empty
    private var entries: [Entry] = []
    private var seed: UInt64 = 0  // drawn when the table is first used
    var colliding = false

    /// The entries kept.
    var count: Int { entries.count }

    func lookup(_ key: UnsafeRawBufferPointer) -> Value? {
        guard !slots.isEmpty else { return nil }
        let hash = colliding ? 0 : Self.hash(key, seed: seed)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let entry = entries[Int(slots[slot]) - 1]
            if entry.hash == hash && entry.value.has(key) { return entry.value }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Adds `value` for `key`, which `lookup` did not find.
    mutating func insert(_ value: Value, for key: UnsafeRawBufferPointer) {
        guard entries.count < Int32.max - 1 else { return }  // not kept: read again if it repeats
        if entries.count * 4 >= slots.count * 3 { grow() }
        let hash = colliding ? 0 : Self.hash(key, seed: seed)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        entries.append(Entry(hash: hash, value: value))
        slots[slot] = Int32(entries.count)
    }

    private mutating func grow() {
        if slots.isEmpty { seed = UInt64.random(in: .min ... .max) }
        slots = [Int32](repeating: 0, count: max(slots.count * 2, 1024))
        let mask = slots.count - 1
        for (index, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }

    /// A fast mix of the bytes, eight at a time (texts here are ids of about 24 bytes), the last
    /// word zero-padded and mixed like the others, then finalized (murmur3's fmix64) so that every
    /// bit of every byte reaches the slot's bits; seeded per table as Swift's own hashing is per
    /// process, so a state directory cannot be crafted to collide.
    static func hash(_ key: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        var hash: UInt64 = seed ^ UInt64(key.count)
        var offset = 0
        while offset < key.count {
            var word: UInt64
            if offset + 8 <= key.count {
                word = key.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            } else {
                word = 0
                for index in offset..<key.count { word |= UInt64(key[index]) << (8 * UInt64(index - offset)) }
            }
            hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 29
            offset += 8
        }
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash &*= 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 33)
    }
}
