import Foundation

/// A strict reader for the JSON of the snapshot records hrsync writes itself, for the record types
/// a large snapshot is made of (`Employee`, users, roles, mappings). `JSONDecoder` spent most of
/// `plan --offline`'s time at 100,000 employees in its Codable machinery, not in the JSON.
///
/// It reads a subset of JSON exactly: objects, arrays, strings (every escape), integers written
/// plainly and `null`. Anything else, an unknown or repeated key, or a missing one throws `Bail`,
/// and the caller reads that record with `JSONDecoder` instead, so an odd record reads (or fails)
/// exactly as before. What it does read equals what `JSONDecoder` would read (tested on random and
/// mutated records).
public struct RecordScanner {
    /// Not in the form this reader takes: read the record with `JSONDecoder`.
    public struct Bail: Error {
        /// A bail, as a reader throws it.
        public init() {}
    }

    private let bytes: UnsafeRawBufferPointer
    private var index = 0

    private init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// `read` over `data`'s bytes, which must hold one value and nothing else; nil on `Bail`.
    public static func read<T>(_ data: Data, _ read: (inout RecordScanner) throws -> T) -> T? {
        data.withUnsafeBytes { raw in
            var scanner = RecordScanner(raw)
            scanner.skipSpace()
            guard let value = try? read(&scanner) else { return nil }
            scanner.skipSpace()
            return scanner.index == raw.count ? value : nil
        }
    }

    // MARK: - Values

    /// An object member's key as written: its bytes when they are plain ASCII (no escapes), which a
    /// reader's names are compared with by length and bytes, no `String` made; else its text, read
    /// as `string()` reads a value. A snapshot's decode made a string of each of millions of keys,
    /// then compared it with each name in turn.
    public struct Key {
        fileprivate let ascii: UnsafeRawBufferPointer  // valid during the member's call only
        fileprivate let other: String?

        /// The key as text.
        public var text: String { other ?? String(decoding: ascii, as: UTF8.self) }

        /// Whether the key is `name`, which must be ASCII, as every reader's names are (checked in
        /// debug builds): then `String`'s `==` is byte for byte for a plain key. A non-ASCII name
        /// could equal an ASCII key as text (the Kelvin sign is K) and not by bytes.
        public static func ~= (name: String, key: Key) -> Bool {
            assert(name.utf8.allSatisfy { $0 < 0x80 }, "a reader's member names are ASCII")
            if let other = key.other { return other == name }
            var name = name
            return name.withUTF8 { own in
                guard own.count == key.ascii.count else { return false }
                guard let start = own.baseAddress, let keyStart = key.ascii.baseAddress else { return true }  // both empty
                return memcmp(start, keyStart, own.count) == 0
            }
        }
    }

