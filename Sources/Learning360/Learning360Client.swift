import Foundation
import HRSyncHTTP

/// The client of 360Learning's API v2.
/// - Auth: `POST /api/v2/oauth2/token` (client credentials, JSON); the bearer token is cached and
///   renewed 60 s before its expiry (3600 s), and once on a 401. `360-api-version: v2.0` on every call.
/// - Paging: follows `Link: <…>; rel="next"` (relative URLs resolved; a page seen twice stops it).
/// - Pacing: one limiter for reads (50/s) and one for writes (10/s), shared by every caller.
public actor Learning360Client: BearerAuthenticated {
    /// Reads the client id and secret when the client first authenticates, never earlier; throws when
    /// a secret cannot be read.
    public typealias CredentialSource = @Sendable () throws -> (clientID: String, clientSecret: String)

    /// The platform's host, which depends on its region: `https://app.360learning.com` (EU) or
    /// `https://app.us.360learning.com` (US); `/api/v2/…` paths are appended.
    public nonisolated let baseURL: URL
    let executor: RequestExecutor
    let credentials: CredentialSource
    /// Paces every GET: 360Learning's 50/s per company, spaced at least 20 ms apart.
    public let readLimiter: RateLimiter
    /// Paces every write (POST, PATCH, PUT, DELETE) and the token request: 360Learning's 10/s per
    /// company, spaced at least 100 ms apart.
    public let writeLimiter: RateLimiter
    /// Requests this client sent, by endpoint and status, for reports and benchmarks.
    public nonisolated let counter: RequestExecutor.Counter
    /// The OAuth2 client-credentials token (3600 s), renewed a minute before expiry and once on a 401.
    public nonisolated let session: BearerSession

    /// `rateLimitScale` > 1 speeds both limiters up, for tests against the sandbox. The vendor's limits
    /// hold per company, shared by all its credentials, so production keeps 1.
    public init(baseURL: URL, executor: RequestExecutor, credentials: @escaping CredentialSource, rateLimitScale: Double = 1) {
        self.baseURL = baseURL
        self.executor = executor
        self.credentials = credentials
        // Evenly spaced as well as capped per second: with many requests in flight, a burst's
        // arrival jitter could otherwise put one request too many into the server's window.
        // The vendor windows count each request until its answer (see RateLimiter), which holds
        // whatever the jitter; the 5 % margin (running at about 95 % of the limit) covers the
        // server's own clock and window edges.
        readLimiter = RateLimiter(
            [
                .init(limit: 50, seconds: 1 / rateLimitScale),
                .init(limit: 1, seconds: 0.02 / rateLimitScale, countsUntilAnswered: false)
            ], margin: 0.05)
        let writeLimiter = RateLimiter(
            [
                .init(limit: 10, seconds: 1 / rateLimitScale),
                .init(limit: 1, seconds: 0.1 / rateLimitScale, countsUntilAnswered: false)
            ], margin: 0.05)
        self.writeLimiter = writeLimiter
        let counter = RequestExecutor.Counter()
        self.counter = counter
        session = BearerSession(renewOn: [401]) {
            try await Self.requestToken(baseURL: baseURL, credentials: credentials, executor: executor, limiter: writeLimiter, counter: counter)
        }
    }

    // MARK: - Requests

    struct Answer {
        var status: Int
        var body: Data
        var headers: HTTPResponse
    }

    /// One call with auth, pacing and retries; the answer whatever its status.
    func call(
        _ method: String, _ url: URL, body: Data? = nil, endpoint: String,
        isFinal: (@Sendable (HTTPResponse) -> Bool)? = nil
    ) async throws -> HTTPResponse {
        let limiter = method == "GET" ? readLimiter : writeLimiter
        return try await session.send(
            { bearer in
                var headers = [("Authorization", "Bearer \(bearer)"), ("360-api-version", "v2.0"), ("Accept", "application/json")]
                if body != nil { headers.append(("Content-Type", "application/json")) }
                return HTTPRequest(method: method, url: url, headers: headers, body: body)
            },
            { request in
                do {
                    return try await self.executor.execute(request, limiter: limiter, endpoint: endpoint, counter: self.counter, isFinal: isFinal)
                } catch let error as TransportError {
                    throw Learning360Error.unreachable(endpoint: endpoint, reason: error.localizedDescription)
                }
            })
    }

    func url(_ path: String, query: [(String, String)] = []) -> URL {
        var text = baseURL.absoluteString + path
        if !query.isEmpty {
            text += "?" + query.map { "\(PercentEncoding.component($0.0))=\(PercentEncoding.component($0.1))" }.joined(separator: "&")
        }
        return URL(string: text)!
    }

    func failure(_ response: HTTPResponse, _ endpoint: String) -> Learning360Error {
        let (code, message) = Learning360Error.parse(response.body)
        return .api(status: response.status, code: code, message: message, endpoint: endpoint)
    }

    /// Decodes a 2xx answer or throws the vendor's error.
    func expect<T: Decodable>(_ type: T.Type, _ response: HTTPResponse, _ endpoint: String, status: Set<Int> = [200]) throws -> T {
        guard status.contains(response.status) else { throw failure(response, endpoint) }
        do { return try JSONDecoder().decode(T.self, from: response.body) } catch {
            throw Learning360Error.unreadableResponse(endpoint: endpoint, reason: Self.describe(error))
        }
    }

    /// Where and why an answer did not decode, in a few words ("item 3: no _id"), never its values.
    static func describe(_ error: Error) -> String {
        func place(_ path: [CodingKey]) -> String {
            let text = path.map { $0.intValue.map { "item \($0)" } ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? "" : "\(text): "
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context): return "\(place(context.codingPath))no \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\(place(context.codingPath))unexpected type"
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not JSON" : "\(place(context.codingPath))unreadable value"
        default: return "unexpected shape"
        }
    }

    /// Every page of a list, following `Link` headers.
    func all<T: Decodable>(_ type: T.Type, _ path: String, query: [(String, String)] = []) async throws -> [T] {
        let endpoint = "GET \(path)"
        var next: URL? = url(path, query: query)
        var seen = Set<String>()
        var items: [T] = []
        while let page = next {
            guard seen.insert(page.absoluteString).inserted else { throw Learning360Error.pagingLoop(endpoint: endpoint) }
            let response = try await call("GET", page, endpoint: endpoint)
            items += try expect([T].self, response, endpoint)
            next = LinkHeader.next(response.header("Link"), relativeTo: page)
        }
        return items
    }

    func json<T: Encodable>(_ value: T) throws -> Data {
        try JSONEncoder().encode(value)
    }

    // MARK: - Auth

    private static func requestToken(
        baseURL: URL, credentials: CredentialSource, executor: RequestExecutor, limiter: RateLimiter,
        counter: RequestExecutor.Counter
    ) async throws -> BearerSession.Token {
        let (id, secret) = try credentials()
        let endpoint = "POST /api/v2/oauth2/token"
        let request = try BearerSession.tokenRequest(
            URL(string: baseURL.absoluteString + "/api/v2/oauth2/token")!,
            fields: ["grant_type": "client_credentials", "client_id": id, "client_secret": secret],
            headers: [("360-api-version", "v2.0")])
        let response: HTTPResponse
        do {
            response = try await executor.execute(request, limiter: limiter, endpoint: endpoint, counter: counter)
        } catch let error as TransportError {
            throw Learning360Error.unreachable(endpoint: endpoint, reason: error.localizedDescription)
        }
        guard response.status == 200 else {
            throw Learning360Error.authenticationFailed(status: response.status, code: Learning360Error.parse(response.body).code)
        }
        guard let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any],
            let value = object["access_token"] as? String, !value.isEmpty
        else {
            throw Learning360Error.unreadableResponse(endpoint: endpoint, reason: "no access_token")
        }
        // expires_in is a number in the schema and a string in the docs' example: read either.
        let lifetime = (object["expires_in"] as? NSNumber)?.doubleValue ?? Double(object["expires_in"] as? String ?? "") ?? 3600
        return (value, BearerSession.renewAt(lifetime: lifetime))
    }
}
