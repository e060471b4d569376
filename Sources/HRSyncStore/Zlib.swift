import CZlib
import Foundation

/// zlib (the system libz) in one-shot form. Streams are used on both sides so sizes need not
/// be known up front; `deflateInit`/`inflateInit` are C macros, hence the `_` variants.
enum Zlib {
    struct Failure: Error, CustomStringConvertible {
        let code: Int32
        let operation: String
        var description: String { "zlib \(operation) failed (code \(code))" }
    }

    static func compress(_ input: Data, level: Int32 = 6, dictionary: [UInt8]? = nil) throws -> Data {
        try compress([input], level: level, dictionary: dictionary)
    }

    /// Deflates `parts` as one stream, as if concatenated (an object's header and payload, or a
    /// pack's lines, are never copied into one buffer). With a preset `dictionary` the stream names
    /// it by its Adler-32 (zlib's FDICT), and `decompress` must be given the same bytes.
    static func compress(_ parts: some Sequence<Data>, level: Int32 = 6, dictionary: [UInt8]? = nil) throws -> Data {
        var stream = z_stream()
        var status = deflateInit_(&stream, level, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw Failure(code: status, operation: "deflateInit") }
        defer { deflateEnd(&stream) }
        if let dictionary {
            status = dictionary.withUnsafeBufferPointer { deflateSetDictionary(&stream, $0.baseAddress, uInt($0.count)) }
            guard status == Z_OK else { throw Failure(code: status, operation: "deflateSetDictionary") }
        }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        func feed(_ part: Data, _ flush: Int32) throws {
            try part.withUnsafeBytes { (source: UnsafeRawBufferPointer) in
                stream.next_in = UnsafeMutablePointer(mutating: source.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(source.count)
                repeat {
                    let written: Int = chunk.withUnsafeMutableBufferPointer { buffer in
                        stream.next_out = buffer.baseAddress
                        stream.avail_out = uInt(buffer.count)
                        status = deflate(&stream, flush)
                        return buffer.count - Int(stream.avail_out)
                    }
                    guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else { throw Failure(code: status, operation: "deflate") }
                    if written > 0 { output.append(contentsOf: chunk[0..<written]) }
                } while flush == Z_FINISH ? status != Z_STREAM_END : stream.avail_in > 0
            }
        }
        for part in parts where !part.isEmpty { try feed(part, Z_NO_FLUSH) }
        try feed(Data(), Z_FINISH)
        return output
    }

    /// Inflates `input`. Once the first bytes are out, `limit` is asked how many the whole output
    /// may have (objects declare their size in the header): a bomb is refused after at most one
    /// more chunk, never inflated whole. A stream that names a preset dictionary gets the one of
    /// `dictionaries` whose Adler-32 it names; any other is refused.
    static func decompress(_ input: Data, dictionaries: [[UInt8]] = [], limit: (Data) throws -> Int? = { _ in .max }) throws -> Data {
        var stream = z_stream()
        var status = inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw Failure(code: status, operation: "inflateInit") }
        defer { inflateEnd(&stream) }
        var output = Data()
        var allowed: Int?
        // zlib counts input in 32 bits: a larger input would trap in the conversion below.
        guard input.count <= Int(UInt32.max) else { throw Failure(code: Z_BUF_ERROR, operation: "inflate (input over 4 GiB)") }
        let chunkSize = min(max(64 * 1024, input.count * 4), 16 << 20)
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        try input.withUnsafeBytes { (source: UnsafeRawBufferPointer) in
            stream.next_in = UnsafeMutablePointer(mutating: source.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(source.count)
            repeat {
                let written: Int = chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return buffer.count - Int(stream.avail_out)
                }
                if status == Z_NEED_DICT {  // nothing is out yet: the header is all that was read
                    guard let dictionary = dictionaries.first(where: { adler32(of: $0) == stream.adler }) else {
                        throw Failure(code: Z_NEED_DICT, operation: "inflate (the stream needs a preset dictionary this hrsync does not have)")
                    }
                    status = dictionary.withUnsafeBufferPointer { inflateSetDictionary(&stream, $0.baseAddress, uInt($0.count)) }
                    guard status == Z_OK else { throw Failure(code: status, operation: "inflateSetDictionary") }
                    continue
                }
                guard status == Z_OK || status == Z_STREAM_END else { throw Failure(code: status, operation: "inflate") }
                output.append(contentsOf: chunk[0..<written])
                if allowed == nil, let declared = try limit(output) {
                    allowed = declared
                    if declared < Int.max { output.reserveCapacity(declared) }  // grown once, not doubled
                }
                if let allowed, output.count > allowed { throw Failure(code: Z_DATA_ERROR, operation: "inflate (more than the declared size)") }
                if status == Z_OK && written == 0 && stream.avail_in == 0 {
                    throw Failure(code: Z_DATA_ERROR, operation: "inflate (truncated input)")
                }
            } while status != Z_STREAM_END
        }
        return output
    }

    /// zlib's Adler-32 of `bytes`: how a stream names its preset dictionary.
    static func adler32(of bytes: [UInt8]) -> UInt {
        bytes.withUnsafeBufferPointer { UInt(CZlib.adler32(CZlib.adler32(0, nil, 0), $0.baseAddress, uInt($0.count))) }
    }
}
