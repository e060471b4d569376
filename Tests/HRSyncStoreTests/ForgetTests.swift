import Foundation
import HRSyncCore
import HRSyncTestSupport
import Testing

@testable import HRSyncStore

/// `forget` in the store: no byte of the person left (objects inflated), fsck clean, old ids
/// resolving, and a run stopped after any step finished by the next.
@Suite struct ForgetTests {
    static let mail = "quirin.zwetschge@acme.example"

    /// Ten days of both sides with the person (Personio 1004, 360Learning user u1; a new email
    /// from day 5) and a plan and an apply on the last day; 1005 reports to them.
    static func history(in temp: TemporaryState) throws -> (personio: [ObjectID], plan: ObjectID) {
        let state = temp.state
        var personioParent: ObjectID?, lmsParent: ObjectID?, personio: [ObjectID] = []
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        for day in 0..<10 {
            let time = start.addingTimeInterval(Double(day) * 86_400)
            let mail = day < 5 ? "q.old@acme.example" : Self.mail  // their email changed on day 5
            let employees = [
                Employee(
                    id: 1004,
                    attributes: [
                        PersonioKey.firstName: .text("Quirin"), PersonioKey.lastName: .text("Zwetschge"),
                        PersonioKey.email: .text(mail), PersonioKey.position: .text("Plum \(day / 3)")
                    ]),
                Employee(
                    id: 1005,
                    attributes: [
                        PersonioKey.firstName: .text("Lisbeth"), PersonioKey.email: .text("l@acme.example"),
                        PersonioKey.supervisor: .employee(1004), PersonioKey.position: .text("Day \(day)")
                    ])
            ]
            personioParent = try state.snapshots.write(
                Snapshot(kind: "personio", takenAt: time, records: try PersonioSnapshotRecords.encode(employees)), parent: personioParent)
            personio.append(personioParent!)
            var lms = LMSState()
            lms.users["u1"] = LMSUserRecord(
                id: "u1", mail: mail, status: "active", firstName: "Quirin", lastName: "Zwetschge", job: "Plum \(day / 3)", lang: "en")
            lms.users["u2"] = LMSUserRecord(
                id: "u2", mail: "l@acme.example", status: "active", firstName: "Lisbeth", lastName: nil, job: "Day \(day)", lang: "en", managers: ["u1"])
            lms.mappings["1004"] = LMSMappingRecord(personioID: "1004", userID: "u1", mappingID: "m1")
            lmsParent = try state.snapshots.write(Snapshot(kind: "360learning", takenAt: time, records: try LMSSnapshotRecords.encode(lms)), parent: lmsParent)
            try state.refs.set(Refs.personio, to: personioParent!)
            try state.refs.set(Refs.learning360, to: lmsParent!)
            try state.log.append(
                Event(
                    kind: .pull, time: time, user: "t", host: "h", command: "hrsync pull", writes: [personioParent!],
                    summary: "personio: 2 employees (changed: #1004 <\(mail)>)", people: ["1004", mail]))
        }
        let mail = Self.mail
        let person = PersonRef(personioID: 1004, name: "Quirin Zwetschge", email: mail)
        let plan = Plan(
            personioSnapshot: personioParent!.hex, learning360Snapshot: lmsParent!.hex, configHash: "c", target: "t",
            actions: [
                PlanAction(.updateUser([FieldChange(field: .job, before: "Plum 2", after: "Plum 3")]), person: person, user: .existing("u1"), reason: "job")
            ],
            warnings: [
                PlanNote(.noGroup, people: [person]),
                PlanNote(
                    .supervisorNotAManager, people: [PersonRef(personioID: 1005, name: "Lisbeth", email: "l@acme.example"), person],
                    values: ["why": "has left (inactive in Personio)"]), "Quirin Zwetschge: no office"
            ], conflicts: [], held: nil, syncedUsers: 2, summary: PlanSummary())
        let planID = try state.objects.put(.plan, try CanonicalJSON.encode(plan))
        try state.log.append(
            Event(
                kind: .plan, time: start, user: "t", host: "h", command: "hrsync plan", reads: [personioParent!, lmsParent!], writes: [planID], summary: "plan",
                people: ["1004", mail]))
        let record = ApplyRecord(plan: planID.hex, results: [.init(action: plan.actions[0], status: .done, userID: "u1")])
        let applyID = try state.objects.put(.apply, try CanonicalJSON.encode(record))
        try state.log.append(
            Event(
                kind: .apply, time: start, user: "t", host: "h", command: "hrsync apply", reads: [planID, personioParent!, lmsParent!], writes: [applyID],
                summary: "applied", people: ["1004", mail]))
        return (personio, planID)
    }

