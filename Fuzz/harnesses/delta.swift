// Record deltas as stored in packs. Input: `<base record>\n<delta>` (records and deltas never
// hold a newline, so the first one splits them). Also: the delta the store would write from
// that base to the second half must rebuild it exactly.
import Foundation
@testable import HRSyncStore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Data(bytes: start, count: count)
    let newline = bytes.firstIndex(of: 0x0A) ?? bytes.endIndex
    let base = Data(bytes[..<newline])
    let rest = newline < bytes.endIndex ? Data(bytes[(newline + 1)...]) : Data()
    _ = try? RecordDelta.apply(rest, to: base)
    let delta = RecordDelta.encode(from: base, to: rest)
    precondition((try? RecordDelta.apply(delta, to: base)) == rest, "an encoded delta did not rebuild its target")
    return 0
}
