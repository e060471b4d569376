import Foundation
import Logging

/// Sends a request through a transport with pacing, timeouts and bounded retries.
/// Returns the final response whatever its status (the API client interprets it); throws only
/// when no response came back after the last attempt.
public struct RequestExecutor: Sendable {
    /// What actually sends: ``AsyncHTTPTransport`` in production, an in-memory transport in tests.
    public var transport: any HTTPTransport
    /// When to try again and how long to wait first.
    public var retry: RetryPolicy
    /// The limit on each attempt, not on the whole retry loop.
    public var timeout: Duration
    /// Where retries are reported, at debug level.
    public var logger: Logger
    /// Told of each retry before its wait (the command decides what the user sees); nil: nobody.
    public var observer: (any RetryObserver)?

    /// Creates an executor; by default 6 attempts of at most 30 s each, logged as `hrsync.http`.
    public init(
        transport: any HTTPTransport, retry: RetryPolicy = RetryPolicy(), timeout: Duration = .seconds(30),
        logger: Logger = Logger(label: "hrsync.http"), observer: (any RetryObserver)? = nil
    ) {
        self.transport = transport
        self.retry = retry
        self.timeout = timeout
        self.logger = logger
        self.observer = observer
    }

    /// Counts what was sent, for reports and benchmarks.
    public actor Counter {
        /// Attempts sent, retries included.
        public private(set) var requests = 0
        /// Attempts after the first one of a request, over all requests.
        public private(set) var retries = 0
        /// Attempts per endpoint label (method and path template, e.g. `DELETE /api/v2/users/{userId}`).
        public private(set) var byEndpoint: [String: Int] = [:]
        /// Answers by HTTP status (429s included; every attempt counts).
        public private(set) var byStatus: [Int: Int] = [:]
        /// The `Date` header of the latest answer that had one (`check` compares it with the local clock).
        public private(set) var lastDateHeader: String?
        /// Creates a counter at zero.
        public init() {}
        func answered(_ status: Int, date: String? = nil) {
            byStatus[status, default: 0] += 1
            if let date { lastDateHeader = date }
        }
        func sent(_ endpoint: String, retry: Bool) {
            requests += 1
            byEndpoint[endpoint, default: 0] += 1
            if retry { retries += 1 }
        }
    }

    /// `isFinal`: answers the caller knows a retry cannot change (e.g. a vendor's "too many bulk
    /// operations running", a 429 that is no rate limit), returned at once whatever their status.
    public func execute(
        _ request: HTTPRequest, limiter: RateLimiter?, endpoint: String, counter: Counter? = nil,
        isFinal: (@Sendable (HTTPResponse) -> Bool)? = nil
    ) async throws -> HTTPResponse {
        var attempt = 1
        var transportFailures = 0
        while true {
            try Task.checkCancellation()
            // Counted first, so nothing stands between the limiter's slot and the send.
            await counter?.sent(endpoint, retry: attempt > 1)
            let slot = try await limiter?.acquire()
            do {
                let response: HTTPResponse
                do { response = try await transport.send(request, timeout: timeout) } catch {
                    if let slot { await limiter?.answered(slot) }
                    throw error
                }
                if let slot { await limiter?.answered(slot) }
                await counter?.answered(response.status, date: response.header("Date"))
                guard RetryPolicy.isRetryable(status: response.status), attempt < retry.maxAttempts, !(isFinal?(response) ?? false) else {
                    if response.status < 400 { await limiter?.succeeded() }
                    return response
                }
                let wait = retry.delay(attempt: attempt, status: response.status, retryAfter: response.header("Retry-After"))
                if response.status == 429 { await limiter?.throttled(delay: wait) }
                let reason = response.status == 429 ? "HTTP 429 (rate limit)" : "HTTP \(response.status)"
                announce(RetryNotice(endpoint: endpoint, attempt: attempt + 1, maxAttempts: retry.maxAttempts, reason: reason, delay: wait))
                try await Task.sleep(for: .seconds(wait))
            } catch let error as TransportError {
                transportFailures += 1
                // An untrusted certificate stays untrusted: say so at once instead of after every retry.
                guard error.isRetryable, transportFailures < retry.maxTransportAttempts, attempt < retry.maxAttempts else { throw error }
                let wait = retry.delay(attempt: attempt, status: nil, retryAfter: nil)
                // The most this request can still get if the connection keeps failing.
                let bound = attempt + min(retry.maxTransportAttempts - transportFailures, retry.maxAttempts - attempt)
                announce(RetryNotice(endpoint: endpoint, attempt: attempt + 1, maxAttempts: bound, reason: error.reason, delay: wait))
                try await Task.sleep(for: .seconds(wait))
            }
            attempt += 1
        }
    }

    private func announce(_ notice: RetryNotice) {
        logger.debug("\(notice.text)")
        observer?.retrying(notice)
    }
}
