import Foundation

/// Plan notes' canonical bytes written directly, byte for byte what `CanonicalJSON.encode` writes
/// for them (tested on random notes with hostile texts). At 100,000 employees a plan's 5,000
/// warnings are 1.4 MB that `JSONEncoder`'s Codable machinery wrote at about 10 MB/s, at the end
/// of every `plan`. A note is written here only in its plain form: every text without a byte that
/// JSON or `CanonicalJSON.escapingUnsafeCharacters` escapes, and `values` keys of lowercase ASCII
/// letters (their order is then the same under any of the encoder's key orderings). Any other note
/// is left to `CanonicalJSON`: the bytes are the same either way.
enum NoteBytes {
    /// `CanonicalJSON.encode(Array(notes))`, byte for byte.
    static func encode(_ notes: ArraySlice<PlanNote>) throws -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(notes.count * 320 + 2)
        out.append(UInt8(ascii: "["))
        for (n, note) in notes.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            let mark = out.count
            if !write(note, to: &out) {
                out.removeSubrange(mark...)
                out.append(contentsOf: try CanonicalJSON.encode(note))
            }
        }
        out.append(UInt8(ascii: "]"))
        return Data(out)
    }

    /// Appends `note`'s bytes in its plain form; false (and part of it appended) when it is not in it.
    static func write(_ note: PlanNote, to out: inout [UInt8]) -> Bool {
        out.append(contentsOf: #"{"kind":"#.utf8)
        guard string(note.kind.rawValue, to: &out) else { return false }
        if !note.people.isEmpty {
            out.append(contentsOf: #","people":["#.utf8)
            for (n, person) in note.people.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "{"))
                if let email = person.email {
                    out.append(contentsOf: #""email":"#.utf8)
                    guard string(email, to: &out) else { return false }
                    out.append(UInt8(ascii: ","))
                }
                out.append(contentsOf: #""name":"#.utf8)
                guard string(person.name, to: &out) else { return false }
                out.append(contentsOf: #","personio_id":"#.utf8)
                out.append(contentsOf: String(person.personioID).utf8)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
        if !note.users.isEmpty {
            out.append(contentsOf: #","users":["#.utf8)
            for (n, user) in note.users.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                guard string(user, to: &out) else { return false }
            }
            out.append(UInt8(ascii: "]"))
        }
        if !note.values.isEmpty {
            guard note.values.keys.allSatisfy(isPlainKey) else { return false }
            out.append(contentsOf: #","values":{"#.utf8)
            for (n, key) in note.values.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                guard string(key, to: &out) else { return false }
                out.append(UInt8(ascii: ":"))
                guard string(note.values[key]!, to: &out) else { return false }
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "}"))
        return true
    }

    /// A values key whose place in the sorted keys every key ordering agrees on: lowercase ASCII letters.
    static func isPlainKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
    }

    /// Appends `text` quoted; false when it has a byte to escape: a quote, a backslash, a control,
    /// DEL, or the first byte of a character `escapingUnsafeCharacters` may escape (U+0080–U+00BF,
    /// U+2000–U+2FFF, U+F000–U+FFFF: C1 controls, bidi marks, the BOM).
    static func string(_ text: String, to out: inout [UInt8]) -> Bool {
        out.append(UInt8(ascii: "\""))
        var text = text
        let plain = text.withUTF8 { bytes in
            for byte in bytes {
                switch byte {
                case 0x20...0x7E where byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\"): continue
                case 0x80...0xFF where byte != 0xC2 && byte != 0xE2 && byte != 0xEF: continue
                default: return false
                }
            }
            out.append(contentsOf: bytes)
            return true
        }
        out.append(UInt8(ascii: "\""))
        return plain
    }
}
