import Foundation
import HRSyncSandbox
import HRSyncTestSupport
import Testing

/// `plan -o`, `--html`, `--metrics-file` (and `revert -o`, `show --html`, through the same check)
/// never write over the config or into the state directory: `-o state/log` erased the history.
@Suite struct OutputPathTests {
    @Test func hrsyncsOwnFilesAreRefusedAsOutputsWhateverTheSpelling() async throws {
        try await EndToEnd.run(Sandbox.unthrottled(employees: 10)) { sandbox, scratch, runner in
            #expect(try await runner.run("pull").status == 0)
            let folder = scratch.url
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("elsewhere"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(
                at: folder.appendingPathComponent("history"), withDestinationURL: folder.appendingPathComponent("state/log"))
            try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("kept"), withDestinationURL: folder.appendingPathComponent("state"))
            func contents() throws -> [String: Data] {
                var all: [String: Data] = ["hrsync.yaml": try Data(contentsOf: folder.appendingPathComponent("hrsync.yaml"))]
                for name in ["log", "FORMAT", "refs/personio"] { all[name] = try Data(contentsOf: folder.appendingPathComponent("state/" + name)) }
                return all
            }
            let before = try contents()
            let cases: [[String]] = [
                ["plan", "--offline", "-o", "state/log"],
                ["plan", "--offline", "-o", "hrsync.yaml"],
                ["plan", "--offline", "-o", "elsewhere/../state/FORMAT"],
                ["plan", "--offline", "-o", "history"],  // a symlink to the log
                ["plan", "--offline", "-o", "kept/new-file"],  // a new file through a symlinked folder
                ["plan", "--offline", "-o", "state"],
                ["plan", "--offline", "--html", "./hrsync.yaml"],
                ["plan", "--offline", "--metrics-file", "state/refs/personio"],
                ["plan", "--offline", "--metrics-file", folder.appendingPathComponent("state/refs/new.prom").path],
                ["pull", "--metrics-file", "state/log"],
                ["apply", "--auto-approve", "--metrics-file", "hrsync.yaml"],
                ["show", "--html", "state/log"],
                ["revert", "HEAD", "-o", "state/log"]
            ]
            for arguments in cases {
                let run = try await runner.run(arguments)
                let path = arguments[arguments.count - 1]
                #expect(run.status == 64, "\(arguments): \(run.stderr)")
                #expect(run.stderr.hasPrefix("hrsync: error: refusing to write to \(path): that is "), "\(arguments): \(run.stderr)")
                #expect(run.stderr.split(separator: "\n").count == 1, "one line: \(run.stderr)")
            }
            #expect(try contents() == before, "nothing of hrsync's own was touched")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("state/new-file").path))
            #expect(await sandbox.learning360.writesReceived == 0, "refused before anything ran")

            let fine = try await runner.run("plan", "--offline", "-o", "elsewhere/p.plan", "--html", "p.html", "--metrics-file", "m.prom")
            #expect(fine.status == 0, "\(fine.stderr)")
            for name in ["elsewhere/p.plan", "p.html", "m.prom"] { #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path)) }
        }
    }
}
