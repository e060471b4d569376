import ArgumentParser
import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncStore

struct ForgetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Erase one person from the state directory (right to erasure).",
        discussion: """
            Rewrites every snapshot, plan, apply record, journal and log line without them (the log keeps its entries, \
            naming an opaque forgotten:<id> instead), then deletes the old objects. Old ids still resolve. Personio and \
            360Learning are not touched: it prints what is left to do there.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "An email or a Personio id.")
    var person: String

    @Flag(name: .customLong("dry-run"), help: "Only say what would be rewritten.")
    var dryRun = false

    func run() async throws {
        let person = self.person.trimmed
        guard let query = PersonQuery(person), query.personioID != nil || query.looksLikeEmail else {
            throw ValidationError("PERSON must be a Personio id (e.g. 1004) or an email, got '\(person)'")
        }
        let state = try Workspace.load(global, requireConfig: false).openState()
        let console = Console(global)
        let lock = try LockedRun.acquire(state, command: "forget", console: console)
        defer { lock.release() }
        let report = try state.forget(person, dryRun: dryRun, now: Invocation.now, hooks: TestHooks.retention)
        let model = ForgetModel(report)
        console.out(global.json ? try model.json() : model.text())
    }
}

/// What `forget` prints, as text or `--json`, from one model. The person is named only by the
/// tombstone and by the vendor ids the admin needs (never stored).
struct ForgetModel: Encodable {
    struct PlatformUser: Encodable { var id: String; var status: String }

    var dryRun: Bool
    var tombstone: String
    var found: Bool
    var snapshots: Int
    var plans: Int
    var applies: Int
    var journals: Int
    var logEntries: Int
    var removedObjects: Int
    var inLatestPersonio: Bool
    var platformUsers: [PlatformUser]
    var summary: String
    var todo: [String]

    enum CodingKeys: String, CodingKey {
        case dryRun = "dry_run", tombstone, found, snapshots, plans, applies, journals, summary, todo
        case logEntries = "log_entries", removedObjects = "removed_objects", inLatestPersonio = "in_latest_personio", platformUsers = "platform_users"
    }

    init(_ report: ForgetReport) {
        (dryRun, tombstone, found) = (report.dryRun, report.tombstone, report.found)
        (snapshots, plans, applies, journals) = (report.snapshots, report.plans, report.applies, report.journals)
        (logEntries, removedObjects, inLatestPersonio) = (report.logEntries, report.removedObjects, report.inLatestPersonio)
        platformUsers = report.platformUsers.map { PlatformUser(id: $0.id, status: $0.status) }
        summary = report.summary
        todo = platformUsers.map {
            "360Learning: user \($0.id) (\($0.status)) still exists on the platform; delete it there if the erasure covers the LMS"
        }
        if report.inLatestPersonio {
            todo.append(
                "Personio: they are still in the last Personio pull; the next pull brings them back unless they are removed from Personio (or filtered out) first"
            )
        }
    }

    func json() throws -> String {
        try JSONOutput.render(self)
    }

    func text() -> String {
        var lines = [summary]
        if !found { lines.append("no stored snapshot holds them (the log, plans and apply records were still searched)") }
        if dryRun { lines.append("nothing was changed (--dry-run)") }
        lines += todo.map { "to do: \($0)" }
        if !dryRun { lines.append("hrsync did not touch Personio or 360Learning; saved plan files (plan -o) made before this no longer apply") }
        return lines.joined(separator: "\n")
    }
}
