import Foundation
import HRSyncCore
import HRSyncTestSupport
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

    /// `plan` splits the records by these tests, each record to exactly one part: they must agree
    /// with the parse, by bytes (a combining mark after the colon included).
    @Test(arguments: keys) func theKindTestsAgreeWithTheParse(key: LMSRecordKey) {
        let text = key.text
        if case .role = key { #expect(LMSRecordKey.isRole(text)) } else { #expect(!LMSRecordKey.isRole(text)) }
        if case .user = key { #expect(LMSRecordKey.isUser(text)) } else { #expect(!LMSRecordKey.isUser(text)) }
        if case .mapping = key { #expect(LMSRecordKey.isMapping(text)) } else { #expect(!LMSRecordKey.isMapping(text)) }
    }

    /// The decode tells roles by `isWellFormedRole` alone (their keys are not parsed): it holds for
    /// exactly the texts the parse reads as a role, among texts made of the pieces keys are made of.
    @Test func theRoleCheckAgreesWithTheParse() {
        let pieces = ["role", "user", "map", "admin", ":", "/", "g1", "u1", "\u{0301}", "é", "", " ", "role:", "ROLE:"]
        var generator = SeededRandom.forTest()
        var roles = 0
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let parsedAsRole = if case .role? = LMSRecordKey(text) { true } else { false }
            #expect(LMSRecordKey.isWellFormedRole(text) == parsedAsRole, "\(text.debugDescription) \(generator.replay)")
            if parsedAsRole { roles += 1 }
        }
        #expect(roles > 100, "the texts include roles")
    }

    /// A user record under a key naming another id is kept under the key's id, as before the key's
    /// own string was reused; a role key without its slash is refused, by name.
    @Test func aUserIsKeptUnderItsKeyAndAMalformedRoleIsRefused() throws {
        let user = LMSUserRecord(id: "u1", mail: nil, status: "active", firstName: nil, lastName: nil, job: nil, lang: nil)
        var state = LMSState()
        state.users["u1"] = user
        let records = try LMSSnapshotRecords.encode(state)
        let moved = Dictionary(uniqueKeysWithValues: records.map { ($0.key == "user:u1" ? "user:u2" : $0.key, $0.value) })
        #expect(try Set(LMSSnapshotRecords.decode(moved).users.keys) == ["u2"])
        #expect(try LMSSnapshotRecords.decode(records).users == ["u1": user])
        // A key equal to the record's id as text but spelled with other bytes keeps the key's bytes.
        var accented = LMSState()
        accented.users["\u{E9}"] = LMSUserRecord(id: "\u{E9}", mail: nil, status: "active", firstName: nil, lastName: nil, job: nil, lang: nil)
        let respelled = try LMSSnapshotRecords.encode(accented).map { key, value in
            (Array(key.utf8) == Array("user:\u{E9}".utf8) ? "user:e\u{301}" : key, value)
        }
        let keys = try LMSSnapshotRecords.decode(Dictionary(uniqueKeysWithValues: respelled)).users.keys.map { Array($0.utf8) }
        #expect(keys == [Array("e\u{301}".utf8)])
        let role = try CanonicalJSON.encode(LMSMembershipRecord(groupID: "g1", userID: "u1", roles: ["learner"]))
        #expect(throws: PersonioSnapshotRecords.UnreadableRecord.self) { try LMSSnapshotRecords.decode(["role:g1u1": role]) }
        #expect(try LMSSnapshotRecords.decode(["role:g1/u1": role]).memberships.count == 1)
    }

    /// Decoded from records handed one by one, sized first and with repeated ids shared, the state
    /// is the one decoded from the dictionary; and the records split as `plan` splits them
    /// (roles apart from the rest) decode to the same parts.
    /// `namingKeys` passes over roles and mappings by their bytes: it selects what the parse alone did.
    @Test func theNamingKeysSelectWhatTheParseSelects() {
        let users: Set<String> = ["u1", "\u{0301}x"]
        let parsed = Set(users.map { LMSRecordKey.user($0).text })
        let byParse: (String) -> Bool = { key in
            switch LMSRecordKey(key) {
            case .group?, .field?, .admin?: true
            case .user?: parsed.contains(key)
            default: false
            }
        }
        let texts =
            Self.keys.map(\.text) + ["", "role:", "map:", "role:g1", "map:x/y", "roleX:g/u", "mapping:1", "user:u2", "user:", "admin:x", "group:", ":x"]
        let naming = LMSSnapshotRecords.namingKeys(users: users)
        for text in texts { #expect(naming(text) == byParse(text), "\(text)") }
        #expect(texts.filter(naming).count >= 4, "groups, fields, the admin and a wanted user pass")
    }

    @Test func decodingRecordByRecordGivesTheSameState() throws {
        var state = LMSState()
        state.groups["g1"] = LMSGroupRecord(id: "g1", name: "Berlin", parentID: nil, isPublic: true)
        state.fields["f000000000000000000000001"] = LMSFieldRecord(id: "f000000000000000000000001", name: "Hire date", type: "date")
        for n in 0..<50 {
            let user = "5f0c1e2d3a4b5c6d7e8f\(String(format: "%04d", n))"
            state.users[user] = LMSUserRecord(
                id: user, mail: "p\(n)@acme.example", status: "active", firstName: "F\(n)", lastName: nil, job: nil, lang: "en",
                customValues: [LMSCustomValue(fieldID: "f000000000000000000000001", type: "date", value: "2020-01-0\(n % 9 + 1)")],
                managers: n > 0 ? ["5f0c1e2d3a4b5c6d7e8f0000"] : nil)
            state.mappings[String(1000 + n)] = LMSMappingRecord(personioID: String(1000 + n), userID: user, mappingID: "m\(n)")
            for group in ["g1", "g000000000000000000000002"] where n % 2 == 0 || group == "g1" {
                let role = LMSMembershipRecord(groupID: group, userID: user, roles: n % 5 == 0 ? ["admin", "learner"] : ["learner"])
                state.memberships[role.key] = role
            }
        }
        // Canonically equivalent ids spelled differently: sharing must not swap one for the other
        // (String's == would call them equal; the bytes differ).
        state.users["5f0c1e2d3a4b5c6d7e8f0001"]?.managers = ["\u{e9}x"]
        state.users["5f0c1e2d3a4b5c6d7e8f0002"]?.managers = ["e\u{301}x"]
        let records = try LMSSnapshotRecords.encode(state)
        #expect(try LMSSnapshotRecords.decode(records) == state)
        for (user, spelled) in [("5f0c1e2d3a4b5c6d7e8f0001", "\u{e9}x"), ("5f0c1e2d3a4b5c6d7e8f0002", "e\u{301}x")] {
            let decoded = try LMSSnapshotRecords.decode { body in
                for (key, record) in records.sorted(by: { $0.key < $1.key }) { try body(key, record) }
            }
            #expect(decoded.users[user]?.managers?.map { Array($0.utf8) } == [Array(spelled.utf8)], "\(user)")
        }
        let capacity = LMSSnapshotRecords.Capacity(users: 50, mappings: 50, memberships: state.memberships.count)
        let streamed = try LMSSnapshotRecords.decode(capacity: capacity) { body in
            for (key, record) in records.sorted(by: { $0.key < $1.key }) { try body(key, record) }
        }
        #expect(streamed == state)
        let roles = try LMSSnapshotRecords.decode { body in
            for (key, record) in records where LMSRecordKey.isRole(key) { try body(key, record) }
        }
        var rest = try LMSSnapshotRecords.decode { body in
            for (key, record) in records where !LMSRecordKey.isRole(key) { try body(key, record) }
        }
        #expect(roles.memberships == state.memberships && roles.users.isEmpty && rest.memberships.isEmpty)
        rest.memberships = roles.memberships
        #expect(rest == state)
    }

    @Test func theCodecRefusesARecordWithAForeignKey() throws {
        var records = try LMSSnapshotRecords.encode(LMSState())
        records["role:no-slash"] = Data("{}".utf8)
        #expect(throws: PersonioSnapshotRecords.UnreadableRecord.self) { try LMSSnapshotRecords.decode(records) }
    }
}
