import Foundation
import HRSyncCore
import HRSyncTestSupport
import Testing

@testable import HRSyncStore

/// `forget` over random companies whose people share first names and surnames, have names that
/// are JSON keys or need escaping: everyone else's data is unchanged byte for byte (their view of
/// every snapshot, plan, apply record, journal and log line, with references to the forgotten
/// person read as the tombstone), and nothing of the forgotten person is left in any file.
@Suite struct ForgetPropertyTests {
    static let firstNames = ["Uma", "Kind", "kind", "person", "name", "Zoë \"Q\"", "Back\\slash", "Li", "O'Neil", "Ünal"]
    static let lastNames = ["Schmidt", "Weber", "Kind", "email", "actions", "Tab\tKey", "Emoji😀", "Ortiz", "Ng", "Doe\u{2028}Line"]

    struct Person {
        var id: Int
        var first: String
        var last: String
        var mail: String
        var user: String
        var supervisor: Int?
        var ref: PersonRef { PersonRef(personioID: id, name: "\(first) \(last)", email: mail) }
    }

    static func hex(_ random: inout SeededRandom) -> String {
        String((0..<24).map { _ in "0123456789abcdef".randomElement(using: &random)! })
    }

    /// A company and a few days of history: snapshots, a plan and an apply a day, an unfinished
    /// apply's journal on the last plan, and the log.
    static func history(_ random: inout SeededRandom, in state: StateDirectory) throws -> [Person] {
        var pairs = Set<String>()
        var people: [Person] = []
        for index in 0..<Int.random(in: 6...12, using: &random) {
            var first: String, last: String
            repeat {
                first = firstNames.randomElement(using: &random)!
                last = lastNames.randomElement(using: &random)!
            } while !pairs.insert(first + "\u{0}" + last).inserted
            let id = 70_001 + index
            people.append(
                Person(
                    id: id, first: first, last: last, mail: "p\(id).\(index % 3)@acme.example", user: hex(&random),
                    supervisor: index == 0 ? nil : 70_001 + Int.random(in: 0..<index, using: &random)))
        }
        var personioParent: ObjectID?, lmsParent: ObjectID?, lastPlan: (ObjectID, Plan)?
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        for day in 0..<Int.random(in: 2...4, using: &random) {
            let time = start.addingTimeInterval(Double(day) * 86_400)
            let employees = people.map { person in
                var attributes: [String: AttributeValue] = [
                    PersonioKey.firstName: .text(person.first), PersonioKey.lastName: .text(person.last),
                    PersonioKey.email: .text(person.mail), PersonioKey.position: .text("Role \(Int.random(in: 0...2, using: &random))")
                ]
                if let boss = person.supervisor { attributes[PersonioKey.supervisor] = .employee(boss) }
                return Employee(id: person.id, attributes: attributes)
            }
            personioParent = try state.snapshots.write(
                Snapshot(kind: "personio", takenAt: time, records: try PersonioSnapshotRecords.encode(employees)), parent: personioParent)
            var lms = LMSState()
            for person in people {
                let boss = people.first { $0.id == person.supervisor }
                lms.users[person.user] = LMSUserRecord(
                    id: person.user, mail: person.mail, status: "active", firstName: person.first, lastName: person.last,
                    job: "Role", lang: "en", managers: boss.map { [$0.user] } ?? [])
                lms.mappings[String(person.id)] = LMSMappingRecord(personioID: String(person.id), userID: person.user, mappingID: hex(&random))
                let group = "00000000000000000000000\(Int.random(in: 1...3, using: &random))"
                lms.memberships[RoleKey(group: group, user: person.user)] = LMSMembershipRecord(groupID: group, userID: person.user, roles: ["learner"])
            }
            lms.managersRead = Set(people.map(\.user))
            lmsParent = try state.snapshots.write(Snapshot(kind: "360learning", takenAt: time, records: try LMSSnapshotRecords.encode(lms)), parent: lmsParent)
            try state.refs.set(Refs.personio, to: personioParent!)
            try state.refs.set(Refs.learning360, to: lmsParent!)
            try state.log.append(
                Event(
                    kind: .pull, time: time, user: "t", host: "h", command: "hrsync pull", writes: [personioParent!, lmsParent!],
                    summary: "personio: \(people.count) employees", people: []))

            var actions: [PlanAction] = [], warnings: [PlanNote] = [], conflicts: [PlanNote] = []
            for _ in 0..<Int.random(in: 4...10, using: &random) {
                let person = people.randomElement(using: &random)!, other = people.randomElement(using: &random)!
                let change: PlanAction.Change =
                    switch Int.random(in: 0...4, using: &random) {
                    case 0: .updateUser([FieldChange(field: .job, before: "Role 0", after: "Role 1")])
                    case 1: .addRole(group: "000000000000000000000002")
                    case 2: .addManager(.existing(other.user))
                    case 3: .addManager(.created(personioID: other.id))
                    default: .removeManager(userID: other.user)
                    }
                actions.append(PlanAction(change, person: person.ref, user: .existing(person.user), reason: "differs from Personio"))
                switch Int.random(in: 0...3, using: &random) {
                case 0: warnings.append(PlanNote(.noGroup, people: [person.ref]))
                case 1: warnings.append(PlanNote(.supervisorNotAManager, people: [person.ref, other.ref], values: ["why": "has left (inactive in Personio)"]))
                case 2: conflicts.append(PlanNote(.matchDisagrees, people: [person.ref], users: [other.user, person.user]))
                default: break
                }
            }
            let plan = Plan(
                personioSnapshot: personioParent!.hex, learning360Snapshot: lmsParent!.hex, configHash: "c", target: "t", actions: actions,
                warnings: warnings, conflicts: conflicts, held: nil, syncedUsers: people.count,
                summary: PlanSummary(actions, warnings: warnings.count, conflicts: conflicts.count))
            let planID = try state.objects.put(.plan, try CanonicalJSON.encode(plan))
            try state.log.append(
                Event(
                    kind: .plan, time: time, user: "t", host: "h", command: "hrsync plan --person \(people[0].mail)",
                    reads: [personioParent!, lmsParent!], writes: [planID], summary: plan.summary.line, people: plan.people))
            let results = actions.map { action in
                let vendor: String? = if case .addManager(.existing(let id)) = action.change { id } else { nil }
                return ApplyRecord.Result(
                    action: action, status: vendor == nil ? .done : .failed, userID: action.user?.existingID, vendorID: vendor,
                    error: vendor.map { "userNotFound: \($0)" })
            }
            let applyID = try state.objects.put(.apply, try CanonicalJSON.encode(ApplyRecord(plan: planID.hex, results: results)))
            try state.log.append(
                Event(
                    kind: .apply, time: time, user: "t", host: "h", command: "hrsync apply", reads: [planID], writes: [applyID],
                    summary: "applied", people: plan.people))
            lastPlan = (planID, plan)
        }
        // The last plan's apply was killed after a few actions.
        let (planID, plan) = lastPlan!
        let journal = try Journal(state: state, plan: planID)
        for (index, action) in plan.actions.enumerated() where index % 2 == 0 {
            try journal.append(.action(.init(index: index, result: ApplyRecord.Result(action: action, status: .done, userID: action.user?.existingID))))
        }
        return people
    }

