// Object files: zlib streams inflated under the size their "<kind> <size>\0" header declares,
// as ObjectStore.get reads them. Also: whatever compresses must inflate back to itself.
import Foundation
@testable import HRSyncStore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let input = Data(bytes: start, count: count)
    if let content = try? Zlib.decompress(input, dictionaries: ObjectDictionary.all, limit: ObjectStore.declaredLength),
       let declared = try? ObjectStore.declaredLength(content) {
        precondition(content.count <= declared, "inflated past the declared size")
    }
    precondition(try! Zlib.decompress(try! Zlib.compress(input)) == input, "compress then inflate changed the bytes")
    let withDictionary = try! Zlib.compress(input, level: 9, dictionary: ObjectDictionary.current)
    precondition(try! Zlib.decompress(withDictionary, dictionaries: ObjectDictionary.all) == input, "the same with the dictionary")
    return 0
}
