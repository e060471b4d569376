import Foundation

/// Paces requests under a vendor's limits: every window (`limit` requests per `seconds`) must
/// hold at once, e.g. Personio's 15/s and 300/min. Callers reserve a slot, then sleep until it;
/// reservations are handed out in order, so concurrent callers never stampede.
///
/// Adaptive: a 429 pauses everyone (at least `Retry-After`, else the backoff) and stretches the
/// windows a little; successes slowly shrink the stretch back to the configured limits.
///
/// The server counts a request when it arrives, which on a busy machine (a late wake-up, a slow
/// event loop on either side) can be well after the moment the limiter handed out: pacing only
/// against departures drew 429s in a long run. So a request is counted at its departure until
/// its answer comes (``answered(_:)``), and from then at the answer's time, the latest moment the
/// server can have counted it: request n leaves no earlier than `window` after the answer to
/// request n − limit, so no server window, sliding or fixed, ever holds more than the limit,
/// whatever the jitter. Windows that only spread requests evenly (`countsUntilAnswered` false)
/// keep counting departures, or each request would wait for the previous answer.
public actor RateLimiter {
    /// One limit: at most `limit` requests in any span of `seconds`.
    public struct Window: Sendable {
        /// Requests allowed per window, e.g. 15 for Personio's burst of 15/s.
        public var limit: Int
        /// The window's length in seconds, e.g. 60 for a per-minute limit.
        public var seconds: Double
        /// A vendor limit: a request counts until its answer came. False for a spacing window.
        public var countsUntilAnswered: Bool
        /// Creates a window; `countsUntilAnswered: false` makes it a spacing window.
        public init(limit: Int, seconds: Double, countsUntilAnswered: Bool = true) {
            self.limit = limit
            self.seconds = seconds
            self.countsUntilAnswered = countsUntilAnswered
        }
    }

    private let windows: [Window]
    /// Extra length on each window so that network jitter never lets the server see one request too many.
    private let margin: Double
    private var history: [[Double]]
    /// Slots sent and not yet answered (a count per slot: two may share a time). The server may
    /// count such a request at any moment up to now, so a vendor window counts it at `now`, and
    /// trimming never drops it.
    private var inFlight: [Double: Int] = [:]
    private var pausedUntil: Double = 0
    private var lastReservation: Double = 0
    /// How far 429s have lengthened the windows: 1 at the configured limits, at most 3. Each 429
    /// multiplies it by 1.25; each success eases it back by 0.5 %.
    private(set) public var stretch: Double = 1
    private let now: @Sendable () -> Double

    /// `windows` all hold at once; `margin` lengthens each (3 % by default) against network jitter;
    /// `now` is the clock in seconds (tests pass a fake one).
    public init(_ windows: [Window], margin: Double = 0.03, now: @escaping @Sendable () -> Double = RateLimiter.monotonicSeconds) {
        self.windows = windows
        self.margin = margin
        self.history = windows.map { _ in [] }
        self.now = now
    }

    /// Waits until a request may be sent; returns its slot, for ``answered(_:)``.
    @discardableResult
    public func acquire() async throws -> Double {
        let at = reserve()
        let wait = at - now()
        if wait > 0 { try await Task.sleep(for: .seconds(wait)) }
        return sent(reserved: at)
    }

    /// A sleeper that woke late (a busy machine) sent its request later than reserved: the windows
    /// count it when it really went, or the requests after it could reach the server too close.
    /// Returns the slot as now recorded.
    @discardableResult
    public func sent(reserved at: Double) -> Double {
        let actual = now()
        guard actual > at else {
            inFlight[at, default: 0] += 1
            return at
        }
        move(at, to: actual) { _ in true }
        lastReservation = max(lastReservation, actual)
        inFlight[actual, default: 0] += 1
        return actual
    }

    /// The request of `slot` got its answer (or failed): the vendor windows count it from now on,
    /// the latest the server can have counted it.
    public func answered(_ slot: Double) {
        if let count = inFlight[slot] { inFlight[slot] = count > 1 ? count - 1 : nil }
        let actual = now()
        guard actual > slot else { return }
        move(slot, to: actual) { $0.countsUntilAnswered }
    }

    private func move(_ slot: Double, to time: Double, in windows: (Window) -> Bool) {
        for index in history.indices where windows(self.windows[index]) {
            guard let found = history[index].lastIndex(of: slot) else { continue }
            history[index][found] = time
            history[index].sort()
        }
    }

    /// The time (on the limiter's clock) at which the next request may go, recorded as taken.
    public func reserve() -> Double {
        let current = now()
        var at = max(current, pausedUntil, lastReservation)
        for (index, window) in windows.enumerated() {
            let span = window.seconds * (1 + margin) * stretch
            var taken = history[index]
            if window.countsUntilAnswered && !inFlight.isEmpty && taken.contains(where: { inFlight[$0] != nil }) {
                var unanswered = inFlight  // two slots may share a time: count them off
                taken = taken.map { slot in
                    guard let count = unanswered[slot], count > 0 else { return slot }
                    unanswered[slot] = count - 1
                    return max(slot, current)
                }.sorted()
            }
            if taken.count >= window.limit {
                at = max(at, taken[taken.count - window.limit] + span)
            }
        }
        lastReservation = at
        for index in windows.indices {
            // Answers move entries later than `at`: keep each history sorted.
            let position = history[index].lastIndex { $0 <= at }.map { $0 + 1 } ?? 0
            history[index].insert(at, at: position)
            let keep = windows[index].limit
            if history[index].count > keep * 2 {
                // The oldest answered entries go; one still in flight stays until its answer.
                var excess = history[index].count - keep
                history[index].removeAll { slot in
                    guard excess > 0, inFlight[slot] == nil else { return false }
                    excess -= 1
                    return true
                }
            }
        }
        return at
    }

    /// A 429 came back: nobody sends before `delay` from now, and the pace slows down a bit.
    public func throttled(delay: Double) {
        pausedUntil = max(pausedUntil, now() + delay)
        stretch = min(stretch * 1.25, 3)
    }

    /// A request went through: ease the pace back towards the configured limits.
    public func succeeded() {
        if stretch > 1 { stretch = max(1, stretch * 0.995) }
    }

    /// The default clock: seconds of `CLOCK_MONOTONIC`, which wall-clock changes cannot move.
    public static let monotonicSeconds: @Sendable () -> Double = {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
