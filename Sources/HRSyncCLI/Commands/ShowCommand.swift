import ArgumentParser
import Foundation
import HRSyncCore
import HRSyncStore

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one log entry or object in full.",
        discussion:
            "ID is an id 'hrsync log' shows (prefix, 7+ hex digits); REV is a snapshot revision as in 'hrsync diff'; HEAD, HEAD~1, … are the newest applies; FILE.plan is a plan saved with 'plan -o'. Without one: the newest log entry."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(
        help: "A log entry id, an object id prefix, a REV, HEAD~N (the newest applies) or a saved FILE.plan (default: the newest log entry).",
        completion: .custom { _, _, prefix in Completions.showable(prefix: prefix) })
    var target: String?

    @OptionGroup var html: HTMLOption

    func run() async throws {
        let workspace = try Workspace.load(global, requireConfig: false)
        try workspace.checkOutputs(html.path)
        let state = try workspace.openState()
        let console = Console(global)
        guard let target = try target ?? state.log.events().last.map(EventView.displayID) else {
            throw CLIError.nothingToShow("the log is empty: nothing to show yet (run 'hrsync pull')")
        }
        if let (plan, id) = try Self.plan(target, in: state) {
            // A plan reads as `plan` prints it, with the 360Learning snapshot it was computed from: the
            // names it needs (the HTML report's org chart needs the roles too).
            let keys = html.path == nil ? LMSSnapshotRecords.namingKeys(users: plan.learning360IDs) : { _ in true }
            let lms =
                (ObjectID(hex: plan.learning360Snapshot)).flatMap { try? LMSSnapshotRecords.decode(state.snapshots.read($0, keys: keys).records) } ?? LMSState()
            let when = try state.log.events().last { $0.writes.contains(id) }?.time
            try html.write(HTMLReport(plan: plan, planID: id.hex, lms: lms, when: when), console: console)
            console.out(
                global.json
                    ? try PlanView.json(plan, id: id.hex)
                    : "plan \(id.hex)\n" + PlanView.text(plan, lms: lms, console: console, rendering: .init(summarizeOnTerminal: false)))
            return
        }
        let model = try ShowModel.load(target, from: state)
        if html.path != nil {
            guard let (applyID, record) = model.applies.first, let planID = ObjectID(hex: record.plan),
                let plan = try? CanonicalJSON.decode(Plan.self, from: state.objects.get(planID, as: .plan))
            else {
                throw CLIError.nothingToShow("--html shows a plan or an apply; '\(target)' is neither")
            }
            let lms = ObjectID(hex: plan.learning360Snapshot).flatMap { try? LMSSnapshotRecords.decode(state.snapshots.read($0).records) } ?? LMSState()
            try html.write(HTMLReport(plan: plan, planID: planID.hex, lms: lms, record: record, applyID: applyID, when: model.event?.time), console: console)
        }
        console.out(global.json ? try model.json() : model.text(console: console))
    }
}

extension ShowCommand {
    /// The plan `target` names: a plan object's id (prefix), or a plan log entry.
    static func plan(_ target: String, in state: StateDirectory) throws -> (Plan, ObjectID)? {
        // A saved plan file (`plan -o FILE`): checked as `apply FILE` checks it (it must be one this state wrote).
        if target.hasSuffix(".plan") || target.contains("/"), FileManager.default.fileExists(atPath: target) {
            return try PlanFile.load(target, state: state)
        }
        let ids: [ObjectID]
        if let event = try state.log.event(prefix: target) {
            guard event.kind == .plan else { return nil }
            ids = event.writes
        } else if let id = try? Revision.resolve(target, in: state) {  // also an id forget rewrote
            ids = [id]
        } else {
            return nil
        }
        guard ids.count == 1, let (kind, payload) = try? state.objects.get(ids[0]), kind == .plan else { return nil }
        return (try CanonicalJSON.decode(Plan.self, from: payload), ids[0])
    }
}
