import ArgumentParser
import HRSyncStore

struct ReleaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Lift the hold 'hrsync revert --hold' set on unattended applies.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let console = Console(global)
        let state = try Workspace.load(global, requireConfig: false).openState()
        let lock = try LockedRun.acquire(state, command: "release", console: console)
        defer { lock.release() }
        guard let lifted = try state.releaseHold() else {
            console.out("no hold was set")
            return
        }
        console.out("released the hold set \(JSONOutput.timestamp.string(from: lifted.since)) by \(lifted.by) (\(lifted.reason)); the next apply runs")
    }
}
