import Foundation

@testable import HRSyncStore

/// A fresh state directory under the system temp folder, removed when the test ends.
final class TemporaryState {
    let path: String
    let state: StateDirectory

    init() throws {
        path = NSTemporaryDirectory() + "hrsync-test-" + UUID().uuidString
        state = try StateDirectory.create(at: path)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Deterministic synthetic records: `count` employees as one-line JSON.
func syntheticRecords(_ count: Int, version: Int = 0) -> [String: Data] {
    var records: [String: Data] = [:]
    for i in 0..<count {
        let json =
            #"{"email":"person\#(i)@acme.example","first_name":"Name\#(i)","id":\#(1000 + i),"position":"Role \#(i % 17)","status":"active","v":\#(version)}"#
        records[String(1000 + i)] = Data(json.utf8)
    }
    return records
}

func directorySize(_ path: String) -> Int {
    guard let walker = FileManager.default.enumerator(atPath: path) else { return 0 }
    var total = 0
    while let item = walker.nextObject() as? String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: "\(path)/\(item)")
        if attributes?[.type] as? FileAttributeType == .typeRegular { total += (attributes?[.size] as? Int) ?? 0 }
    }
    return total
}
