import ArgumentParser
import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncStore

struct RevertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revert",
        abstract: "Write a plan that undoes an apply.",
        discussion: """
            Pulls 360Learning (unless --offline), then writes an ordinary plan that undoes each action the apply did: \
            updates set back, values put back, roles and manager links removed or added back, created or restored users \
            deleted, deleted users restored with their roles, managers and values. What changed again since is left \
            out as a conflict. Review it, then run 'hrsync apply PLAN'. The next ordinary plan will redo what Personio \
            still says: fix the config or Personio first, or pass --hold so cron's 'apply' waits for 'hrsync release'.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(
        help: "The apply: an id 'hrsync log' shows (prefix), or HEAD, HEAD~1, … for the newest applies.", completion: .list(Completions.applies))
    var applyID: String

    @Option(name: .short, help: ArgumentHelp("Save the plan to this file.", valueName: "file"), completion: .file(extensions: ["plan"]))
    var output: String?

    @OptionGroup var html: HTMLOption

    @Flag(help: "Use the latest stored 360Learning snapshot instead of pulling.")
    var offline = false

    @Flag(help: "Hold unattended applies (apply without a plan file exits 3) until 'hrsync release'.")
    var hold = false

    @Flag(name: .customLong("include-definitions"), help: "Also delete the custom fields and external-id mappings the apply created.")
    var includeDefinitions = false

    func run() async throws {
        let context = try CommandContext.open(global, outputs: [output, html.path])
        let (console, config, state) = (context.console, context.config, context.state)
        let lock = try context.lock("revert")
        defer { lock.release() }
        let engine = RevertEngine(config: config, configBytes: context.configBytes, state: state)
        let apply = try engine.resolve(applyID)
        if !offline {
            try await Clients.using(rateLimitScale: TestHooks.rateLimitScale, retryObserver: RetryAnnouncer(console)) { clients in
                try await PullRun(only: .learning360, force: false, json: global.json, summariesToStderr: true)
                    .run(config: config, state: state, clients: clients, console: console)
            }
        }
        let outcome = try engine.run(applyID: apply, includeDefinitions: includeDefinitions)
        if let output {
            try PrivateFile.write(outcome.bytes, to: output)
            console.info("plan \(outcome.id.short) saved to \(output)")
        }
        try html.write(HTMLReport(plan: outcome.plan, planID: outcome.id.hex, lms: outcome.lms, when: Date()), console: console)
        if hold {
            try state.setHold(Hold(since: Date(), by: "\(Invocation.user)@\(Invocation.host)", reason: "revert of \(apply.short)"))
            console.warn("unattended applies are held (apply without a plan file exits 3) until 'hrsync release'")
        } else {
            console.warn(
                "the next 'hrsync plan' or cron 'apply' will want to redo what Personio still says: fix the config or Personio first, or revert again with --hold"
            )
        }
        console.out(
            global.json
                ? try PlanView.json(outcome.plan, id: outcome.id.hex)
                : PlanView.text(outcome.plan, lms: outcome.lms, console: console, rendering: .init(outcome)))
    }
}

/// `apply` without a plan file while a hold is set.
struct HoldRefusal: Error, LocalizedError, GuardRefusal {
    let hold: Hold
    var errorDescription: String? {
        "unattended applies are held since \(JSONOutput.timestamp.string(from: hold.since)) by \(hold.by) (\(hold.reason)): apply a reviewed plan file, or lift the hold with 'hrsync release' (or 'apply --release-hold')"
    }
}
