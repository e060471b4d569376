import Foundation

/// One HTTP exchange, independent of the library that performs it.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: URL
    public var headers: [(String, String)]
    public var body: Data?

    public init(method: String, url: URL, headers: [(String, String)] = [], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: Data

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
    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse
}

/// Failures below HTTP: nothing came back.
public enum TransportError: Error, Equatable, LocalizedError {
    case timedOut(String)
    case connection(String)

    public var errorDescription: String? {
        switch self {
        case .timedOut(let url): "no answer from \(url) in time"
        case .connection(let detail): "connection failed: \(detail)"
        }
    }
}
