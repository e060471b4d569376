import Foundation
import HRSyncCore

/// Runs the config's `hooks:` after a run: `on_success`, `on_hold` (exit 3) or `on_failure`, via
/// /bin/sh -c, with a JSON summary on stdin. The hook gets hrsync's environment without the
/// variables that hold the vendors' credentials. A hook that fails or runs over 60 s is reported;
/// it never changes hrsync's exit status.
struct HookRunner {
    let hooks: HookSettings
    let config: HRSyncConfig

    struct Summary: Encodable {
        var command: String
        var exitStatus: Int32
        var outcome: String
        var started: Date
        var ended: Date
        var target: String
        var actions: [String: [String: Int]]
        var people: [String]?
        enum CodingKeys: String, CodingKey {
            case command, exitStatus = "exit_status", outcome, started, ended, target, actions, people
        }
    }

    func run(command: String, status: Int32, started: Date, actions: [String: [String: Int]], people: [String], console: Console) {
        let (outcome, hook): (String, String?) = switch status {
        case ExitStatus.success, ExitStatus.changesPresent: ("success", hooks.onSuccess)
        case ExitStatus.held: ("held", hooks.onHold)
        default: ("failure", hooks.onFailure)
        }
        guard let hook else { return }
        let summary = Summary(command: command, exitStatus: status, outcome: outcome, started: started, ended: Date(),
                              target: config.learning360.baseURL, actions: actions, people: hooks.includePeople ? people : nil)
        do {
            let status = try execute(hook, input: try CanonicalJSON.encode(summary))
            if status != 0 { console.warn("hook \(outcome) ('\(hook)') exited \(status); hrsync's own exit status is unchanged") }
        } catch {
            console.warn("hook \(outcome) ('\(hook)') could not run: \(error.localizedDescription)")
        }
    }

    /// The variables a hook must not see: the ones the config reads credentials from.
    var secretVariables: Set<String> {
        Set([config.personio.clientID, config.personio.clientSecret, config.learning360.clientID, config.learning360.clientSecret].compactMap {
            if case .environment(let name) = $0 { return name }
            return nil
        })
    }

    func execute(_ hook: String, input: Data) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", hook]
        process.environment = ProcessInfo.processInfo.environment.filter { !secretVariables.contains($0.key) }
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try? stdin.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            return 124
        }
        return process.terminationStatus
    }
}
