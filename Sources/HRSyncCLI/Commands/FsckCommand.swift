import ArgumentParser
import HRSyncCore
import HRSyncStore

struct FsckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fsck",
        abstract: "Verify every object, ref and log entry of the state directory.",
        discussion: "Prints each fault with its path and exits 1 if there is any.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let state = try Workspace.load(global, requireConfig: false).openState()
        let report = state.fsck()
        let console = Console(global)
        if global.json {
            console.out(try FsckView.json(report))
        } else {
            // The store reports names as they are; a file name may hold terminal escapes.
            for fault in report.faults { console.out(TerminalText.escape("\(fault.path): \(fault.message)")) }
            for note in report.notes { console.info("note: " + TerminalText.escape(note)) }
            console.info(
                "checked \(Plural.count(report.objectsChecked, "object")), \(Plural.count(report.refsChecked, "ref")), \(Plural.count(report.eventsChecked, "log entry", "log entries")): \(report.isClean ? "no faults" : Plural.count(report.faults.count, "fault"))"
            )
        }
        if !report.isClean { throw ExitCode(ExitStatus.error) }
    }
}
