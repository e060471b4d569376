import Foundation

/// A bearer token shared by every request of a client: fetched once, reused until `renewAt`,
/// and fetched only once when many requests need it at the same moment. A request that got a
/// 401/403 drops only the token it used (a concurrent request may already have renewed it).
public actor TokenCache {
    private var token: (value: String, renewAt: Date)?
    private var pending: Task<(value: String, renewAt: Date), Error>?

    /// Creates an empty cache; the first ``current(fetch:)`` fetches.
    public init() {}

    /// The cached token until its `renewAt`, else the one `fetch` returns (one fetch shared by
    /// concurrent callers); rethrows `fetch`'s error.
    public func current(fetch: @escaping @Sendable () async throws -> (value: String, renewAt: Date)) async throws -> String {
        if let token, token.renewAt > Date() { return token.value }
        if let pending { return try await pending.value.value }
        let request = Task { try await fetch() }
        pending = request
        defer { pending = nil }
        let fresh = try await request.value
        token = fresh
        return fresh.value
    }

    /// Drops the token `used` if it is still the cached one, so the next ``current(fetch:)`` fetches anew.
    public func invalidate(_ used: String) {
        if token?.value == used { token = nil }
    }

    /// A token the server handed back in a response header replaces ours, keeping its lifetime.
    public func adopt(_ value: String) {
        if let current = token, !value.isEmpty { token = (value, current.renewAt) }
    }
}
