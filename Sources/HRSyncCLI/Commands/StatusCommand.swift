import ArgumentParser
import HRSyncStore

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Where things stand: snapshots, the last plan and apply, holds; exit 1 when not healthy.",
        discussion:
            "Not healthy: the last apply was held or had failed actions, a hold is set, an apply is unfinished, or the state directory is damaged (a ref, the hold, FORMAT, or an object the refs or the last plan and apply name). For monitoring."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let workspace = try Workspace.load(global)
        let config = try workspace.requiredFile().config
        let report: StatusReport
        do {
            report = StatusReport.load(configPath: workspace.configPath, config: config, state: try workspace.openState())
        } catch {
            report = .unopenable(configPath: workspace.configPath, config: config, statePath: workspace.statePath, problem: error.localizedDescription)
        }
        let console = Console(global)
        console.out(global.json ? try JSONOutput.render(report) : report.text())
        if !report.healthy { throw ExitCode(ExitStatus.error) }
    }
}
