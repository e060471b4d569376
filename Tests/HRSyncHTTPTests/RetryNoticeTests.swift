import Foundation
import Testing

@testable import HRSyncHTTP

/// Answers from a script, one per attempt: a failure or a status.
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    enum Step { case fail(TransportError), status(Int) }
    private let lock = NSLock()
    private var steps: [Step]

    init(_ steps: [Step]) { self.steps = steps }

    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        let step = lock.withLock { steps.isEmpty ? Step.status(200) : steps.removeFirst() }
        switch step {
        case .fail(let error): throw error
        case .status(let status): return HTTPResponse(status: status)
        }
    }
}

/// Collects what the executor announces.
final class NoticeLog: RetryObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [RetryNotice] = []
    var notices: [RetryNotice] { lock.withLock { stored } }
    func retrying(_ notice: RetryNotice) { lock.withLock { stored.append(notice) } }
}

@Suite struct RetryNoticeTests {
    static let refused = TransportError.connection(request: "GET http://127.0.0.1:9/x", reason: "connection refused")

    func run(_ steps: [ScriptedTransport.Step]) async throws -> (HTTPResponse, [RetryNotice]) {
        let log = NoticeLog()
        let executor = RequestExecutor(transport: ScriptedTransport(steps), retry: RetryPolicy(scale: 0.001), observer: log)
        let request = HTTPRequest(method: "GET", url: URL(string: "http://127.0.0.1:9/x")!)
        let response = try await executor.execute(request, limiter: nil, endpoint: "GET /x")
        return (response, log.notices)
    }

    @Test func everyRetryIsAnnouncedWithItsNumberReasonAndWait() async throws {
        let (response, notices) = try await run([.fail(Self.refused), .fail(Self.refused), .status(200)])
        #expect(response.status == 200)
        #expect(notices.map(\.attempt) == [2, 3])
        #expect(notices.map(\.maxAttempts) == [5, 5])
        #expect(notices.allSatisfy { $0.reason == "connection refused" && $0.endpoint == "GET /x" })
        let first = try #require(notices.first)
        #expect(first.text == "retrying (2/5) after connection refused on GET /x, in \(String(format: "%.1f", first.delay)) s")
    }

    @Test func statusRetriesCountAgainstAllAttempts() async throws {
        let (_, notices) = try await run([.status(503), .status(429), .status(200)])
        #expect(notices.map(\.reason) == ["HTTP 503", "HTTP 429 (rate limit)"])
        #expect(notices.map(\.maxAttempts) == [6, 6])
    }

    @Test func aFailedConnectionIsTriedFiveTimesThenThrown() async throws {
        await #expect(throws: Self.refused) { try await run(Array(repeating: .fail(Self.refused), count: 9)) }
    }

    @Test func anUntrustedCertificateIsNotRetried() async throws {
        let untrusted = TransportError.untrustedCertificate(host: "h", reason: "it expired on 2026-01-01")
        let log = NoticeLog()
        let executor = RequestExecutor(transport: ScriptedTransport([.fail(untrusted)]), retry: RetryPolicy(scale: 0.001), observer: log)
        await #expect(throws: untrusted) {
            try await executor.execute(HTTPRequest(method: "GET", url: URL(string: "https://h/")!), limiter: nil, endpoint: "GET /")
        }
        #expect(log.notices.isEmpty)
    }
}
