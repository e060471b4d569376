import Foundation
import HRSyncTestSupport
import Testing

@testable import HRSyncCore

/// Records read through one `SharedTexts` are what `JSONDecoder` reads, byte for byte (sharing by
/// bytes never swaps a text for a canonically equivalent spelling), and a repeat is one string.
@Suite struct SharedTextsTests {
    static func bytes(_ value: some Encodable) throws -> Data { try CanonicalJSON.encode(value) }

    /// The scanner's reading through `shared` is JSONDecoder's, byte for byte, whenever it reads anything.
    static func same<T: Codable>(_ record: Data, _ scanned: T?, _ type: T.Type, _ note: String) throws -> Bool {
        guard let scanned else { return false }
        let decoded = try? JSONDecoder().decode(T.self, from: record)
        let same = try decoded.map { try Self.bytes($0) } == Self.bytes(scanned)
        #expect(same, "\(note): \(String(decoding: record, as: UTF8.self).debugDescription)")
        return same
    }

    /// Random records and mutants of them, all through one table (hits on hostile bytes included);
    /// with every key colliding, each lookup also compares against entries that differ.
    @Test(arguments: [false, true])
    func recordsReadThroughOneTableAreJSONDecodersByteForByte(colliding: Bool) throws {
        var random = SeededRandom.forTest(salt: colliding ? 1 : 0)
        var shared = SharedTexts(everyKeyColliding: colliding)
        var read = 0
        for _ in 0..<(colliding ? 300 : 2_000) {
            let user = RecordScannerTests.user(&random)
            let role = LMSMembershipRecord(
                groupID: RecordScannerTests.text(&random), userID: user.id,
                roles: (0..<Int.random(in: 0...2, using: &random)).map { _ in RecordScannerTests.text(&random) })
            let mapping = LMSMappingRecord(personioID: RecordScannerTests.text(&random), userID: user.id, mappingID: RecordScannerTests.text(&random))
            let records = [try Self.bytes(user), try Self.bytes(role), try Self.bytes(mapping)]
            for record in [records, records.map { JSONMutation.mutated($0, &random) }].joined() {
                if try Self.same(record, LMSUserRecord.scanned(record, sharing: &shared), LMSUserRecord.self, random.replay) { read += 1 }
                if try Self.same(record, LMSMembershipRecord.scanned(record, sharing: &shared), LMSMembershipRecord.self, random.replay) { read += 1 }
                if try Self.same(record, LMSMappingRecord.scanned(record, sharing: &shared), LMSMappingRecord.self, random.replay) { read += 1 }
            }
        }
        #expect(read > (colliding ? 300 : 2_000), "\(random.replay)")  // most random records are in the scanner's form
    }

    /// Role lists by hand: escapes at the end of a text, spaces, empty, truncated, a trailing comma;
    /// each read twice (the second is a hit), through a table where every list collides.
    @Test(arguments: [false, true])
    func oddRoleListsReadAsJSONDecoderReadsThem(colliding: Bool) throws {
        var shared = SharedTexts(everyKeyColliding: colliding)
        let lists = [
            #"["a\\"]"#, #"["\\\""]"#, #"["\u0022"]"#, #"[ "a" , "b" ]"#, "[ ]", "[]", #"["a\"#, #"["a",]"#, #"["a""b"]"#, #"["learner"]"#,
            #"["learner","author"]"#,
            #"["learner", "author"]"#, #"[""]"#, #"["", ""]"#, #"["\ud83d\ude00"]"#, #"["\ud83d"]"#, "[\"a\u{7}\"]", #"["a"]]"#, #"[1]"#, #"[null]"#
        ]
        var read = 0
        for list in lists + lists {
            let record = Data(#"{"groupID":"g","roles":\#(list),"userID":"u"}"#.utf8)
            let decoded = try? JSONDecoder().decode(LMSMembershipRecord.self, from: record)
            let scanned = LMSMembershipRecord.scanned(record, sharing: &shared)
            if let scanned {
                read += 1
                #expect(try decoded.map { try Self.bytes($0) } == Self.bytes(scanned), "\(list)")
            }
        }
        #expect(read >= 20, "the lists the scanner read: \(read)")
    }

    /// Custom values by hand, each read twice (the second from the value kept by its JSON):
    /// escapes, spaces, another member order, null, a repeated or missing member, nesting, a
    /// truncated object; through a table where every value collides.
    @Test(arguments: [false, true])
    func oddCustomValuesReadAsJSONDecoderReadsThem(colliding: Bool) throws {
        var shared = SharedTexts(everyKeyColliding: colliding)
        let values = [
            #"{"fieldID":"f","type":"text","value":"Sales"}"#, #"{"fieldID":"f","type":"text","value":"Sa\"les"}"#,
            #"{"fieldID":"f","type":"text","value":"a\\"}"#, #"{ "fieldID" : "f" , "type" : "text" , "value" : "x" }"#,
            #"{"value":"x","type":"text","fieldID":"f"}"#, #"{"fieldID":"f","type":"text","value":null}"#,
            #"{"fieldID":"f","type":"text","value":"x","value":"y"}"#, #"{"fieldID":"f","type":"text"}"#,
            #"{"fieldID":"f","type":"text","value":"x",}"#, #"{"fieldID":"f","type":"text","value":{"a":"b"}}"#,
            #"{"fieldID":"f","type":"text","value":"\u00e9"}"#, #"{"fieldID":"f","type":"text","value":"é"}"#, "{}", "{ }",
            #"{"fieldID":"f","type":"text","value":"x""#, #"{"fieldID":"f","type":"text","value":"x"]"#,
            "{\"fieldID\":\"f\u{7}\",\"type\":\"t\",\"value\":\"v\"}"
        ]
        var read = 0
        for value in values + values {
            let record = Data(#"{"customValues":[\#(value)],"id":"u","status":"active"}"#.utf8)
            let decoded = try? JSONDecoder().decode(LMSUserRecord.self, from: record)
            if let scanned = LMSUserRecord.scanned(record, sharing: &shared) {
                read += 1
                #expect(try decoded.map { try Self.bytes($0) } == Self.bytes(scanned), "\(value)")
            }
        }
        #expect(read >= 12, "the values the scanner read: \(read)")
    }

    @Test func aRepeatedCustomValueIsOneValue() throws {
        var shared = SharedTexts()
        let value = LMSCustomValue(fieldID: "5f0000000000000000000001", type: "text", value: "Customer Success and Support")
        let users = try (0..<2).map { n in
            try #require(
                LMSUserRecord.scanned(
                    try Self.bytes(
                        LMSUserRecord(
                            id: "u\(n)", mail: nil, status: "active", firstName: nil, lastName: nil, job: nil, lang: nil, customValues: [value])),
                    sharing: &shared))
        }
        let storage = users.map { $0.customValues?.first?.value.utf8.withContiguousStorageIfAvailable { UInt(bitPattern: $0.baseAddress) } }
        #expect(storage[0] != nil && storage[0] == storage[1])
        #expect(users.map(\.customValues) == [[value], [value]])
    }

    @Test func collidingTextsStayApart() {
        var shared = SharedTexts(everyKeyColliding: true)
        let texts = [
            "", "a", "b", "ab", "ba", "abcdefgh", "abcdefgi", "5f0000000000000000000001", "5f0000000000000000000002", "\u{E9}", "e\u{301}",
            String(repeating: "x", count: 15), String(repeating: "x", count: 16), String(repeating: "y", count: 16)
        ]
        for text in texts + texts.reversed() {
            #expect(Array(shared(text).utf8) == Array(text.utf8), "\(text.debugDescription)")
        }
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
