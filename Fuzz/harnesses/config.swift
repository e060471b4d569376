// hrsync.yaml: the whole loader (alias and size guards, Yams, every section's checks).
import Foundation
import HRSyncCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    _ = try? ConfigLoader.load(yaml: text, file: "hrsync.yaml")
    return 0
}
