import Foundation
import HRSyncHTTP
import Testing

@testable import HRSyncCLI

/// Fails the first `failures` attempts with a refused connection, then answers 200.
final class RefusingTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var failures: Int

    init(failures: Int) { self.failures = failures }

    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        let fail = lock.withLock {
            failures -= 1
            return failures >= 0
        }
        if fail { throw TransportError.connection(request: "GET \(request.url.absoluteString)", reason: "connection refused") }
        return HTTPResponse(status: 200)
    }
}

/// What reaches stderr about retries: every one with -v, the run's first by default, none with -q.
@Suite struct RetryAnnouncerTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [String] = []
        var all: [String] { lock.withLock { stored } }
        func add(_ line: String) { lock.withLock { stored.append(line) } }
    }

    /// Two requests of one run, each refused twice before it succeeds: four retries.
    func lines(_ arguments: [String]) async throws -> [String] {
        let console = Console(try GlobalOptions.parse(arguments))
        let lines = Lines()
        let announcer = RetryAnnouncer(mode: RetryAnnouncer(console).mode, write: { lines.add($0) })
        for endpoint in ["POST /v1/auth", "GET /v1/company/employees"] {
            let executor = RequestExecutor(transport: RefusingTransport(failures: 2), retry: RetryPolicy(scale: 0.001), observer: announcer)
            let response = try await executor.execute(
                HTTPRequest(method: "GET", url: URL(string: "http://127.0.0.1:9/")!), limiter: nil, endpoint: endpoint)
            #expect(response.status == 200)
        }
        return lines.all
    }

    static let pattern = #"^retrying \((\d)/5\) after connection refused on (POST /v1/auth|GET /v1/company/employees), in \d+\.\d s"#

    @Test func verboseAnnouncesEveryRetry() async throws {
        let lines = try await lines(["-v"])
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { $0.range(of: Self.pattern + "$", options: .regularExpression) != nil }, "\(lines)")
        #expect(lines.map { $0.prefix(14) } == ["retrying (2/5)", "retrying (3/5)", "retrying (2/5)", "retrying (3/5)"])
    }

    @Test func byDefaultOnlyTheRunsFirstRetryIsAnnounced() async throws {
        let lines = try await lines([])
        #expect(lines.count == 1)
        let line = try #require(lines.first)
        #expect(line.range(of: Self.pattern + #" \(-v shows every retry\)$"#, options: .regularExpression) != nil, "\(line)")
        #expect(line.hasPrefix("retrying (2/5) after connection refused on POST /v1/auth"))
    }

    @Test func quietAnnouncesNothing() async throws {
        #expect(try await lines(["-q"]).isEmpty)
    }

    @Test func vendorTextReachesTheTerminalEscaped() {
        let lines = Lines()
        let announcer = RetryAnnouncer(mode: .every, write: { lines.add($0) })
        announcer.retrying(RetryNotice(endpoint: "GET /x", attempt: 2, maxAttempts: 5, reason: "evil\u{1B}[2J", delay: 1))
        #expect(lines.all == ["retrying (2/5) after evil\\u{1b}[2J on GET /x, in 1.0 s"])
    }
}
