import Foundation

/// One retry about to happen: what failed, in words, and how long the executor waits first.
public struct RetryNotice: Sendable, Equatable {
    /// The endpoint label, e.g. `GET /v1/company/employees`.
    public var endpoint: String
    /// The attempt about to be made (2 for the first retry).
    public var attempt: Int
    /// The most attempts this request gets for this kind of failure, the first one included.
    public var maxAttempts: Int
    /// Why the last attempt failed, in words: `HTTP 503`, `connection refused`, `no answer in 30 s`.
    public var reason: String
    /// Seconds the executor waits before the attempt.
    public var delay: Double

    /// Creates a notice from its parts.
    public init(endpoint: String, attempt: Int, maxAttempts: Int, reason: String, delay: Double) {
        self.endpoint = endpoint
        self.attempt = attempt
        self.maxAttempts = maxAttempts
        self.reason = reason
        self.delay = delay
    }

    /// `retrying (2/5) after connection refused on GET /x, in 1.0 s`.
    public var text: String {
        "retrying (\(attempt)/\(maxAttempts)) after \(reason) on \(endpoint), in \(String(format: "%.1f", delay)) s"
    }
}

/// Told of every retry before its wait, so a command can say why it is waiting. The HTTP layer
/// never prints: whoever runs it decides what reaches the terminal.
public protocol RetryObserver: Sendable {
    /// Called once per retry, before the executor sleeps.
    func retrying(_ notice: RetryNotice)
}
