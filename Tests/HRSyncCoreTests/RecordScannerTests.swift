import Foundation
import HRSyncTestSupport
import Testing

@testable import HRSyncCore

/// The scanner reads what `JSONDecoder` reads, or nothing (then `JSONDecoder` reads the record):
/// on random records, on those records with random bytes changed, and on odd cases by hand.
@Suite struct RecordScannerTests {
    static let pieces = [
        "a", "Zoë", "\"", "\\", "/", "\u{0}", "\u{1}", "\n", "\t", "\u{7F}", "\u{85}", "\u{202E}", "é", "e\u{301}", "😀", "👩‍👩‍👧", "中文", " ", ":", ",", "{", "}",
        "[", "]", "null", "123"
    ]

    static func text(_ random: inout SeededRandom) -> String {
        (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    static func employee(_ random: inout SeededRandom) -> Employee {
        var attributes: [String: AttributeValue] = [:]
        for _ in 0..<Int.random(in: 0...8, using: &random) {
            let value: AttributeValue
            switch Int.random(in: 0...4, using: &random) {
            case 0: value = .text(text(&random))
            case 1: value = .date("2026-0\(Int.random(in: 1...9, using: &random))-01")
            case 2: value = .list((0..<Int.random(in: 0...3, using: &random)).map { _ in text(&random) })
            case 3: value = .employee(Int.random(in: -5...Int.max, using: &random))
            default: value = .empty
            }
            attributes[text(&random)] = value
        }
        let forgotten = Bool.random(using: &random) ? nil : (0..<Int.random(in: 0...2, using: &random)).map { _ in text(&random) }
        return Employee(id: Int.random(in: Int.min...Int.max, using: &random), attributes: attributes, forgotten: forgotten)
    }

    static func user(_ random: inout SeededRandom) -> LMSUserRecord {
        func maybe(_ random: inout SeededRandom) -> String? { Bool.random(using: &random) ? text(&random) : nil }
        var user = LMSUserRecord(
            id: text(&random), mail: maybe(&random), status: text(&random), firstName: maybe(&random), lastName: maybe(&random), job: maybe(&random),
            lang: maybe(&random),
            customValues: Bool.random(using: &random)
                ? nil
                : (0..<Int.random(in: 0...3, using: &random)).map { _ in LMSCustomValue(fieldID: text(&random), type: text(&random), value: text(&random)) },
            managers: Bool.random(using: &random) ? nil : (0..<Int.random(in: 0...3, using: &random)).map { _ in text(&random) },
            deactivateAt: maybe(&random))
        user.forgottenManagers = Bool.random(using: &random) ? nil : Int.random(in: 0...9, using: &random)
        return user
    }

    /// The scanner's reading equals JSONDecoder's whenever it reads anything.
    static func check<T: Decodable & Equatable>(_ record: Data, _ scan: (Data) -> T?, _ type: T.Type, _ note: String) -> Bool {
        guard let scanned = scan(record) else { return true }
        let decoded = try? JSONDecoder().decode(T.self, from: record)
        #expect(scanned == decoded, "\(note): \(String(decoding: record, as: UTF8.self).debugDescription)")
        return scanned == decoded
    }

    @Test func randomRecordsReadAsJSONDecoderReadsThem() throws {
        var random = SeededRandom.forTest()
        var scannedMutants = 0
        for _ in 0..<400 {
            let employee = Self.employee(&random)
            let record = try CanonicalJSON.encode(employee)
            #expect(Employee.scanned(record) == employee, "\(String(decoding: record, as: UTF8.self)) \(random.replay)")
            // Room made for more or fewer attributes than there are changes nothing read.
            #expect(Employee.scanned(record, attributes: Int.random(in: 0...40, using: &random)) == employee, "\(random.replay)")
            let user = Self.user(&random)
            let userRecord = try CanonicalJSON.encode(user)
            #expect(LMSUserRecord.scanned(userRecord) == user, "\(String(decoding: userRecord, as: UTF8.self)) \(random.replay)")
            let role = LMSMembershipRecord(groupID: Self.text(&random), userID: Self.text(&random), roles: [Self.text(&random)])
            #expect(LMSMembershipRecord.scanned(try CanonicalJSON.encode(role)) == role, "\(random.replay)")
            let mapping = LMSMappingRecord(personioID: Self.text(&random), userID: Self.text(&random), mappingID: Self.text(&random))
            #expect(LMSMappingRecord.scanned(try CanonicalJSON.encode(mapping)) == mapping, "\(random.replay)")

            let roleRecord = try CanonicalJSON.encode(role), mappingRecord = try CanonicalJSON.encode(mapping)
            for _ in 0..<5 {
                let a = JSONMutation.mutated(record, &random), b = JSONMutation.mutated(userRecord, &random)
                let c = JSONMutation.mutated(roleRecord, &random), d = JSONMutation.mutated(mappingRecord, &random)
                guard Self.check(a, { Employee.scanned($0) }, Employee.self, random.replay),
                    Self.check(b, LMSUserRecord.scanned, LMSUserRecord.self, random.replay),
                    Self.check(c, LMSMembershipRecord.scanned, LMSMembershipRecord.self, random.replay),
                    Self.check(d, LMSMappingRecord.scanned, LMSMappingRecord.self, random.replay)
                else { return }
                if Employee.scanned(a) != nil { scannedMutants += 1 }
            }
        }
        #expect(scannedMutants > 50, "the mutants the scanner read: \(scannedMutants)")
    }

    @Test func oddRecordsAreLeftToJSONDecoderOrReadTheSame() {
        let taken = [
            #"{"attributes":{},"id":1}"#, #" { "id" : -0 , "attributes" : { "a" : null } } "#,
            #"{"id":1,"attributes":{"a":"\u00e9\ud83d\ude00\/"},"forgotten":null}"#,
            #"{"id":1,"attributes":{"a":{"employee":7}},"forgotten":["x"]}"#
        ]
        for record in taken {
            #expect(Employee.scanned(Data(record.utf8)) != nil, "\(record)")
            #expect(Self.check(Data(record.utf8), { Employee.scanned($0) }, Employee.self, record))
        }
        let left = [
            #"{"id":1}"#, #"{"id":1.0,"attributes":{}}"#, #"{"id":01,"attributes":{}}"#, #"{"id":1,"attributes":{},"extra":1}"#,
            #"{"id":1,"id":2,"attributes":{}}"#, #"{"id":1,"attributes":{"a":"x","a":"y"}}"#, #"{"id":1,"attributes":{"a":"\ud800"}}"#,
            #"{"id":1,"attributes":{"a":{"date":null,"list":["x"]}}}"#, #"{"id":1,"attributes":{"a":{"date":"d","list":["x"]}}}"#,
            #"{"id":1,"attributes":{"a":1}}"#, #"{"id":1,"attributes":{}} x"#, #"{"id":99999999999999999999,"attributes":{}}"#,
            "{\"id\":1,\"attributes\":{\"a\":\"\u{1}\"}}", #"{"id":1,"attributes":{"a":"\udc00"}}"#, #"{"id":1,"attributes":{"a":"\ud800\u0041"}}"#,
            #"{"id":1,"attributes":{"a":"\ud800x"}}"#
        ]
        for record in left {
            #expect(Employee.scanned(Data(record.utf8)) == nil, "\(record)")
        }
        for record in [
            #"{"id":"u","status":null}"#, #"{"id":"u"}"#, #"{"id":"u","status":"active","customValues":[],"customValues":[]}"#,
            #"{"id":"u","status":"active","customValues":[{"fieldID":"f","type":"string"}]}"#, #"{"id":"u","status":"active","managers":[null]}"#
        ] {
            #expect(LMSUserRecord.scanned(Data(record.utf8)) == nil, "\(record)")
        }
        let user = #"{"id":"u","status":"active","mail":null,"customValues":null,"forgottenManagers":2}"#
        #expect(Self.check(Data(user.utf8), LMSUserRecord.scanned, LMSUserRecord.self, user) && LMSUserRecord.scanned(Data(user.utf8))?.forgottenManagers == 2)
        // Invalid UTF-8 inside a string.
        #expect(Employee.scanned(Data(#"{"id":1,"attributes":{"a":"#.utf8) + Data([0x22, 0xFF, 0x22, 0x7D, 0x7D])) == nil)
    }

    /// Keys are compared by their bytes when plain ASCII (`RecordScanner.Key`); escaped and
    /// non-ASCII keys are read as text, and name the same members as they do for `JSONDecoder`.
    @Test func keysWithEscapesOrBeyondASCIIReadAsJSONDecoderReadsThem() {
        let employee = #"{"id":1,"attributes":{"été":"x","ümlaut":"y","a\/b":"z","":"e"},"forgotten":null}"#
        #expect(Employee.scanned(Data(employee.utf8))?.attributes.count == 4)
        #expect(Self.check(Data(employee.utf8), { Employee.scanned($0) }, Employee.self, employee))
        let user = #"{"id":"u","status":"active","customValues":[{"fieldID":"f","type":"date","value":"2020-01-01"}]}"#
        #expect(LMSUserRecord.scanned(Data(user.utf8))?.customValues?.first?.fieldID == "f")
        #expect(Self.check(Data(user.utf8), LMSUserRecord.scanned, LMSUserRecord.self, user))
        // A key this record type does not have, however spelled, is left to JSONDecoder.
        for record in [#"{"id":"u","status":"active","ïd":"v"}"#, #"{"id":"u","status":"active","i":"v"}"#, #"{"id":"u","status":"active","idx":"v"}"#] {
            #expect(LMSUserRecord.scanned(Data(record.utf8)) == nil, "\(record)")
        }
        // Invalid UTF-8 and a raw control character in a key.
        #expect(Employee.scanned(Data(#"{"id":1,"attributes":{""#.utf8) + Data([0xFF, 0x22, 0x3A, 0x6E, 0x75, 0x6C, 0x6C, 0x7D, 0x7D])) == nil)
        #expect(Employee.scanned(Data(#"{"id":1,"attributes":{""#.utf8) + Data([0x01, 0x22, 0x3A, 0x6E, 0x75, 0x6C, 0x6C, 0x7D, 0x7D])) == nil)
        #expect(Employee.scanned(Data(#"{"id":1,"attributes":{""#.utf8) + Data([0x61, 0x22, 0x3A, 0x6E, 0x75, 0x6C, 0x6C, 0x7D, 0x7D])) != nil)
    }
}
