import ArgumentParser
import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncStore

/// `--metrics-file FILE` on pull, plan and apply.
struct MetricsOption: ParsableArguments {
    @Option(
        name: .customLong("metrics-file"),
        help: ArgumentHelp("Write the run's metrics there, atomically, in Prometheus text format (node_exporter's textfile collector).", valueName: "file"),
        completion: .file(extensions: ["prom"]))
    var path: String?
}

/// One run's figures for monitoring: when it started and ended, how it exited, the actions by kind
/// and status, the answers by vendor and HTTP status (429s included), whether a guard held it, and
/// each side's snapshot age. Counts only: no personal data.
final class RunMetrics: @unchecked Sendable {
    let command: String
    let path: String?
    let start = Date()
    var clients: Clients?
    /// kind → status → count ("planned" for a plan's actions).
    var actions: [String: [String: Int]] = [:]
    /// Who the run concerned (for hooks with `include_people`).
    var people: [String] = []
    /// The fields the blanking guard held (the plan's, or what the apply held).
    var blankingHeld: [BlankingGuard.Verdict] = []
    /// The config's hooks, run after the metrics are written.
    var hooks: HookRunner?

    init(command: String, _ option: MetricsOption, config: HRSyncConfig? = nil) {
        self.command = command
        path = option.path
        hooks = config.map { HookRunner(hooks: $0.hooks, config: $0) }
    }

    func planned(_ plan: Plan) {
        for action in plan.actions { actions[action.kind.rawValue, default: [:]]["planned", default: 0] += 1 }
        people = plan.people
        blankingHeld = plan.blankingHeld
    }

    func applied(_ record: ApplyRecord) {
        for result in record.results { actions[result.action.kind.rawValue, default: [:]][result.status.rawValue, default: 0] += 1 }
    }

    /// Runs `body`, then writes the file, releases `lock` and runs the hooks whatever happened
    /// (their failures are warnings). A hook runs unlocked: it may take a minute, and it may run
    /// hrsync itself.
    func around(state: StateDirectory?, lock: StoreLock?, console: Console, _ body: () async throws -> Void) async throws {
        var status = ExitStatus.success
        do { try await body() } catch {
            status = (error as? ExitCode)?.rawValue ?? ExitStatus.code(for: error) ?? ExitStatus.usage
            await finish(status: status, state: state, lock: lock, console: console)
            throw error
        }
        await finish(status: status, state: state, lock: lock, console: console)
    }

    func finish(status: Int32, state: StateDirectory?, lock: StoreLock?, console: Console) async {
        await write(status: status, state: state, console: console)
        lock?.release()
        hooks?.run(command: command, status: status, started: start, actions: actions, people: people, blankingHeld: blankingHeld, console: console)
    }

    /// A label value: backslash, quote and newline escaped (Prometheus text format).
    static func label(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }

    func write(status: Int32, state: StateDirectory?, console: Console) async {
        guard let path else { return }
        do { try PrivateFile.write(Data(await text(status: status, state: state).utf8), to: path, mode: 0o644) } catch {
            console.warn("metrics not written to \(path): \(error.localizedDescription)")
        }
    }

    func text(status: Int32, state: StateDirectory?, now: Date = Date()) async -> String {
        let run = "command=\"\(command)\""
        var out = ""
        func metric(_ name: String, _ help: String, _ samples: [(labels: String, value: String)]) {
            guard !samples.isEmpty else { return }
            out += "# HELP hrsync_\(name) \(help)\n# TYPE hrsync_\(name) gauge\n"
            for sample in samples { out += "hrsync_\(name){\(sample.labels)} \(sample.value)\n" }
        }
        metric("last_run_start_timestamp_seconds", "When the last run of the command started.", [(run, String(format: "%.3f", start.timeIntervalSince1970))])
        metric("last_run_end_timestamp_seconds", "When the last run of the command ended.", [(run, String(format: "%.3f", now.timeIntervalSince1970))])
        metric("last_run_exit_status", "Exit status of the last run (0 ok, 1 error, 3 held by a guard, 4 failed actions).", [(run, String(status))])
        metric(
            "last_run_guard_held", "1 when a guard (deletion, blanking, shrink, stale plan, hold) held the last run, whole or in part.",
            [(run, status == ExitStatus.held ? "1" : "0")])
        metric(
            "last_run_blanking_held", "Per field the blanking guard held in the last run: the users it would have emptied the field of.",
            blankingHeld.map { ("\(run),field=\"\(Self.label($0.field))\"", String($0.blanked)) })
        metric(
            "last_run_actions", "Actions of the last run by kind and status (planned, done, already_done, failed, skipped, held).",
            actions.sorted { $0.key < $1.key }.flatMap { kind, statuses in
                statuses.sorted { $0.key < $1.key }.map { ("\(run),kind=\"\(kind)\",status=\"\($0.key)\"", String($0.value)) }
            })
        let answers = await clients?.answers() ?? [:]
        metric(
            "last_run_responses", "HTTP answers of the last run by vendor and status (every attempt; 429 is the rate limit).",
            answers.sorted { $0.key < $1.key }.flatMap { vendor, statuses in
                statuses.sorted { $0.key < $1.key }.map { ("\(run),vendor=\"\(vendor)\",status=\"\($0.key)\"", String($0.value)) }
            })
        if let state {
            var ages: [(String, String)] = []
            for side in [Refs.personio, Refs.learning360] {
                if let id = try? state.refs.get(side), let info = try? state.snapshots.info(id) {
                    ages.append(("side=\"\(side)\"", String(format: "%.0f", now.timeIntervalSince(info.takenAt))))
                }
            }
            metric("snapshot_age_seconds", "Age of each side's latest snapshot.", ages)
        }
        return out
    }
}
