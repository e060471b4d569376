import Foundation

/// A byte-level copy/insert delta of one record against a base record, the way git's packs store
/// a changed file: an edited employee costs the bytes that changed, not the whole record.
/// Written as text so it can sit on one line of a pack: `c<skip>+<length>` copies bytes from the
/// base starting `skip` bytes (may be negative) after where the previous copy ended, which keeps
/// the numbers short; `i<length>:<bytes>` inserts bytes (records never contain a newline, so
/// neither does this).
enum RecordDelta {
    /// Copies shorter than this are cheaper as inserted bytes.
    static let minimumCopy = 6

    static func encode(from base: Data, to target: Data) -> Data {
        let b = [UInt8](base), t = [UInt8](target)
        var index: [UInt32: Int] = [:]
        index.reserveCapacity(b.count)
        if b.count >= 4 {
            for p in stride(from: b.count - 4, through: 0, by: -1) { index[gram(b, p)] = p }  // keep the first occurrence
        }
        var out = Data()
        var literal: [UInt8] = []
        var expected = 0  // where the base continues after the last copy: edits keep the order
        var i = 0
        func flushLiteral() {
            guard !literal.isEmpty else { return }
            out.append(contentsOf: Array("i\(literal.count):".utf8))
            out.append(contentsOf: literal)
            literal.removeAll(keepingCapacity: true)
        }
        while i < t.count {
            var bestStart = 0, bestLength = 0
            for candidate in [Optional(expected), i + 4 <= t.count ? index[gram(t, i)] : nil].compactMap({ $0 }) where candidate < b.count {
                var length = 0
                while i + length < t.count, candidate + length < b.count, t[i + length] == b[candidate + length] { length += 1 }
                if length > bestLength { bestStart = candidate; bestLength = length }
            }
            if bestLength >= minimumCopy {
                flushLiteral()
                out.append(contentsOf: Array("c\(bestStart - expected)+\(bestLength)".utf8))
                i += bestLength
                expected = bestStart + bestLength
            } else {
                literal.append(t[i])
                i += 1
            }
        }
        flushLiteral()
        return out
    }

    struct Malformed: Error {}

    static func apply(_ delta: Data, to base: Data) throws -> Data {
        let d = [UInt8](delta), b = [UInt8](base)
        var out = Data()
        var i = 0, expected = 0
        func number() throws -> Int {
            var value = 0, digits = 0
            while i < d.count, d[i] >= 0x30, d[i] <= 0x39, digits < 10 { value = value * 10 + Int(d[i] - 0x30); i += 1; digits += 1 }
            guard digits > 0 else { throw Malformed() }
            return value
        }
        while i < d.count {
            let op = d[i]
            i += 1
            switch op {
            case UInt8(ascii: "c"):
                let negative = i < d.count && d[i] == UInt8(ascii: "-")
                if negative { i += 1 }
                let offset = expected + (negative ? -1 : 1) * (try number())
                guard i < d.count, d[i] == UInt8(ascii: "+") else { throw Malformed() }
                i += 1
                let length = try number()
                guard offset >= 0, offset + length <= b.count else { throw Malformed() }
                out.append(contentsOf: b[offset..<(offset + length)])
                expected = offset + length
            case UInt8(ascii: "i"):
                let length = try number()
                guard i < d.count, d[i] == UInt8(ascii: ":"), i + 1 + length <= d.count else { throw Malformed() }
                out.append(contentsOf: d[(i + 1)..<(i + 1 + length)])
                i += 1 + length
            default:
                throw Malformed()
            }
        }
        return out
    }

    private static func gram(_ bytes: [UInt8], _ p: Int) -> UInt32 {
        UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
    }
}
