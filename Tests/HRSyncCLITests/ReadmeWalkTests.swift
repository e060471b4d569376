import Foundation
import HRSyncTestSupport
import Testing

/// The README's "Trying it by hand" block, run as written by bash in an empty folder with the
/// built binaries on PATH: the sandbox, its config, init, plan, apply, a hire/edit/move/terminate
/// through the sandbox's own commands, a reviewed plan applied, diff, log, show.
@Suite struct ReadmeWalkTests {
    static func byHandBlock() throws -> String {
        let readme = try String(contentsOf: BinaryRunner.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "<!-- by-hand"), let end = readme.range(of: "<!-- /by-hand -->"),
            let open = readme.range(of: "```sh\n", range: start.upperBound..<end.lowerBound),
            let close = readme.range(of: "```", range: open.upperBound..<end.lowerBound)
        else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return String(readme[open.upperBound..<close.lowerBound])
    }

    @Test func theByHandSectionRunsAsWritten() throws {
        let block = try Self.byHandBlock()
        #expect(block.contains("hrsync-sandbox hire") && block.contains("hrsync apply changes.plan"))
        let scratch = try Scratch()
        // The harness adds only a safety net: stop the sandbox whatever happens.
        let script = "set -e\ntrap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n" + block
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = scratch.url
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = BinaryRunner.executable.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(stderr.suffix(1500))")
        // The backgrounded sandbox's banner is short (it prints under the next command); details with --verbose.
        #expect(stdout.contains("Next: hrsync-sandbox config --state sandbox.json > hrsync.yaml (credentials and details: --verbose)"), "\(stdout.prefix(600))")
        #expect(!stdout.contains("Credentials:") && !stdout.contains("export PERSONIO_CLIENT_ID"), "\(stdout.prefix(600))")
        #expect(stdout.contains("#1020 Zoë Neu <zoe.neu.1020@acme.example> active"), "the hire: \(stdout.prefix(2000))")
        #expect(stdout.contains("+ create  Zoë Neu <zoe.neu.1020@acme.example> (#1020)"))
        #expect(stdout.contains("    job: \"") && stdout.contains("→ \"Chief Planner\""))
        #expect(stdout.contains("+ learner in Employees › Paris"))
        #expect(stdout.contains("Plan: 1 to create, 2 to update, 1 to delete, 0 to restore"))
        #expect(stdout.contains("8 done, 0 already done, 0 failed") || stdout.contains(" done, 0 already done, 0 failed"))
        #expect(stdout.contains("+ hired            #1020 Zoë Neu"), "diff")
        #expect(stdout.contains("apply ") && stdout.contains("plan ") && stdout.contains("pull "), "log")
        #expect(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("sandbox.json").path))
    }
}
