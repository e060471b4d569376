// Snapshot records as read from the state directory by the fast scanner (Employee, users, roles,
// mappings): whenever the scanner reads a record, JSONDecoder must read the same value from the
// same bytes (else the scanner returns nil and JSONDecoder reads it); never a trap. The 360Learning
// records are also read through one table of shared texts kept across inputs (`SharedTexts`), as
// a decode shares them across a snapshot's records.
import Foundation
@testable import HRSyncCore

func same<T: Decodable & Equatable>(_ data: Data, _ scanned: T?) {
    guard let scanned else { return }
    let decoded = try? JSONDecoder().decode(T.self, from: data)
    precondition(decoded == scanned, "the scanner read a record differently from JSONDecoder")
}

nonisolated(unsafe) var shared = SharedTexts()  // libFuzzer calls in from one thread

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    same(data, Employee.scanned(data))
    same(data, LMSUserRecord.scanned(data))
    same(data, LMSMembershipRecord.scanned(data))
    same(data, LMSMappingRecord.scanned(data))
    same(data, LMSUserRecord.scanned(data, sharing: &shared))
    same(data, LMSMembershipRecord.scanned(data, sharing: &shared))
    same(data, LMSMappingRecord.scanned(data, sharing: &shared))
    return 0
}
