import Foundation

/// A manifest's header without its entry columns, cut out by bytes: `JSONDecoder` parses a whole
/// document before it decodes any field, so reading the header of a 466,000-record manifest
/// (`info`, and `open` before its columns are scanned) parsed every key twice over for nothing:
/// 36 ms of `plan --offline` at 100,000 employees on its critical path, and most of the check
/// before it. The members kept are passed on as they are, so `JSONDecoder` still reads (and
/// checks) every field it decodes; the columns are checked where they are read.
enum ManifestHeader {
    /// The members skipped: the entry columns of each format.
    static let columns: Set<[UInt8]> = [Array("keys".utf8), Array("runs".utf8), Array("entries".utf8)]

    /// `data`, an object, without its column members; nil when it is not an object of plainly
    /// spelled keys (then the caller decodes `data` whole, as before).
    static func withoutColumns(_ data: Data) -> Data? {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Data? in
            var scan = ByteSkipper(bytes)
            guard scan.consume(UInt8(ascii: "{")) else { return nil }
            var kept = Data([UInt8(ascii: "{")])
            kept.reserveCapacity(4096)
            if scan.consume(UInt8(ascii: "}")) { return scan.atEnd ? data : nil }
            repeat {
                scan.skipSpace()
                let memberStart = scan.position
                guard let key = scan.plainString(), scan.consume(UInt8(ascii: ":")), scan.skipValue() else { return nil }
                if !columns.contains(Array(key)) {
                    if kept.count > 1 { kept.append(UInt8(ascii: ",")) }
                    kept.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[memberStart..<scan.position]))
                }
            } while scan.consume(UInt8(ascii: ","))
            guard scan.consume(UInt8(ascii: "}")), scan.atEnd else { return nil }
            kept.append(UInt8(ascii: "}"))
            return kept
        }
    }
}

/// Finds where JSON values end, by their punctuation, without reading them: strings are skipped
/// escape by escape (a raw control character refused), arrays and objects by the bracket each must
/// close with. It checks nothing else (numbers, literals, UTF-8); every index is bounded.
private struct ByteSkipper {
    private let bytes: UnsafeRawBufferPointer
    private(set) var position = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var atEnd: Bool {
        var copy = self
        copy.skipSpace()
        return copy.position == bytes.count
    }

    mutating func skipSpace() {
        while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    static func endsAScalar(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
    }

    mutating func consume(_ byte: UInt8) -> Bool {
        skipSpace()
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// A string without escapes, its bytes between the quotes; nil for anything else.
    mutating func plainString() -> UnsafeRawBufferPointer.SubSequence? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = position
        while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
            guard bytes[position] != UInt8(ascii: "\\") else { return nil }
            position += 1
        }
        guard position < bytes.count else { return nil }
        position += 1
        return bytes[start..<(position - 1)]
    }

    /// Past one value; false when the bytes end first.
    mutating func skipValue() -> Bool {
        skipSpace()
        guard position < bytes.count else { return false }
        var closers: [UInt8] = []  // what each open container must end with
        var depth: Int { closers.count }
        repeat {
            guard position < bytes.count else { return false }
            switch bytes[position] {
            case UInt8(ascii: "\""):
                position += 1
                while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
                    guard bytes[position] >= 0x20 else { return false }  // a raw control character: not JSON
                    position += bytes[position] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard position < bytes.count else { return false }
                position += 1
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                closers.append(bytes[position] == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}"))
                position += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                guard closers.popLast() == bytes[position] else { return false }
                position += 1
            default:
                // A number, a literal, or punctuation inside a container.
                let byte = bytes[position]
                guard depth > 0 || (byte != UInt8(ascii: ",") && byte != UInt8(ascii: ":")) else { return false }
                position += 1
                if depth == 0 {
                    while position < bytes.count, !Self.endsAScalar(bytes[position]) { position += 1 }
                }
            }
        } while depth > 0
        return true
    }
}
