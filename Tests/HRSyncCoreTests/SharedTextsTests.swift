import Foundation
import HRSyncTestSupport
import Testing

@testable import HRSyncCore

/// Records read through one `SharedTexts` are what `JSONDecoder` reads, byte for byte (sharing by
/// bytes never swaps a text for a canonically equivalent spelling), and a repeat is one string.
@Suite struct SharedTextsTests {
    static func bytes(_ value: some Encodable) throws -> Data { try CanonicalJSON.encode(value) }

    @Test func recordsReadThroughOneTableAreJSONDecodersByteForByte() throws {
        var random = SeededRandom.forTest()
        var shared = SharedTexts()
        var read = 0
        for _ in 0..<3_000 {
            let user = RecordScannerTests.user(&random)
            let record = try Self.bytes(user)
            if let scanned = LMSUserRecord.scanned(record, sharing: &shared) {
                #expect(try Self.bytes(scanned) == record, "\(random.replay)")
                read += 1
            }
            let role = LMSMembershipRecord(
                groupID: RecordScannerTests.text(&random), userID: user.id,
                roles: (0..<Int.random(in: 0...2, using: &random)).map { _ in RecordScannerTests.text(&random) })
            let roleRecord = try Self.bytes(role)
            if let scanned = LMSMembershipRecord.scanned(roleRecord, sharing: &shared) { #expect(try Self.bytes(scanned) == roleRecord, "\(random.replay)") }
            let mapping = LMSMappingRecord(personioID: RecordScannerTests.text(&random), userID: user.id, mappingID: RecordScannerTests.text(&random))
            let mappingRecord = try Self.bytes(mapping)
            if let scanned = LMSMappingRecord.scanned(mappingRecord, sharing: &shared) { #expect(try Self.bytes(scanned) == mappingRecord, "\(random.replay)") }
        }
        #expect(read > 1_000, "\(random.replay)")  // most random users are in the scanner's form
    }

    @Test func canonicallyEquivalentSpellingsStayApart() throws {
        var shared = SharedTexts()
        let composed = "caf\u{E9}-0123456789abcdef", decomposed = "cafe\u{301}-0123456789abcdef"
        #expect(composed == decomposed)  // equal as Swift strings, different bytes
        let first = LMSUserRecord.scanned(
            try Self.bytes(LMSUserRecord(id: composed, mail: nil, status: "active", firstName: nil, lastName: nil, job: nil, lang: nil)), sharing: &shared)
        let second = LMSUserRecord.scanned(
            try Self.bytes(LMSUserRecord(id: decomposed, mail: nil, status: "active", firstName: nil, lastName: nil, job: nil, lang: nil)), sharing: &shared)
        #expect(first.map { Array($0.id.utf8) } == Array(composed.utf8))
        #expect(second.map { Array($0.id.utf8) } == Array(decomposed.utf8))
    }

    @Test func aRepeatedIdAndRoleListAreOneStringAndOneArray() throws {
        var shared = SharedTexts()
        let id = "5f0000000000000000000001"  // over 15 bytes: a heap string
        let roles = try (0..<2).map { _ in
            try #require(
                LMSMembershipRecord.scanned(try Self.bytes(LMSMembershipRecord(groupID: "g", userID: id, roles: ["learner", "author"])), sharing: &shared))
        }
        let storage = roles.map { $0.userID.utf8.withContiguousStorageIfAvailable { UInt(bitPattern: $0.baseAddress) } }
        #expect(storage[0] != nil && storage[0] == storage[1])
        #expect(roles[0].roles.withUnsafeBufferPointer { $0.baseAddress } == roles[1].roles.withUnsafeBufferPointer { $0.baseAddress })
        // A text read by JSONDecoder joins the same table.
        #expect(
            shared(String(decoding: Array(id.utf8), as: UTF8.self)).utf8.withContiguousStorageIfAvailable { UInt(bitPattern: $0.baseAddress) } == storage[0])
    }

    @Test func manyDistinctTextsAreEachFoundBack() {
        var random = SeededRandom.forTest()
        var shared = SharedTexts()
        let texts = (0..<40_000).map { n in "\(n)-" + String(repeating: "x", count: Int.random(in: 0...30, using: &random)) }
        for text in texts { _ = shared(text) }
        for text in texts.shuffled(using: &random) {
            #expect(Array(shared(text).utf8) == Array(text.utf8), "\(random.replay)")
        }
    }
}
