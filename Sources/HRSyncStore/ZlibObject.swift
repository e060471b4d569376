import CZlib
import Foundation

extension Zlib {
    /// An object inflated as its header and its payload, the payload straight into a buffer of the
    /// size the header declares (the stream's Adler-32 is not checked: the caller checks the SHA-256). Inflating into chunks appended to one `Data`, then cutting the
    /// header off its front, copied a 100 MB pack twice (`plan --offline` at 100,000 employees
    /// waits for that read). `header` is asked, as bytes come out, for the header's length and the
    /// payload's it declares (nil while the header is not out; it throws to refuse one): a payload
    /// longer than declared is refused after one byte more, a shorter one is returned short (the
    /// caller compares it with the header).
    static func inflateObject(
        _ input: Data, dictionaries: [[UInt8]], header parse: (Data) throws -> (header: Int, payload: Int)?
    ) throws -> (header: Data, payload: Data) {
        var stream = z_stream()
        var status = inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw Failure(code: status, operation: "inflateInit") }
        defer { inflateEnd(&stream) }
        // No Adler-32 of the output: the caller checks the object's SHA-256 over the same bytes,
        // which any damage the Adler-32 would find fails too (it was 5 % of reading a snapshot).
        status = inflateValidate(&stream, 0)
        guard status == Z_OK else { throw Failure(code: status, operation: "inflateValidate") }
        guard input.count <= Int(UInt32.max) else { throw Failure(code: Z_BUF_ERROR, operation: "inflate (input over 4 GiB)") }
        return try input.withUnsafeBytes { (source: UnsafeRawBufferPointer) in
            stream.next_in = UnsafeMutablePointer(mutating: source.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(source.count)
            /// Inflates into `buffer`; the bytes written and whether the stream ended.
            func inflate(into buffer: UnsafeMutableRawBufferPointer) throws -> (Int, Bool) {
                while true {
                    stream.next_out = buffer.baseAddress?.assumingMemoryBound(to: Bytef.self)
                    stream.avail_out = uInt(buffer.count)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    let written = buffer.count - Int(stream.avail_out)
                    if status == Z_NEED_DICT {  // nothing is out yet: the header is all that was read
                        try setDictionary(&stream, from: dictionaries)
                        continue
                    }
                    // Z_BUF_ERROR: no progress was possible, which with output room left means the input ran out.
                    guard status == Z_OK || status == Z_STREAM_END else {
                        throw Failure(code: status, operation: status == Z_BUF_ERROR ? "inflate (truncated input)" : "inflate")
                    }
                    if status == Z_OK && written < buffer.count && stream.avail_in == 0 {
                        throw Failure(code: Z_DATA_ERROR, operation: "inflate (truncated input)")
                    }
                    return (written, status == Z_STREAM_END)
                }
            }
            // The header, from the first small chunks.
            var head = Data()
            var chunk = [UInt8](repeating: 0, count: 4096)
            var sizes: (header: Int, payload: Int)?
            var ended = false
            while sizes == nil && !ended {
                let written: Int
                (written, ended) = try chunk.withUnsafeMutableBytes { try inflate(into: $0) }
                head.append(contentsOf: chunk[0..<written])
                sizes = try parse(head)
            }
            guard let sizes else { return (head, Data()) }  // ended before a header: the caller refuses it
            guard sizes.header >= 0, sizes.header <= head.count, sizes.payload >= 0 else {
                throw Failure(code: Z_DATA_ERROR, operation: "inflate (the header's sizes do not fit what came out)")
            }
            // The payload: what came out with the header, then the rest in place.
            let payload = UnsafeMutableRawBufferPointer.allocate(byteCount: max(sizes.payload, 1), alignment: 16)
            var filled = min(head.count - sizes.header, sizes.payload)
            head.withUnsafeBytes { bytes in payload.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[sizes.header..<(sizes.header + filled)])) }
            let overflow = head.count - sizes.header > sizes.payload
            head.removeSubrange(sizes.header...)
            do {
                guard !overflow else { throw Failure(code: Z_DATA_ERROR, operation: "inflate (more than the declared size)") }
                while !ended && filled < sizes.payload {
                    let written: Int
                    (written, ended) = try inflate(into: UnsafeMutableRawBufferPointer(rebasing: payload[filled..<sizes.payload]))
                    filled += written
                }
                if !ended {  // the declared size is filled: the stream must end here
                    var extra: UInt8 = 0
                    let (written, _) = try withUnsafeMutableBytes(of: &extra) { try inflate(into: $0) }
                    guard written == 0 else { throw Failure(code: Z_DATA_ERROR, operation: "inflate (more than the declared size)") }
                }
            } catch {
                payload.deallocate()
                throw error
            }
            let base = payload.baseAddress!
            return (head, Data(bytesNoCopy: base, count: filled, deallocator: .custom { pointer, _ in pointer.deallocate() }))
        }
    }

    /// Gives `stream` the one of `dictionaries` whose Adler-32 it names.
    static func setDictionary(_ stream: inout z_stream, from dictionaries: [[UInt8]]) throws {
        guard let dictionary = dictionaries.first(where: { adler32(of: $0) == stream.adler }) else {
            throw Failure(code: Z_NEED_DICT, operation: "inflate (the stream needs a preset dictionary this hrsync does not have)")
        }
        let status = dictionary.withUnsafeBufferPointer { inflateSetDictionary(&stream, $0.baseAddress, uInt($0.count)) }
        guard status == Z_OK else { throw Failure(code: status, operation: "inflateSetDictionary") }
    }
}
