import ArgumentParser
import HRSyncCore
import HRSyncStore

struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show record-level differences between two snapshots.",
        discussion: """
            REV is personio or 360learning (latest snapshot of that side), optionally followed by @{DATE} \
            (latest at or before DATE) and ~N (N snapshots earlier), or an id prefix of at least 7 hex digits. \
            With no REV: the latest Personio snapshot against the newest earlier one whose data differ (plan and apply \
            pull too, so the pulls in between often hold the same data); it says which two it compared. With one REV: \
            that one against the latest of its side. \
            Arguments after the revisions (or after --) are people: emails or Personio ids.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Up to two revisions, then optional people (email or Personio id).", completion: .list(Completions.snapshots))
    var arguments: [String] = []

    @Flag(help: "Only counts per kind of change and per attribute.")
    var stat = false

    @Flag(name: .customLong("name-only"), help: "Only the names of the changed people.")
    var nameOnly = false

    func validate() throws {
        if stat && nameOnly { throw ValidationError("--stat and --name-only exclude each other") }
    }

    func run() async throws {
        let state = try Workspace.load(global, requireConfig: false).openState()
        let (revisions, people) = try split(arguments, state: state)
        let (from, to) = try endpoints(revisions, state: state)
        let old = try state.snapshots.info(from), new = try state.snapshots.info(to)
        guard old.kind == new.kind else {
            throw ValidationError("diff compares two snapshots of one side: \(from.short) is \(old.kind), \(to.short) is \(new.kind)")
        }
        let console = Console(global)
        let mode: DiffView.Mode = stat ? .stat : nameOnly ? .nameOnly : .full
        if old.kind == LMSSnapshotRecords.kind {
            let old = try state.snapshots.read(from), new = try state.snapshots.read(to)
            let before = try LMSSnapshotRecords.decode(old.records), after = try LMSSnapshotRecords.decode(new.records)
            var diff = LMSDiff.between(before, after)
            for person in people where ![before, after].contains(where: { Self.knows(person, in: $0) }) {
                throw CLIError.nothingToShow("unknown person '\(person)': no 360Learning user with that mail, user id or Personio id in either snapshot")
            }
            if !people.isEmpty {
                diff.changes = diff.changes.filter { change in
                    people.contains { Self.names($0, user: change.id, in: after) || Self.names($0, user: change.id, in: before) }
                }
            }
            if global.json { return console.out(try LMSDiffView.json(diff, from: from.hex, to: to.hex, mode: mode)) }
            guard !diff.changes.isEmpty else { return console.info("no differences between \(from.short) and \(to.short)") }
            return console.out(LMSDiffView.text(diff, mode: mode, console: console))
        }
        guard old.kind == PersonioSnapshotRecords.kind else {
            throw CLIError.nothingToShow("'\(old.kind)' snapshots have no diff; list them with 'hrsync show'")
        }
        // A Personio diff is record by record: without people to look up, only the records whose
        // bytes differ are read (at 100,000 employees, a day's 500 instead of 200,000).
        var keys: (String) -> Bool = { _ in true }
        if people.isEmpty {
            let changes = try state.snapshots.changes(from: from, to: to)
            keys = Set(changes.added + changes.removed + changes.changed).contains
        }
        let before = try PersonioSnapshotRecords.decode(state.snapshots.read(from, keys: keys).records)
        let after = try PersonioSnapshotRecords.decode(state.snapshots.read(to, keys: keys).records)
        var diff = EmployeeDiff.between(before, after)
        // A person in neither snapshot is a typo or someone else's id, not "no differences".
        for person in people where ![before, after].contains(where: { Self.knows(person, in: $0) }) {
            throw CLIError.nothingToShow("unknown person '\(person)': no employee with that email or Personio id in either snapshot")
        }
        if !people.isEmpty {
            let queries = people.compactMap(PersonQuery.init)
            diff.changes = diff.changes.filter { change in queries.contains { $0.matches(id: change.id, email: change.email) } }
        }
        if global.json {
            console.out(try DiffView.json(diff, from: from.hex, to: to.hex, mode: mode))
        } else if diff.changes.isEmpty {
            console.info("no differences between \(from.short) and \(to.short)")
        } else {
            console.out(DiffView.text(diff, mode: mode, console: console))
        }
    }

    static func knows(_ person: String, in employees: [Int: Employee]) -> Bool {
        switch PersonQuery(person) {
        case .personioID(let id)?: employees[id] != nil
        case let query?: employees.values.contains(where: query.matches)
        case nil: false
        }
    }

    static func knows(_ person: String, in lms: LMSState) -> Bool {
        lms.users.keys.contains { names(person, user: $0, in: lms) }
    }

    /// PERSON names a 360Learning user by its id, its mail, or the Personio id it is mapped to.
    static func names(_ person: String, user id: String, in lms: LMSState) -> Bool {
        guard let user = lms.users[id], let query = PersonQuery(person) else { return false }
        if person.trimmed == id { return true }
        switch query {
        case .personioID(let personioID): return lms.mappings[String(personioID)]?.userID == id
        case .email: return query.matches(id: nil, email: user.mail)
        }
    }

    /// The leading arguments that name snapshots (at most two); the rest are people. `--` ends revisions.
    func split(_ arguments: [String], state: StateDirectory) throws -> ([ObjectID], [String]) {
        var revisions: [ObjectID] = []
        var rest = arguments[...]
        while let next = rest.first, revisions.count < 2 {
            if next == "--" { rest = rest.dropFirst(); break }
            guard looksLikeRevision(next), let id = try? Revision.resolve(next, in: state) else {
                if next.hasPrefix("personio") || next.hasPrefix("360learning") { _ = try Revision.resolve(next, in: state) }
                break
            }
            // All digits may be an id prefix or a Personio id: a revision only when no one has that id.
            if next.allSatisfy(\.isNumber), try Self.namesSomeone(next, state: state) {
                throw ValidationError(
                    "'\(next)' is both a snapshot id prefix and a Personio id: give more digits of the snapshot id, or name "
                        + "the snapshots first for the person ('hrsync diff personio~1 personio \(next)')")
            }
            revisions.append(id)
            rest = rest.dropFirst()
        }
        if rest.first == "--" { rest = rest.dropFirst() }
        return (revisions, Array(rest))
    }

    func looksLikeRevision(_ text: String) -> Bool {
        text.hasPrefix("personio") || text.hasPrefix("360learning") || IDPrefix(text) != nil
    }

    /// Whether the latest snapshot of either side knows `person` (only asked of an all-digit argument).
    static func namesSomeone(_ person: String, state: StateDirectory) throws -> Bool {
        if let head = try state.refs.get(Refs.personio),
            knows(person, in: try PersonioSnapshotRecords.decode(state.snapshots.read(head).records))
        {
            return true
        }
        guard let head = try state.refs.get(Refs.learning360) else { return false }
        return knows(person, in: try LMSSnapshotRecords.decode(state.snapshots.read(head).records))
    }

    func endpoints(_ revisions: [ObjectID], state: StateDirectory) throws -> (ObjectID, ObjectID) {
        switch revisions.count {
        case 2: return (revisions[0], revisions[1])
        case 1:
            let kind = try state.snapshots.info(revisions[0]).kind
            guard let latest = try state.refs.get(kind) else { throw StoreError.badRevision(kind, reason: "no \(kind) snapshot") }
            return (revisions[0], latest)
        default:
            return try lastChange(state: state)
        }
    }

    /// A bare `diff`: plan and apply pull too, so the newest two pulls often hold the same data. The
    /// newest Personio pull against the newest one before it whose data differ, saying which (stderr).
    func lastChange(state: StateDirectory) throws -> (ObjectID, ObjectID) {
        let head = try Revision.resolve("personio", in: state)
        let older = try Revision.resolve("personio~1", in: state)  // says so when there is only one pull
        let newest = try state.snapshots.info(head)
        guard let (back, changed) = try state.snapshots.lastChange(from: head) else {
            let pulls = try state.snapshots.history(from: head).count
            Console(global).info("no differences in the last \(Plural.count(pulls, "Personio pull")): they all hold the same data")
            return (older, head)
        }
        let when = { (info: SnapshotInfo) in JSONOutput.timestamp.string(from: info.takenAt) }
        let between = back > 1 ? "; the \(Plural.count(back - 1, "pull")) in between had the same data" : ""
        // The hint names the change before this one (pulls with the same data skipped), never an empty diff.
        let before = try state.snapshots.lastChange(from: changed.id)
        let earlier =
            before.map { "; the change before: 'hrsync diff personio~\(back + $0.back) personio~\(back)', or 'hrsync log' for the pulls" } ?? ""
        Console(global).info("comparing personio~\(back) (pulled \(when(changed))) with personio (pulled \(when(newest)))\(between)\(earlier)")
        return (changed.id, head)
    }
}
