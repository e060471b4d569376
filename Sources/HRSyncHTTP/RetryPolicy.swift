import Foundation

/// When and how long to wait before trying a request again.
/// - 429: first wait at least 1 s (Personio's advice), then exponential with jitter; a
///   `Retry-After` header wins when it asks for longer.
/// - 5xx and transport failures: shorter exponential backoff with jitter.
/// Bounded: after `maxAttempts` the last answer or error is the caller's.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first one included (6 by default).
    public var maxAttempts: Int
    /// Attempts when nothing came back at all (refused, reset, timed out): 5 by default, so a
    /// refused connection is tried over about 8 s (waits of 0.5, 1, 2 and 4 s) before the run gives up.
    public var maxTransportAttempts: Int
    /// Seconds before the first retry after a 429 (1 s, Personio's advice); doubles per attempt.
    public var throttleBase: Double
    /// Seconds before the first retry after a 5xx or a transport failure (0.5 s); doubles per attempt.
    public var failureBase: Double
    /// The cap in seconds on the exponential wait (30 s); a `Retry-After` may ask for up to four times that.
    public var maxDelay: Double
    /// Multiplies every computed delay (tests shrink waits without changing the shape).
    public var scale: Double

    /// Creates a policy; the defaults suit both vendors.
    public init(
        maxAttempts: Int = 6, maxTransportAttempts: Int = 5, throttleBase: Double = 1, failureBase: Double = 0.5,
        maxDelay: Double = 30, scale: Double = 1
    ) {
        self.maxAttempts = maxAttempts
        self.maxTransportAttempts = maxTransportAttempts
        self.throttleBase = throttleBase
        self.failureBase = failureBase
        self.maxDelay = maxDelay
        self.scale = scale
    }

    /// Whether a second try may get a better answer: 429, 500, 502, 503 and 504.
    public static func isRetryable(status: Int) -> Bool {
        status == 429 || status == 500 || status == 502 || status == 503 || status == 504
    }

    /// Seconds to wait before attempt `attempt + 1` (attempt counts from 1).
    public func delay(attempt: Int, status: Int?, retryAfter: String?, jitter: Double = Double.random(in: 0...1)) -> Double {
        let base = status == 429 ? throttleBase : failureBase
        let exponential = min(maxDelay, base * pow(2, Double(attempt - 1)))
        var wait = exponential * (0.75 + 0.5 * jitter)
        if status == 429 { wait = max(wait, throttleBase) }
        if let asked = retryAfter.flatMap(Self.parseRetryAfter) { wait = max(wait, min(asked, maxDelay * 4)) }
        return wait * scale
    }

    /// `Retry-After` as delta-seconds or an HTTP date.
    static func parseRetryAfter(_ value: String) -> Double? {
        if let seconds = Double(value.trimmingCharacters(in: .whitespaces)) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
    }
}
