import Foundation

/// Faults a test or the demo injects into the emulated APIs, consumed in order.
public enum Fault: Sendable, Equatable {
    /// Answers that status with the vendor's own error body (a 429 gets its throttling body).
    case status(Int)  // e.g. 429, 500, 503
    /// As `status`, with a `Retry-After` header asking for `seconds`.
    case statusWithRetryAfter(Int, seconds: Int)
    /// A 500 whose body stops halfway, so the client sees a transport failure.
    case reset  // the connection drops mid-answer
    /// Waits that long, then answers as usual (a slow server, a client timeout).
    case delay(milliseconds: Int)
    /// A 200 with a truncated JSON body.
    case malformedBody  // a 200 whose body is not JSON
    /// Carries the request out, then drops the connection: the client cannot tell whether a write happened.
    case answerLost  // the request takes effect, then the connection drops (a timeout after a write)
}

extension Fault {
    /// What the emulator answers for this fault (nil: carry on after the delay). `error` builds
    /// the vendor's own error body for a status (429 gets the throttling body).
    func answer(error: (Int) -> SandboxResponse, malformed: Data) async -> SandboxResponse? {
        switch self {
        case .status(let code): return error(code)
        case .statusWithRetryAfter(let code, let seconds):
            var answer = error(code)
            answer.headers.append(("Retry-After", String(seconds)))
            return answer
        case .reset:
            var answer = error(500)
            answer.reset = true
            return answer
        case .delay(let ms):
            try? await Task.sleep(for: .milliseconds(ms))
            return nil
        case .answerLost:
            return nil  // the emulator processes the request and drops its answer
        case .malformedBody:
            return SandboxResponse(status: 200, headers: [("Content-Type", "application/json")], body: malformed)
        }
    }
}

/// The faults queued for one emulator. Each request takes the first queued fault whose path prefix
/// matches, so a test scripts exactly which calls fail, and how.
public actor FaultPlan {
    private var queue: [(pathPrefix: String, fault: Fault)] = []

    /// An empty plan: every request is answered normally.
    public init() {}

    /// The next `times` requests whose path starts with `pathPrefix` get `fault`.
    public func inject(_ fault: Fault, times: Int = 1, pathPrefix: String = "/") {
        for _ in 0..<times { queue.append((pathPrefix, fault)) }
    }

    /// Drops every fault not yet used.
    public func clear() { queue.removeAll() }

    /// Faults not yet used; 0 once a test's script has played out.
    public var pending: Int { queue.count }

    func next(for path: String) -> Fault? {
        guard let index = queue.firstIndex(where: { path.hasPrefix($0.pathPrefix) }) else { return nil }
        return queue.remove(at: index).fault
    }
}

/// Server-side enforcement of a vendor's rate limits: sliding windows of (limit, seconds).
/// Written independently of the client's limiter on purpose.
actor WindowCounter {
    private let windows: [(limit: Int, seconds: Double)]
    private var stamps: [Double] = []
    private(set) var rejected = 0

    init(_ windows: [(limit: Int, seconds: Double)]) {
        self.windows = windows
    }

    /// Records the request and says whether it is within every window.
    func admit(now: Double = ProcessInfo.processInfo.systemUptime) -> Bool {
        guard let longest = windows.map(\.seconds).max() else { return true }
        stamps.removeAll { $0 <= now - longest }
        for window in windows {
            let inWindow = stamps.reduce(0) { $0 + ($1 > now - window.seconds ? 1 : 0) }
            if inWindow >= window.limit {
                rejected += 1
                return false
            }
        }
        stamps.append(now)
        return true
    }
}