    /// What the store says of `person`, in history order: each item canonical JSON, references
    /// to `gone` (if given) read as `tombstone`, so the view before forget equals the view after.
    static func view(of person: Person, in state: StateDirectory, gone: Person?, tombstone: String) throws -> [String] {
        var lines: [String] = []
        func add<T: Encodable>(_ label: String, _ value: T) throws { lines.append(label + String(decoding: try CanonicalJSON.encode(value), as: UTF8.self)) }
        func isGone(_ user: String) -> Bool { user == gone?.user }
        for side in [Refs.personio, Refs.learning360] {
            for info in try state.snapshots.history(from: try #require(try state.refs.get(side))) {
                let records = try state.snapshots.read(info.id).records
                if side == Refs.personio {
                    var employee = try #require(try PersonioSnapshotRecords.decode(records)[person.id])
                    // The reference goes, marked as forgotten (unknown, so the next pull is no change).
                    if gone != nil, employee.supervisorID == gone?.id { employee.forgetReference(PersonioKey.supervisor) }
                    try add("employee ", employee)
                } else {
                    let lms = try LMSSnapshotRecords.decode(records)
                    var user = try #require(lms.users[person.user])
                    if let managers = user.managers, managers.contains(where: isGone) {
                        user.managers = managers.filter { !isGone($0) }
                        user.forgottenManagers = managers.count - (user.managers?.count ?? 0)
                    }
                    try add("user ", user)
                    try add("mapping ", lms.mappings[String(person.id)])
                    try add("roles ", lms.memberships.values.filter { $0.userID == person.user }.sorted { $0.groupID < $1.groupID })
                    try add("read ", lms.managersRead?.contains(person.user))
                }
            }
        }
        func redacted(_ action: PlanAction) -> PlanAction {
            var action = action
            switch action.change {
            case .addManager(.existing(let id)) where isGone(id): action.change = .addManager(.existing(tombstone))
            case .addManager(.created(let id)) where id == gone?.id: action.change = .addManager(.existing(tombstone))
            case .removeManager(let id) where isGone(id): action.change = .removeManager(userID: tombstone)
            default: break
            }
            return action
        }
        let rewrites = try state.rewrites()
        let events = try state.log.read().events
        for event in events where event.kind != .forget {  // forget's own entry names nobody
            try add("log people ", event.people.filter { $0 == String(person.id) || $0 == person.mail })
            guard let written = event.writes.first, let id = rewrites.current(written) ?? Optional(written) else { continue }
            if event.kind == .plan {
                let plan = try CanonicalJSON.decode(Plan.self, from: try state.objects.get(id, as: .plan))
                try add("actions ", plan.actions.filter { $0.personioID == person.id }.map(redacted))
                for note in plan.warnings + plan.conflicts where note.subject?.personioID == person.id {
                    var note = note
                    if note.kind == .supervisorNotAManager, note.people.dropFirst().contains(where: { $0.personioID == gone?.id }) {
                        note.values["why"] = "was forgotten"
                    }
                    note.people = note.people.map { $0.personioID == gone?.id ? .forgotten(tombstone) : $0 }
                    note.users = note.users.map { isGone($0) ? tombstone : $0 }
                    try add("note ", note)
                }
            } else if event.kind == .apply {
                let record = try CanonicalJSON.decode(ApplyRecord.self, from: try state.objects.get(id, as: .apply))
                for result in record.results where result.action.personioID == person.id {
                    var result = result
                    if redacted(result.action) != result.action || result.vendorID.map(isGone) == true {
                        result.action = redacted(result.action)
                        result.vendorID = result.vendorID.map { isGone($0) ? tombstone : $0 }
                        if result.error != nil { result.error = "(the vendor's answer named a person since forgotten)" }
                    }
                    try add("result ", result)
                }
            }
        }
        for plan in state.journalPlans() {
            let planObject = try CanonicalJSON.decode(Plan.self, from: try state.objects.get(plan, as: .plan))
            for line in try Journal(state: state, plan: plan).entries() {
                let entry = try CanonicalJSON.decode(JournalLine.Action.self, from: line)
                guard entry.result.action.personioID == person.id else { continue }
                let pointed = planObject.actions.indices.contains(entry.index) ? planObject.actions[entry.index] : nil
                #expect(pointed.map(redacted) == redacted(entry.result.action), "a journal line points at its action in the (rewritten) plan")
                try add("journal ", redacted(entry.result.action))
            }
        }
        return lines
    }

