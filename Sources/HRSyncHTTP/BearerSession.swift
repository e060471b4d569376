import Foundation

/// The bearer-token loop both vendor clients share: take the cached token (fetched once, however
/// many requests need it at the same moment), send, and on an answer that says the token is no
/// longer good (`renewOn`), drop only that token, fetch a new one and send once more.
public struct BearerSession: Sendable {
    /// A bearer token and the moment to fetch the next one (see ``renewAt(lifetime:floor:)``).
    public typealias Token = (value: String, renewAt: Date)

    private let tokens = TokenCache()
    let renewOn: Set<Int>
    let fetch: @Sendable () async throws -> Token

    /// `renewOn` lists the statuses that mean the token was refused (360Learning: 401; Personio: 401
    /// and 403); `fetch` trades the credentials for a new token.
    public init(renewOn: Set<Int>, fetch: @escaping @Sendable () async throws -> Token) {
        self.renewOn = renewOn
        self.fetch = fetch
    }

    /// The cached token, or a fresh one.
    public func token() async throws -> String {
        try await tokens.current(fetch: fetch)
    }

    /// `request(bearer)` sent by `send`; the answer of the second try when the first one's token was refused.
    public func send(_ request: @Sendable (String) -> HTTPRequest, _ send: @Sendable (HTTPRequest) async throws -> HTTPResponse) async throws -> HTTPResponse {
        var renewed = false
        while true {
            let bearer = try await token()
            let response = try await send(request(bearer))
            if renewOn.contains(response.status) && !renewed {
                await tokens.invalidate(bearer)
                renewed = true
                continue
            }
            return response
        }
    }

    /// The POST that trades client credentials for a token: a JSON body, the vendor's own headers.
    public static func tokenRequest(_ url: URL, fields: [String: String], headers: [(String, String)]) throws -> HTTPRequest {
        HTTPRequest(
            method: "POST", url: url, headers: [("Content-Type", "application/json"), ("Accept", "application/json")] + headers,
            body: try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]))
    }

    /// When to renew a token that lives `lifetime` seconds: a minute early, so a long run never
    /// meets the expiry, but never sooner than `floor` seconds from now.
    public static func renewAt(lifetime: Double, floor: Double = 30) -> Date {
        Date().addingTimeInterval(max(floor, lifetime - 60))
    }

    /// A token the server handed back in a response header replaces ours, keeping its lifetime.
    public func adopt(_ value: String) async {
        await tokens.adopt(value)
    }
}

/// A client that authenticates through a `BearerSession`.
public protocol BearerAuthenticated: Sendable {
    /// The token loop every request of this client goes through.
    var session: BearerSession { get }
}

extension BearerAuthenticated {
    /// Makes sure a token is at hand (checks the credentials early, e.g. before a long run).
    public func authenticate() async throws {
        _ = try await currentToken()
    }

    /// The cached token, or a fresh one; concurrent callers share one token request.
    public func currentToken() async throws -> String {
        try await session.token()
    }
}
