import ArgumentParser
import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncStore

struct GcCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Remove snapshots and plans outside state.keep, and every object nothing kept reaches.",
        discussion: """
            Always kept: each side's latest snapshot, the snapshots a kept plan read, apply records, and the plan of an \
            unfinished apply. The log keeps its entries; their removed objects show as collected. Runs under the lock.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(name: .customLong("dry-run"), help: "Only say what would be removed and how many bytes it frees.")
    var dryRun = false

    @Option(name: .customLong("keep"), help: "The policy instead of state.keep: 90d, or within=90d,daily=30,weekly=12,monthly=24.")
    var keep: String?

    func run() async throws {
        let workspace = try Workspace.load(global, requireConfig: false)
        let policy: KeepPolicy
        do {
            policy = try keep.map(KeepPolicy.parse) ?? workspace.config?.state.keep ?? .default
        } catch let problem as KeepPolicy.Problem {
            throw ValidationError(problem.message)
        }
        let state = try workspace.openState()
        let console = Console(global)
        let lock = try LockedRun.acquire(state, command: "gc", console: console)
        defer { lock.release() }
        let report = try state.gc(policy: policy, dryRun: dryRun, now: Invocation.now, hooks: TestHooks.retention)
        let model = GcModel(report, policy: policy)
        console.out(global.json ? try model.json() : model.text(verbose: global.verbose))
    }
}

/// What `gc` prints, as text or `--json`, from one model.
struct GcModel: Encodable {
    struct Removed: Encodable {
        var id: String
        var kind: String
        var takenAt: Date
        enum CodingKeys: String, CodingKey { case id, kind, takenAt = "taken_at" }
    }

    var dryRun: Bool
    var policy: String
    var snapshots: [Removed]
    var plans: [String]
    var rewritten: [String: String]
    var kept: [String: Int]
    var objects: Int
    var removedBytes: Int
    var writtenBytes: Int
    var summary: String

    enum CodingKeys: String, CodingKey {
        case dryRun = "dry_run", policy, snapshots, plans, rewritten, kept, objects, summary
        case removedBytes = "removed_bytes", writtenBytes = "written_bytes"
    }

    init(_ report: GcReport, policy: KeepPolicy) {
        dryRun = report.dryRun
        self.policy = policy.description
        snapshots = report.removedSnapshots.sorted { $0.takenAt < $1.takenAt }.map { Removed(id: $0.id.hex, kind: $0.kind, takenAt: $0.takenAt) }
        plans = report.removedPlans.map(\.hex)
        rewritten = Dictionary(uniqueKeysWithValues: report.rewritten.map { ($0.key.hex, $0.value.hex) })
        kept = report.keptSnapshots
        objects = report.removedObjects
        removedBytes = report.removedBytes
        writtenBytes = report.writtenBytes
        summary = report.summary
    }

    func json() throws -> String {
        try JSONOutput.render(self)
    }

    func text(verbose: Bool) -> String {
        var lines: [String] = []
        let verb = dryRun ? "would remove" : "removed"
        for s in snapshots { lines.append("\(verb) snapshot \(s.id.prefix(12)) (\(s.kind), \(JSONOutput.timestamp.string(from: s.takenAt)))") }
        for p in plans { lines.append("\(verb) plan \(p.prefix(12))") }
        if verbose { for (old, new) in rewritten.sorted(by: { $0.key < $1.key }) { lines.append("rewrote snapshot \(old.prefix(12)) as \(new.prefix(12))") } }
        lines.append(summary + " (policy \(policy))")
        if dryRun {
            let frees =
                removedBytes == 0
                ? "frees nothing"
                : removedBytes < 1024 ? "frees about \(removedBytes) bytes" : "frees about \(ByteCount.text(removedBytes)) (\(removedBytes) bytes)"
            lines.append("\(frees); nothing was changed (--dry-run)")
        }
        return lines.joined(separator: "\n")
    }
}
