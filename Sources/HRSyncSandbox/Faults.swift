import Foundation

/// Faults a test or the demo injects into the emulated APIs, consumed in order.
public enum Fault: Sendable, Equatable {
    case status(Int)             // e.g. 429, 500, 503
    case statusWithRetryAfter(Int, seconds: Int)
    case reset                   // the connection drops mid-answer
    case delay(milliseconds: Int)
    case malformedBody           // a 200 whose body is not JSON
}

public actor FaultPlan {
    private var queue: [(pathPrefix: String, fault: Fault)] = []

    public init() {}

    /// The next `times` requests whose path starts with `pathPrefix` get `fault`.
    public func inject(_ fault: Fault, times: Int = 1, pathPrefix: String = "/") {
        for _ in 0..<times { queue.append((pathPrefix, fault)) }
    }

    public func clear() { queue.removeAll() }

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