    /// Every file of the state directory as text, objects inflated.
    static func texts(in temp: TemporaryState) throws -> [(String, String)] {
        var texts: [(String, String)] = []
        for relative in try FileManager.default.subpathsOfDirectory(atPath: temp.path) {
            let path = "\(temp.path)/\(relative)"
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            texts.append((relative, String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)))
            if relative.hasPrefix("objects/"), let id = ObjectID(hex: relative.dropFirst(8).replacingOccurrences(of: "/", with: "")) {
                texts.append((relative + " (inflated)", String(decoding: try temp.state.objects.get(id).payload, as: UTF8.self)))
            }
        }
        return texts
    }

    @Test(arguments: 0..<6)
    func forgettingOnePersonChangesNobodyElseAndLeavesNothingOfThem(salt: Int) throws {
        var random = SeededRandom.forTest(salt: salt)
        let temp = try TemporaryState()
        let people = try Self.history(&random, in: temp.state)
        let gone = people.randomElement(using: &random)!
        let tombstoneProbe = "forgotten:probe"
        let before = try people.filter { $0.id != gone.id }.map { try Self.view(of: $0, in: temp.state, gone: gone, tombstone: tombstoneProbe) }
        let given = Bool.random(using: &random) ? String(gone.id) : gone.mail.uppercased()
        // Half the time a first run is stopped after a random durable step (as a kill would), and
        // the rerun must finish the same erasure with the same tombstone.
        struct Stop: Error {}
        var stoppedAt: Int?, finished: ForgetReport?
        if Bool.random(using: &random) {
            let stop = Int.random(in: 1...40, using: &random)
            do {
                finished = try temp.state.forget(given, dryRun: false, hooks: RetentionHooks { if $0 == stop { throw Stop() } })
            } catch is Stop { stoppedAt = stop }
            #expect(temp.state.fsck().isClean, "stopped at \(stop): \(random.replay)")
        }
        let report = try finished ?? temp.state.forget(given, dryRun: false)
        let after = try people.filter { $0.id != gone.id }.map { try Self.view(of: $0, in: temp.state, gone: nil, tombstone: "") }
        let expected = before.map { $0.map { $0.replacingOccurrences(of: tombstoneProbe, with: report.tombstone) } }
        for (index, person) in people.filter({ $0.id != gone.id }).enumerated() {
            let difference = after[index].difference(from: expected[index])
            #expect(
                difference.isEmpty,
                "\(person.first) \(person.last) changed when \(gone.first) \(gone.last) was forgotten: \(difference.prefix(4)); \(random.replay)")
        }
        let fullName = String(decoding: try CanonicalJSON.encode("\(gone.first) \(gone.last)"), as: UTF8.self).dropFirst().dropLast()
        let idPattern = try NSRegularExpression(pattern: "(?<![0-9a-fA-F])\(gone.id)(?![0-9a-fA-F])")
        for (file, text) in try Self.texts(in: temp) {
            for trace in [gone.mail, gone.user] where text.lowercased().contains(trace) { Issue.record("\(trace) left in \(file); \(random.replay)") }
            #expect(!text.contains(String(fullName)), "\(fullName) left in \(file); \(random.replay)")
            #expect(idPattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil, "id \(gone.id) left in \(file); \(random.replay)")
        }
        #expect(temp.state.fsck().isClean, "\(random.replay)")
        // No journal is left under a plan that was rewritten or that no log entry names.
        let logged = Set(try temp.state.log.read().events.filter { $0.kind == .plan }.compactMap(\.writes.first))
        let rewrites = try temp.state.rewrites()
        for plan in temp.state.journalPlans() {
            #expect(
                logged.contains { rewrites.current($0) == plan },
                "journal \(plan.short) is orphaned (stopped at \(String(describing: stoppedAt))); \(random.replay)")
        }
        #expect(!FileManager.default.fileExists(atPath: temp.path + "/forget-pending"))
    }
}
