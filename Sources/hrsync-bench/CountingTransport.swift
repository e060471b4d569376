import Foundation
import HRSyncHTTP

/// Counts what a client sends, by route ("GET /api/v2/users/{id}"), and the answers refused with
/// 429: `pull-10k` serves the APIs from another process, whose own counters it cannot read.
final class CountingTransport: HTTPTransport, @unchecked Sendable {
    private let inner: any HTTPTransport
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    private var refused = 0

    init(_ inner: any HTTPTransport) { self.inner = inner }

    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        let route = Self.route(request.method, request.url.path)
        lock.withLock { counts[route, default: 0] += 1 }
        let response = try await inner.send(request, timeout: timeout)
        if response.status == 429 { lock.withLock { refused += 1 } }
        return response
    }

    /// Requests sent so far, by route.
    var requests: [String: Int] { lock.withLock { counts } }
    /// Answers with HTTP 429 so far.
    var rejected: Int { lock.withLock { refused } }

    /// The path with each id (a 24-digit hex object id or a number) written `{id}`, so one
    /// endpoint is one count whoever it reads.
    static func route(_ method: String, _ path: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map { part -> Substring in
            let isObjectID = part.count == 24 && part.allSatisfy(\.isHexDigit)
            let isNumber = !part.isEmpty && part.allSatisfy(\.isNumber)
            return isObjectID || isNumber ? "{id}" : part
        }
        return method + " " + parts.joined(separator: "/")
    }
}
