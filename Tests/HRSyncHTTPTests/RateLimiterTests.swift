import Foundation
import Testing

@testable import HRSyncHTTP

/// The limiter on a virtual clock: reservations are computed, nothing sleeps.
@Suite struct RateLimiterTests {
    final class VirtualClock: @unchecked Sendable {
        var now = 0.0
    }

    @Test func burstThenOnePerWindowSlot() async {
        let clock = VirtualClock()
        let limiter = RateLimiter([.init(limit: 15, seconds: 1), .init(limit: 300, seconds: 60)], margin: 0, now: { clock.now })
        var times: [Double] = []
        for _ in 0..<45 { times.append(await limiter.reserve()) }
        #expect(times.prefix(15).allSatisfy { $0 == 0 }, "a burst of 15 goes at once")
        #expect(times[15] == 1 && times[29] == 1)
        #expect(times[30] == 2)
        // No 1-second window ever holds more than 15.
        for (i, t) in times.enumerated() {
            #expect(times[i...].prefix { $0 < t + 1 }.count <= 15)
        }
    }

    /// A request still waiting for its answer may reach the server at any moment up to now: it
    /// counts at `now`, and no trimming forgets it before its answer.
    @Test func aRequestStillInFlightCountsAtNow() async {
        let clock = VirtualClock()
        let limiter = RateLimiter([.init(limit: 2, seconds: 1)], margin: 0, now: { clock.now })
        let slow = await limiter.sent(reserved: await limiter.reserve())  // at 0, answered late
        let fast = await limiter.sent(reserved: await limiter.reserve())  // at 0
        await limiter.answered(fast)
        clock.now = 5
        let next = await limiter.sent(reserved: await limiter.reserve())
        #expect(next == 5, "one slot is free")
        await limiter.answered(next)
        #expect(await limiter.reserve() == 6, "the slow one, unanswered, counts as sent at 5: the third waits for its window")
        for _ in 0..<20 { _ = await limiter.reserve() }  // trimming past 2 × limit keeps the unanswered one
        clock.now = 100
        await limiter.answered(slow)
        let after = await limiter.reserve()
        #expect(after >= 100)
    }

    @Test func theMinuteWindowBindsAfter300() async {
        let clock = VirtualClock()
        let limiter = RateLimiter([.init(limit: 15, seconds: 1), .init(limit: 300, seconds: 60)], margin: 0, now: { clock.now })
        var last = 0.0
        for _ in 0..<301 { last = await limiter.reserve() }
        #expect(last == 60, "the 301st request waits for the first minute to pass")
    }

    @Test func aThrottleAnswerPausesEveryoneAndSlowsThePace() async {
        let clock = VirtualClock()
        let limiter = RateLimiter([.init(limit: 10, seconds: 1)], margin: 0, now: { clock.now })
        _ = await limiter.reserve()
        await limiter.throttled(delay: 2)
        #expect(await limiter.reserve() == 2)
        #expect(await limiter.stretch > 1)
        for _ in 0..<2000 { await limiter.succeeded() }
        #expect(await limiter.stretch == 1, "the pace recovers")
    }

    @Test func aRequestSentLateCountsWhenItWent() async {
        let clock = VirtualClock()
        let limiter = RateLimiter([.init(limit: 2, seconds: 1)], margin: 0, now: { clock.now })
        let a = await limiter.reserve()
        _ = await limiter.reserve()
        clock.now = 0.5  // a's task woke half a second late
        await limiter.sent(reserved: a)
        #expect(await limiter.reserve() == 1)
        #expect(await limiter.reserve() == 1.5, "two more inside a second of a's real send would be one too many")
    }

    @Test func theMarginKeepsAwayFromTheEdge() async {
        let clock = VirtualClock()
        let limiter = RateLimiter([.init(limit: 2, seconds: 1)], margin: 0.05, now: { clock.now })
        _ = await limiter.reserve(); _ = await limiter.reserve()
        #expect(await limiter.reserve() == 1.05)
    }
}

extension RateLimiterTests {
    @Test func aRequestCountsUntilItsAnswerCame() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter([.init(limit: 2, seconds: 1)], margin: 0, now: { clock.now })
        let a = try await limiter.acquire()
        _ = await limiter.reserve()
        clock.now = 0.3  // a's answer: the server may have counted a as late as this
        await limiter.answered(a)
        #expect(await limiter.reserve() == 1)
        #expect(await limiter.reserve() == 1.3, "the third after a goes a window after a's answer")
    }

    @Test func aSpacingWindowDoesNotWaitForAnswers() async {
        let clock = VirtualClock()
        let limiter = RateLimiter([.init(limit: 10, seconds: 1), .init(limit: 1, seconds: 0.1, countsUntilAnswered: false)], margin: 0, now: { clock.now })
        let a = await limiter.reserve()
        clock.now = 0.5
        await limiter.answered(a)
        #expect(await limiter.reserve() == 0.5, "spaced from a's departure (0 + 0.1), not its answer")
    }

    /// A server that counts each request at any moment between its departure and its answer
    /// (late wake-ups, a busy event loop) never sees more than the limit in any window.
    @Test func noServerWindowEverHoldsMoreThanTheLimitWhateverTheJitter() async {
        let clock = VirtualClock()
        let (limit, window) = (5, 1.0)
        let limiter = RateLimiter([.init(limit: limit, seconds: window)], margin: 0, now: { clock.now })
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func random() -> Double {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(seed >> 11) / Double(1 << 53)
        }
        var counted: [Double] = []
        for _ in 0..<400 {
            let slot = await limiter.reserve()
            clock.now = max(clock.now, slot)
            let arrival = slot + random() * 0.3  // the server counts it somewhere in here…
            clock.now = arrival + random() * 0.05  // …before the answer comes back
            await limiter.answered(slot)
            counted.append(arrival)
        }
        counted.sort()
        for (i, t) in counted.enumerated() {
            #expect(counted[i...].prefix { $0 < t + window }.count <= limit, "window from \(t)")
        }
    }
}

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy()

    @Test func aThrottleWaitsAtLeastOneSecondAndGrows() {
        #expect(policy.delay(attempt: 1, status: 429, retryAfter: nil, jitter: 0) >= 1)
        #expect(policy.delay(attempt: 3, status: 429, retryAfter: nil, jitter: 0.5) == 4)
        #expect(policy.delay(attempt: 20, status: 429, retryAfter: nil, jitter: 1) <= 30 * 1.25)
    }

    @Test func retryAfterWinsWhenLonger() {
        #expect(policy.delay(attempt: 1, status: 429, retryAfter: "7", jitter: 0) == 7)
        #expect(policy.delay(attempt: 4, status: 429, retryAfter: "1", jitter: 0.5) == 8)
        let date = Date().addingTimeInterval(20)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        let wait = policy.delay(attempt: 1, status: 503, retryAfter: formatter.string(from: date), jitter: 0)
        #expect(wait > 18 && wait <= 20)
    }

    @Test func serverErrorsBackOffFromHalfASecond() {
        #expect(policy.delay(attempt: 1, status: 503, retryAfter: nil, jitter: 0.5) == 0.5)
        #expect(policy.delay(attempt: 2, status: nil, retryAfter: nil, jitter: 0.5) == 1)
        #expect(RetryPolicy.isRetryable(status: 502))
        #expect(!RetryPolicy.isRetryable(status: 400))
        #expect(!RetryPolicy.isRetryable(status: 404))
    }
}
