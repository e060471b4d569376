import Foundation
import HRSyncCore
import Testing

@Suite struct LMSRecordKeyTests {
    static let keys: [LMSRecordKey] = [
        .user("5f0c1e2d3a4b5c6d7e8f9a0b"), .mapping("1004"), .field("f1"), .group("g1"),
        .role(RoleKey(group: "g1", user: "u1")), .admin, .managersRead,
        // A combining mark right after the colon fuses with it into one Character.
        .user("\u{0301}x"), .role(RoleKey(group: "\u{0301}g", user: "\u{0301}u"))
    ]

    @Test(arguments: keys) func everyKeyReadsBackAsWritten(key: LMSRecordKey) {
        #expect(LMSRecordKey(key.text) == key)
    }

    @Test(arguments: ["", "user", "role:g1", "read:other", "nobody:1", "admin:x", ":x"])
    func keysHRSyncDoesNotWriteAreRefused(text: String) {
        #expect(LMSRecordKey(text) == nil)
    }

    @Test func theCodecRefusesARecordWithAForeignKey() throws {
        var records = try LMSSnapshotRecords.encode(LMSState())
        records["role:no-slash"] = Data("{}".utf8)
        #expect(throws: PersonioSnapshotRecords.UnreadableRecord.self) { try LMSSnapshotRecords.decode(records) }
    }
}