    /// The members of an object, each key handed to `member`, which must read its value.
    public mutating func object(_ member: (inout RecordScanner, Key) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        skipSpace()
        if consume(UInt8(ascii: "}")) { return }
        repeat {
            skipSpace()
            let key = try memberKey()
            skipSpace()
            try expect(UInt8(ascii: ":"))
            skipSpace()
            try member(&self, key)
            skipSpace()
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
    }

    /// The elements of an array, each read by `element`.
    public mutating func array<T>(_ element: (inout RecordScanner) throws -> T) throws -> [T] {
        try expect(UInt8(ascii: "["))
        skipSpace()
        var items: [T] = []
        if consume(UInt8(ascii: "]")) { return items }
        repeat {
            skipSpace()
            items.append(try element(&self))
            skipSpace()
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
        return items
    }

    /// `null` is consumed and true; anything else is left and false.
    public mutating func null() -> Bool {
        guard bytes.count - index >= 4, bytes[index] == UInt8(ascii: "n"), bytes[index + 1] == UInt8(ascii: "u"),
            bytes[index + 2] == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: "l")
        else { return false }
        index += 4
        return true
    }

    /// The next byte, not consumed (nil at the end).
    public var next: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// A string value. Raw control characters, lone surrogates and invalid UTF-8 bail.
    public mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = index
        var bits: UInt8 = 0  // every byte's bits: below 0x80, the string is ASCII and needs no UTF-8 check
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                defer { index += 1 }
                let utf8 = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                return bits < 0x80 ? String(decoding: utf8, as: UTF8.self) : try text(utf8)
            }
            if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
            guard byte >= 0x20 else { throw Bail() }
            bits |= byte
            index += 1
        }
        throw Bail()
    }

    /// An object member's key (`Key`): plain ASCII as its bytes, anything else read by `string()`.
    private mutating func memberKey() throws -> Key {
        let open = index
        try expect(UInt8(ascii: "\""))
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                defer { index += 1 }
                return Key(ascii: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), other: nil)
            }
            guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\\") else {
                index = open
                return Key(ascii: UnsafeRawBufferPointer(start: nil, count: 0), other: try string())
            }
            index += 1
        }
        throw Bail()
    }

    /// An integer written plainly (`-?(0|[1-9][0-9]*)`) that fits an Int; fractions and exponents bail.
    public mutating func int() throws -> Int {
        let negative = consume(UInt8(ascii: "-"))
        let start = index
        var value = 0
        while let byte = next, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflowTimes, !overflowSum else { throw Bail() }
            value = sum
            index += 1
        }
        let digits = index - start
        guard digits > 0, !(digits > 1 && bytes[start] == UInt8(ascii: "0")) else { throw Bail() }
        if let byte = next, byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { throw Bail() }
        return negative ? -value : value
    }

    /// An array of strings (`null` elements bail, as they fail `[String]`).
    public mutating func strings() throws -> [String] {
        try array { try $0.string() }
    }

    /// A string of printable ASCII written without escapes, handed to `body` as its bytes (valid
    /// only during the call) and not made into a `String`; nil, with nothing consumed, for any
    /// other string (the caller reads the whole value another way).
    public mutating func asciiString<T>(_ body: (UnsafeRawBufferPointer) throws -> T) throws -> T? {
        guard next == UInt8(ascii: "\"") else { throw Bail() }
        var end = index + 1
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            guard (0x20...0x7E).contains(bytes[end]), bytes[end] != UInt8(ascii: "\\") else { return nil }
            end += 1
        }
        guard end < bytes.count else { throw Bail() }
        defer { index = end + 1 }
        return try body(UnsafeRawBufferPointer(rebasing: bytes[(index + 1)..<end]))
    }

    /// A string value shared through `shared`: a text read before is found by its bytes and no
    /// string is made again. One with escapes is read as `string()` reads it, and not shared.
    mutating func sharedString(_ shared: inout SharedTexts) throws -> String {
        let open = index
        try expect(UInt8(ascii: "\""))
        let start = index
        var bits: UInt8 = 0  // as in `string()`
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let utf8 = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                index += 1
                return try shared.text(utf8: utf8) { bits < 0x80 ? String(decoding: utf8, as: UTF8.self) : try text(utf8) }
            }
            if byte == UInt8(ascii: "\\") {
                index = open
                return try string()
            }
            guard byte >= 0x20 else { throw Bail() }
            bits |= byte
            index += 1
        }
        throw Bail()
    }

    /// An array of strings shared through `shared`: a list read before (the same JSON bytes) is
    /// the list kept then; its elements are shared too.
    mutating func sharedStrings(_ shared: inout SharedTexts) throws -> [String] {
        let start = index
        guard let end = endOfStrings() else { return try array { try $0.sharedString(&shared) } }
        let json = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        if let seen = shared.list(json: json) {
            index = end
            return seen
        }
        let list = try array { try $0.sharedString(&shared) }
        shared.keep(list, json: json)
        return list
    }

    /// A custom value (`{"fieldID":…,"type":…,"value":…}`) read by `read`, or the one read before
    /// from the same JSON bytes (`SharedTexts.customValue`): 300,000 values at 100,000 users are a
    /// few thousand distinct ones, each read once rather than as three texts looked up apart.
    mutating func sharedCustomValue(
        _ shared: inout SharedTexts, read: (inout RecordScanner, inout SharedTexts) throws -> LMSCustomValue
    ) throws -> LMSCustomValue {
        let start = index
        guard let end = endOfFlatObject() else { return try read(&self, &shared) }
        let json = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        if let seen = shared.customValue(json: json) {
            index = end
            return seen
        }
        let value = try read(&self, &shared)
        shared.keep(value, json: json)
        return value
    }

    /// Where the object of string members that starts here ends, by its punctuation alone (what
    /// it holds is checked when it is read); nil when it is not one.
    private func endOfFlatObject() -> Int? {
        var walk = PunctuationWalk(bytes: bytes, at: index)
        guard walk.take(UInt8(ascii: "{")) else { return nil }
        if let end = walk.end(UInt8(ascii: "}")) { return end }
        while walk.string() {
            guard walk.take(UInt8(ascii: ":")), walk.string() else { return nil }
            if let end = walk.end(UInt8(ascii: "}")) { return end }
            guard walk.take(UInt8(ascii: ",")) else { return nil }
        }
        return nil
    }

    /// Where the array of strings that starts here ends, by its punctuation alone (what it holds
    /// is checked when it is read); nil when it is not one.
    private func endOfStrings() -> Int? {
        var walk = PunctuationWalk(bytes: bytes, at: index)
        guard walk.take(UInt8(ascii: "[")) else { return nil }
        if let end = walk.end(UInt8(ascii: "]")) { return end }
        while walk.string() {
            if let end = walk.end(UInt8(ascii: "]")) { return end }
            guard walk.take(UInt8(ascii: ",")) else { return nil }
        }
        return nil
    }

    /// A walk over bytes by their punctuation alone, for `endOfStrings` and `endOfFlatObject`.
    private struct PunctuationWalk {
        let bytes: UnsafeRawBufferPointer
        var at: Int

        mutating func skipSpace() {
            while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x09 || bytes[at] == 0x0A || bytes[at] == 0x0D { at += 1 }
        }

        /// Past `byte` and the spaces after it, when it is next.
        mutating func take(_ byte: UInt8) -> Bool {
            guard at < bytes.count, bytes[at] == byte else { return false }
            at += 1
            skipSpace()
            return true
        }

        /// Just past `byte` (the end of a value), when it is next.
        func end(_ byte: UInt8) -> Int? {
            at < bytes.count && bytes[at] == byte ? at + 1 : nil
        }

        /// Past a string (by its quotes and escapes) and the spaces after it, when one is next.
        mutating func string() -> Bool {
            guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { return false }
            at += 1
            while at < bytes.count, bytes[at] != UInt8(ascii: "\"") { at += bytes[at] == UInt8(ascii: "\\") ? 2 : 1 }
            guard at < bytes.count else { return false }
            at += 1
            skipSpace()
            return true
        }
    }

    // MARK: - Bytes

    /// Any one JSON value, read past (`true`, `false`, numbers included), for members a reader does not need.
    public mutating func skipValue() throws {
        switch next {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "{"): try object { s, _ in try s.skipValue() }
        case UInt8(ascii: "["): _ = try array { try $0.skipValue() }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): guard null() else { throw Bail() }
        default:
            let start = index
            while let byte = next, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "+-.eE".utf8.contains(byte) { index += 1 }
            guard index > start else { throw Bail() }
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        for byte in UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount) { try expect(byte) }
    }

    /// Whitespace between tokens, read past.
    public mutating func skipSpace() {
        while let byte = next, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard next == byte else { return false }
        index += 1
        return true
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard consume(byte) else { throw Bail() }
    }

    /// The text of valid UTF-8 (`String(decoding:)` repairs invalid bytes: the round trip tells).
    private func text(_ utf8: UnsafeRawBufferPointer) throws -> String {
        let bytes = utf8.assumingMemoryBound(to: UInt8.self)
        let text = String(decoding: bytes, as: UTF8.self)
        guard bytes.allSatisfy({ $0 < 0x80 }) || text.utf8.elementsEqual(bytes) else { throw Bail() }
        return text
    }

    /// The rest of a string that has escapes, from its first byte at `start`.
    private mutating func escapedString(from start: Int) throws -> String {
        var out = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return try out.withUnsafeBytes { try text($0) }
            case UInt8(ascii: "\\"):
                guard let escaped = next else { throw Bail() }
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"): out.append(contentsOf: try unicodeEscape())
                default: throw Bail()
                }
            default:
                guard byte >= 0x20 else { throw Bail() }
                out.append(byte)
            }
        }
        throw Bail()
    }

    /// The UTF-8 of `\uXXXX` (its `\u` read), a surrogate pair as one scalar.
    private mutating func unicodeEscape() throws -> [UInt8] {
        var scalar = try hex4()
        if (0xD800...0xDBFF).contains(scalar) {
            guard consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")) else { throw Bail() }
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw Bail() }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw Bail() }  // a lone low surrogate
        return Array(String(Character(unicode)).utf8)
    }

    private mutating func hex4() throws -> UInt32 {
        guard bytes.count - index >= 4 else { throw Bail() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Bail()
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}
