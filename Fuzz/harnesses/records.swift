// Snapshot records as read from the state directory by the fast scanner (Employee, users, roles,
// mappings): whenever the scanner reads a record, JSONDecoder must read the same value from the
// same bytes (else the scanner returns nil and JSONDecoder reads it); never a trap.
import Foundation
@testable import HRSyncCore

func same<T: Decodable & Equatable>(_ data: Data, _ scanned: T?) {
    guard let scanned else { return }
    let decoded = try? JSONDecoder().decode(T.self, from: data)
    precondition(decoded == scanned, "the scanner read a record differently from JSONDecoder")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    same(data, Employee.scanned(data))
    same(data, LMSUserRecord.scanned(data))
    same(data, LMSMembershipRecord.scanned(data))
    same(data, LMSMappingRecord.scanned(data))
    return 0
}
