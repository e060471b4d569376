import Foundation
import HRSyncTestSupport
import Testing

@Suite struct BinaryRunnerTests {
    /// A child that writes more to stderr than a pipe holds before it writes stdout finishes.
    @Test func aChildThatFillsStderrFirstDoesNotHangTheRunner() throws {
        let scratch = try Scratch()
        var runner = BinaryRunner(in: scratch)
        runner.program = URL(fileURLWithPath: "/bin/sh")
        let result = try runner.run("-c", "head -c 300000 /dev/zero | tr '\\0' x >&2; echo ok")
        #expect(result.status == 0 && result.stdout == "ok\n" && result.stderr.count == 300_000)
    }
}
