import Foundation
import HRSyncCore
import HRSyncSpecSupport
import HRSyncTestSupport
import Testing

@testable import HRSyncCLI

/// The plan's JSON Schema (docs/plan.schema.json, format 2.1) and documents checked against it.
enum PlanSchema {
    static func problems(_ document: Data) throws -> [String] {
        let spec = try OpenAPISpec(path: BinaryRunner.packageRoot.appendingPathComponent("docs/plan.schema.json").path)
        let value = try JSONSerialization.jsonObject(with: document, options: [.fragmentsAllowed])
        return SchemaValidator(spec: spec).validate(value, spec.root)
    }
}

@Suite struct PlanSchemaTests {
    /// Every kind of action, both kinds of user and field reference, a held verdict.
    static var everyKind: Plan {
        let ada = PersonRef(personioID: 1, name: "Ada Lovelace", email: "ada@acme.example")
        let actions: [PlanAction] = [
            PlanAction(.createField(name: "Hire date", type: "date"), person: nil, user: nil, reason: "r"),
            PlanAction(
                .createUser(NewUser(mail: "ada@acme.example", group: "g1", lang: "en", fields: [.firstName: "Ada", .job: "Engineer"])),
                person: ada, user: .created(personioID: 1), reason: "r"),
            PlanAction(.restoreUser(mail: "ada@acme.example", group: nil), person: ada, user: .existing("u1"), reason: "r"),
            PlanAction(.createMapping(personioID: 1), person: ada, user: .created(personioID: 1), reason: "r"),
            PlanAction(.updateUser([FieldChange(field: .job, before: nil, after: "CTO")]), person: ada, user: .existing("u1"), reason: "r"),
            PlanAction(
                .setCustomValues(
                    before: [CustomValue(field: .existing("f1"), type: "string", value: "x")],
                    after: [CustomValue(field: .created(name: "Hire date"), type: "date", value: "2022-01-12")]),
                person: ada, user: .existing("u1"), reason: "r"),
            PlanAction(.addRole(group: "g2"), person: ada, user: .existing("u1"), reason: "r"),
            PlanAction(.removeRole(group: "g1"), person: ada, user: .existing("u1"), reason: "r"),
            PlanAction(.addManager(.created(personioID: 2)), person: ada, user: .existing("u1"), reason: "r"),
            PlanAction(.removeManager(userID: "u9"), person: ada, user: .existing("u1"), reason: "r"),
            PlanAction(.deleteUser(status: "active"), person: ada, user: .existing("u1"), reason: "r"),
            PlanAction(.deleteMapping(mappingID: "64f1a2b3c4d5e6f7a8b9c0d1", personioID: 1), person: ada, user: .existing("u1"), reason: "r"),
            PlanAction(.deleteField(id: "64f1a2b3c4d5e6f7a8b9c0d2", name: "Hire date"), person: nil, user: nil, reason: "r")
        ]
        return Plan(
            personioSnapshot: String(repeating: "a", count: 64), learning360Snapshot: String(repeating: "b", count: 64),
            configHash: String(repeating: "c", count: 64), target: "https://acme.360learning.com", actions: actions,
            warnings: ["w"], conflicts: [], held: DeletionGuard.Verdict(deletes: 1, allowed: 0, syncedUsers: 1, limit: "0"),
            syncedUsers: 1, summary: PlanSummary(actions, warnings: 1, conflicts: 0))
    }

    @Test func everyKindOfActionValidatesAndRoundTrips() throws {
        let bytes = try CanonicalJSON.encode(Self.everyKind)
        #expect(try PlanSchema.problems(bytes) == [])
        #expect(try CanonicalJSON.decode(Plan.self, from: bytes) == Self.everyKind)
    }

    @Test func theSchemaRejectsWhatIsNotAPlan() throws {
        var object = try JSONSerialization.jsonObject(with: try CanonicalJSON.encode(Self.everyKind)) as! [String: Any]
        object["format_version"] = "1.0"
        var actions = object["actions"] as! [[String: Any]]
        actions[4]["fields"] = [["field": "password", "before": NSNull(), "after": "x"]]
        object["actions"] = actions
        let problems = try PlanSchema.problems(try JSONSerialization.data(withJSONObject: object))
        #expect(problems.contains { $0.hasPrefix("/format_version") })
        #expect(problems.contains { $0.hasPrefix("/actions/4") })
    }

    @Test func everyKindOfNoteIsInTheSchemaAndValidatesWithAndWithoutItsMessage() throws {
        let schema =
            try JSONSerialization.jsonObject(with: Data(contentsOf: BinaryRunner.packageRoot.appendingPathComponent("docs/plan.schema.json"))) as? [String: Any]
        let note = ((schema?["$defs"] as? [String: Any])?["note"] as? [String: Any])?["oneOf"] as? [[String: Any]]
        let kinds = (note?.last?["properties"] as? [String: Any]).flatMap { ($0["kind"] as? [String: Any])?["enum"] as? [String] }
        #expect(Set(kinds ?? []) == Set(PlanNote.Kind.allCases.map(\.rawValue)))
        var plan = Self.everyKind
        let ada = PersonRef(personioID: 1, name: "Ada Lovelace", email: "ada@acme.example")
        plan.warnings = PlanNote.Kind.allCases.map { PlanNote($0, people: [ada, ada], users: ["u1", "u2"], values: ["why": "w", "text": "t"]) }
        #expect(try PlanSchema.problems(try CanonicalJSON.encode(plan)) == [])
        #expect(try PlanSchema.problems(Data(try PlanView.json(plan, id: String(repeating: "a", count: 64)).utf8)) == [])
        #expect(try CanonicalJSON.decode(Plan.self, from: try CanonicalJSON.encode(plan)) == plan)
    }

    @Test func unsafeCharactersAreEscapedInStoredJSON() throws {
        var plan = Self.everyKind
        plan.warnings = ["evil\u{202E}txt.exe \u{7F}\u{85} \u{2028}\u{2029}\u{FEFF}"]
        let text = String(decoding: try CanonicalJSON.encode(plan), as: UTF8.self)
        #expect(text.contains("evil\\u202etxt.exe \\u007f\\u0085 \\u2028\\u2029\\ufeff"))
        let output = try PlanView.json(plan, id: String(repeating: "a", count: 64))
        #expect(!output.unicodeScalars.contains { [0x2028, 0x2029, 0xFEFF, 0x202E].contains($0.value) } && output.contains("\\u2028"))
        #expect(try CanonicalJSON.decode(Plan.self, from: Data(text.utf8)).warnings == plan.warnings)
    }
}
