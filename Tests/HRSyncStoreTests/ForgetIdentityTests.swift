import Foundation
import HRSyncCore
import HRSyncTestSupport
import Testing

@testable import HRSyncStore

/// Who `forget` erases: a Personio id, and an email only where nobody else ever had it; a typo
/// touches nothing; what cannot be read is refused, not left behind.
@Suite struct ForgetIdentityTests {
    static let old = "paula@acme.example"

    /// #1004 had paula@ until day 2, then a new address; #1012 (Pia) was hired with paula@ on day 3.
    static func history(in temp: TemporaryState) throws -> ObjectID {
        let state = temp.state
        var parent: ObjectID?, lmsParent: ObjectID?
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        for day in 0..<5 {
            var employees = [
                Employee(
                    id: 1004,
                    attributes: [
                        PersonioKey.firstName: .text("Paula"), PersonioKey.lastName: .text("Durica"),
                        PersonioKey.email: .text(day < 2 ? old : "paula.d@acme.example")
                    ])
            ]
            if day >= 3 {
                employees.append(
                    Employee(id: 1012, attributes: [PersonioKey.firstName: .text("Pia"), PersonioKey.lastName: .text("Other"), PersonioKey.email: .text(old)]))
            }
            let time = start.addingTimeInterval(Double(day) * 86_400)
            parent = try state.snapshots.write(
                Snapshot(kind: "personio", takenAt: time, records: try PersonioSnapshotRecords.encode(employees)), parent: parent)
            var lms = LMSState()
            lms.users["000000000000000000000a04"] = LMSUserRecord(
                id: "000000000000000000000a04", mail: day < 2 ? old : "paula.d@acme.example", status: "active",
                firstName: "Paula", lastName: "Durica", job: nil, lang: nil)
            lms.mappings["1004"] = LMSMappingRecord(personioID: "1004", userID: "000000000000000000000a04", mappingID: "m1")
            if day >= 4 {
                lms.users["000000000000000000000a12"] = LMSUserRecord(
                    id: "000000000000000000000a12", mail: old, status: "active", firstName: "Pia", lastName: "Other", job: nil, lang: nil)
                lms.mappings["1012"] = LMSMappingRecord(personioID: "1012", userID: "000000000000000000000a12", mappingID: "m2")
            }
            lmsParent = try state.snapshots.write(Snapshot(kind: "360learning", takenAt: time, records: try LMSSnapshotRecords.encode(lms)), parent: lmsParent)
            try state.refs.set(Refs.personio, to: parent!)
            try state.refs.set(Refs.learning360, to: lmsParent!)
            try state.log.append(
                Event(
                    kind: .pull, time: time, user: "t", host: "h", command: "hrsync pull", writes: [parent!, lmsParent!],
                    summary: "personio: \(employees.count) employees"))
        }
        let pia = PersonRef(personioID: 1012, name: "Pia Other", email: old)
        let create = PlanAction(
            .createUser(NewUser(mail: old, group: "000000000000000000000001", lang: nil, fields: [:])), person: pia,
            user: .created(personioID: 1012), reason: "new in Personio")
        let plan = Plan(
            personioSnapshot: parent!.hex, learning360Snapshot: lmsParent!.hex, configHash: "c", target: "t", actions: [create],
            warnings: [], conflicts: [], held: nil, syncedUsers: 1, summary: PlanSummary([create], warnings: 0, conflicts: 0))
        let planID = try state.objects.put(.plan, try CanonicalJSON.encode(plan))
        try state.log.append(
            Event(
                kind: .plan, time: start, user: "t", host: "h", command: "hrsync plan --allow-deletes 1004", writes: [planID],
                summary: plan.summary.line, people: plan.people))
        let record = ApplyRecord(plan: planID.hex, results: [.init(action: create, status: .done, userID: "000000000000000000000a12")])
        let applyID = try state.objects.put(.apply, try CanonicalJSON.encode(record))
        try state.log.append(
            Event(kind: .apply, time: start, user: "t", host: "h", command: "hrsync apply", writes: [applyID], summary: "applied", people: plan.people))
        return planID
    }

    @Test func someoneHiredWithTheirOldEmailKeepsEverything() throws {
        let temp = try TemporaryState()
        let planID = try Self.history(in: temp)
        _ = try temp.state.forget("1004", dryRun: false)
        let plan = try CanonicalJSON.decode(Plan.self, from: try temp.state.objects.get(try temp.state.rewrites().current(planID) ?? planID, as: .plan))
        #expect(plan.actions.map(\.personioID) == [1012], "Pia's create stays")
        let events = try temp.state.log.read().events
        #expect(events.filter { $0.kind == .plan || $0.kind == .apply }.allSatisfy { $0.people == ["1012", Self.old] }, "\(events.map(\.people))")
        #expect(events.first { $0.kind == .plan }?.command == "hrsync plan --allow-deletes 1004", "a bare number is nobody")
        let head = try LMSSnapshotRecords.decode(try temp.state.snapshots.read(try #require(try temp.state.refs.get(Refs.learning360))).records)
        #expect(Array(head.users.keys) == ["000000000000000000000a12"])
        let personio = try PersonioSnapshotRecords.decode(try temp.state.snapshots.read(try #require(try temp.state.refs.get(Refs.personio))).records)
        #expect(Array(personio.keys) == [1012])
    }

    @Test func anEmailTwoEmployeesHadIsRefusedAsAmbiguous() throws {
        let temp = try TemporaryState()
        _ = try Self.history(in: temp)
        #expect(throws: ErasedPerson.Ambiguity.email(Self.old, ids: [1004, 1012])) { try temp.state.forget(Self.old, dryRun: false) }
        #expect(temp.state.fsck().isClean)
    }

    @Test func nobodyByThatIDRewritesNothing() throws {
        let temp = try TemporaryState()
        _ = try Self.history(in: temp)
        let log = try Data(contentsOf: URL(fileURLWithPath: temp.state.log.path))
        let report = try temp.state.forget("1", dryRun: false)
        #expect(!report.found)
        #expect(try Data(contentsOf: URL(fileURLWithPath: temp.state.log.path)) == log, "a typo touches no log entry")
    }

    @Test func aPlanItCannotReadIsRefusedNotLeftBehind() throws {
        let temp = try TemporaryState()
        _ = try Self.history(in: temp)
        var text = String(
            decoding: try CanonicalJSON.encode(
                Plan(
                    personioSnapshot: "", learning360Snapshot: "", configHash: "c", target: "t", actions: [],
                    warnings: [PlanNote(.noGroup, people: [PersonRef(personioID: 1004, name: "Paula Durica", email: nil)])],
                    conflicts: [], held: nil, syncedUsers: 0, summary: PlanSummary())), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"no_group\"", with: "\"brand_new_kind\"")
        let id = try temp.state.objects.put(.plan, Data(text.utf8))
        try temp.state.log.append(Event(kind: .plan, time: Date(), user: "t", host: "h", command: "hrsync plan", writes: [id], summary: "plan"))
        #expect(throws: ForgetFailure.unreadable(id.hex, what: "plan")) { try temp.state.forget("1004", dryRun: false) }
        #expect(try temp.state.refs.get(Refs.personio).map { try temp.state.snapshots.read($0).records["1004"] != nil } == true, "nothing was rewritten")
        #expect(!FileManager.default.fileExists(atPath: temp.path + "/forget-pending"))
    }
}