    static func traces(in temp: TemporaryState) throws -> [String] {
        var found: [String] = []
        let id = try NSRegularExpression(pattern: "(?<![0-9a-fA-F])1004(?![0-9a-fA-F])")
        for relative in try FileManager.default.subpathsOfDirectory(atPath: temp.path) {
            let path = "\(temp.path)/\(relative)"
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            var texts = [String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)]
            if relative.hasPrefix("objects/"), let oid = ObjectID(hex: relative.dropFirst(8).replacingOccurrences(of: "/", with: "")) {
                texts.append(String(decoding: try temp.state.objects.get(oid).payload, as: UTF8.self))
            }
            for text in texts {
                for term in ["zwetschge", "quirin", "q.old@"] where text.lowercased().contains(term) { found.append("\(term) in \(relative)") }
                if id.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil { found.append("1004 in \(relative)") }
            }
        }
        return found
    }

    @Test(arguments: ["1004", mail])
    func leavesNoTrace(person: String) throws {
        let temp = try TemporaryState()
        let (personio, plan) = try Self.history(in: temp)
        #expect(try !Self.traces(in: temp).isEmpty)
        let report = try temp.state.forget(person, dryRun: false)
        #expect(report.snapshots == 20 && report.plans == 1 && report.applies == 1 && report.logEntries == 12, "\(report.summary)")
        #expect(report.platformUsers.map(\.id) == ["u1"] && report.inLatestPersonio)
        #expect(try Self.traces(in: temp) == [])
        let fsck = temp.state.fsck()
        #expect(fsck.isClean, "\(fsck.faults)")
        // Old ids resolve to the rewritten objects; the rewritten plan names the new snapshots.
        let head = try #require(try temp.state.refs.get(Refs.personio))
        #expect(try Revision.resolve(String(personio.last!.hex.prefix(10)), in: temp.state) == head)
        let newPlan = try #require(try temp.state.rewrites().current(plan))
        let decoded = try CanonicalJSON.decode(Plan.self, from: try temp.state.objects.get(newPlan, as: .plan))
        #expect(decoded.personioSnapshot == head.hex && decoded.actions.isEmpty)
        let employees = try PersonioSnapshotRecords.decode(try temp.state.snapshots.read(head).records)
        #expect(Array(employees.keys) == [1005] && employees[1005]?.supervisorID == nil)
        #expect(try temp.state.snapshots.history(from: head).count == 10, "every day is still there")
    }

    @Test func aRunStoppedAtAnyStepIsFinishedByTheNext() throws {
        var random = SeededRandom.forTest()
        struct Stop: Error {}
        for _ in 0..<4 {
            let temp = try TemporaryState()
            _ = try Self.history(in: temp)
            let stopAt = Int.random(in: 1...60, using: &random)
            #expect(throws: Stop.self, "\(random.replay)") {
                try temp.state.forget(Self.mail, dryRun: false, hooks: RetentionHooks { if $0 == stopAt { throw Stop() } })
            }
            let fsck = temp.state.fsck()
            #expect(fsck.isClean, "stopped at \(stopAt): \(fsck.faults) \(random.replay)")
            _ = try temp.state.snapshots.read(try #require(try temp.state.refs.get(Refs.personio)))
            _ = try temp.state.forget(Self.mail, dryRun: false)
            #expect(try Self.traces(in: temp) == [], "stopped at \(stopAt), \(random.replay)")
            #expect(temp.state.fsck().isClean, "\(random.replay)")
        }
    }
}
