import Foundation

/// One HTTP exchange, independent of the library that performs it.
public struct HTTPRequest: Sendable {
    /// The HTTP verb, upper case (`GET`, `PATCH`, …).
    public var method: String
    /// The absolute URL, query included.
    public var url: URL
    /// Name–value pairs in sending order: a list, since a name may repeat.
    public var headers: [(String, String)]
    /// The bytes to send; nil for none (a GET, a DELETE).
    public var body: Data?

    /// Creates a request from its parts.
    public init(method: String, url: URL, headers: [(String, String)] = [], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// The whole answer to an ``HTTPRequest``: status, headers and the collected body.
public struct HTTPResponse: Sendable {
    /// The HTTP status code, e.g. 429.
    public var status: Int
    /// Name–value pairs as received; look one up with ``header(_:)``.
    public var headers: [(String, String)]
    /// The full body; empty when the server sent none (a 204).
    public var body: Data

    /// Creates a response from its parts (in-memory transports and tests build them).
    public init(status: Int, headers: [(String, String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header of that name (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }
}

/// What the clients need from HTTP: send a request, get the whole response. Implemented by
/// `AsyncHTTPTransport` in production; tests may use in-memory transports.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the answer whatever its status; throws a ``TransportError`` when
    /// none came back within `timeout`.
    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse
}

/// Failures below HTTP: nothing came back.
public enum TransportError: Error, Equatable, LocalizedError {
    /// No answer within the timeout; carries the URL.
    case timedOut(String)
    /// No answer at all (refused, reset, unresolvable); carries the method and URL, and why in words.
    case connection(request: String, reason: String)
    /// The server's certificate failed verification; carries the host and why in words
    /// (expired, issued for another name, issued by an authority this machine does not trust).
    case untrustedCertificate(host: String, reason: String)

    /// One line for the user, naming the URL or host and the failure.
    public var errorDescription: String? {
        switch self {
        case .timedOut(let url): "no answer from \(url) in time"
        case .connection(let request, let reason): "\(request) failed: \(reason)"
        case .untrustedCertificate(let host, let reason): "the TLS certificate of \(host) is not trusted: \(reason)"
        }
    }

    /// Why, in a few words, for a retry announcement ("connection refused").
    public var reason: String {
        switch self {
        case .timedOut: "no answer in time"
        case .connection(_, let reason), .untrustedCertificate(_, let reason): reason
        }
    }

    /// Whether trying again may help: not for a certificate, which stays what it is.
    public var isRetryable: Bool {
        if case .untrustedCertificate = self { return false }
        return true
    }
}
