// Plan files (`hrsync plan -o`, read back by `hrsync apply`): decoded as apply decodes them.
// A plan that decodes must also survive its own encoding unchanged, or apply would not run
// the plan the reviewer read.
import Foundation
import HRSyncCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard let plan = try? CanonicalJSON.decode(Plan.self, from: Data(bytes: start, count: count)) else { return 0 }
    let again = try! CanonicalJSON.decode(Plan.self, from: try! CanonicalJSON.encode(plan))
    precondition(again == plan, "a decoded plan changed through encode and decode")
    return 0
}
