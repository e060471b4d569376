import Foundation
import HRSyncSandbox
import HRSyncTestSupport
import Testing

/// An apply nobody confirmed leaves a trace in `log` (with why), changes nothing, and neither makes
/// `status` unhealthy nor `fsck` unclean.
@Suite struct CancelledApplyTests {
    @Test func anApplyNobodyConfirmedIsLoggedWithWhy() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 5)
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            var runner = try await EndToEnd.runner(for: sandbox, in: scratch)
            runner.input = Data()  // not a terminal
            let unattended = try await runner.run("apply")
            #expect(unattended.status == 1 && unattended.stderr.contains("not a terminal"), "\(unattended.stderr)")
            var log = try await runner.run("log", "-n", "1").stdout
            #expect(log.hasPrefix("apply ") && log.contains("cancelled: no terminal to confirm on and no --auto-approve; plan "), "\(log)")

            // 'no' at the prompt, on a terminal that script(1) gives the apply.
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/script") {
                var terminal = runner
                terminal.program = URL(fileURLWithPath: "/usr/bin/script")
                terminal.input = Data("no\n".utf8)
                let declined = try await terminal.run("-qec", "'\(BinaryRunner.executable.path)' apply --no-color", "/dev/null")
                #expect(declined.status == 1 && declined.stdout.contains("apply cancelled; nothing was changed"), "\(declined.stdout)")
                log = try await runner.run("log", "-n", "1").stdout
                #expect(log.contains("cancelled: not confirmed at the prompt (only 'yes' applies); plan "), "\(log)")
            }
            let writes = await sandbox.learning360.requests.keys.filter { route in
                ["PUT", "PATCH", "DELETE"].contains { route.hasPrefix($0) } || (route.hasPrefix("POST") && !route.contains("token"))
            }
            #expect(writes.isEmpty, "nothing was written: \(writes)")
            let status = try await runner.run("status")
            #expect(!status.stdout.contains("cancelled") && !status.stderr.contains("cancelled"), "not the night's apply: \(status.stdout)")
            #expect(try await runner.run("fsck").status == 0)
            #expect(try await runner.run("apply", "--auto-approve").status == 0, "the next apply runs as usual")
        }
    }
}
