// Object files: zlib streams inflated as ObjectStore.get reads them, the payload into a buffer of
// the size their "<kind> <size>\0" header declares (Zlib.inflateObject). Also: an object that
// inflates is the whole stream (`decompress`), cut where its header ends; whatever compresses
// must inflate back to itself.
import Foundation
@testable import HRSyncStore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let input = Data(bytes: start, count: count)
    if let (header, payload) = try? Zlib.inflateObject(input, dictionaries: ObjectDictionary.all, header: ObjectStore.declaredSizes),
       let sizes = try? ObjectStore.declaredSizes(header) {
        precondition(header.count == sizes.header && payload.count <= sizes.payload, "inflated past the declared size")
        if let whole = try? Zlib.decompress(input, dictionaries: ObjectDictionary.all) {
            precondition(whole == header + payload, "the object is not the stream cut at its header")
        }
    }
    precondition(try! Zlib.decompress(try! Zlib.compress(input)) == input, "compress then inflate changed the bytes")
    let withDictionary = try! Zlib.compress(input, level: 9, dictionary: ObjectDictionary.current)
    precondition(try! Zlib.decompress(withDictionary, dictionaries: ObjectDictionary.all) == input, "the same with the dictionary")
    return 0
}
