import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// The production transport, on AsyncHTTPClient (keep-alive connection pool, TLS).
public final class AsyncHTTPTransport: HTTPTransport {
    private let client: HTTPClient
    /// The largest response body accepted (a page of 100 employees is well under 1 MB).
    private let maxBodyBytes = 64 * 1024 * 1024

    /// Sets up the connection pool: up to 16 connections per host, redirects refused, a connect
    /// given 5 s and a read 60 s, certificates checked against the system's authorities.
    public convenience init() {
        // No bundle to read: nothing can throw.
        try! self.init(caBundles: [])
    }

    /// As `init()`, trusting the authorities in `caBundles` too (a proxy that inspects TLS).
    /// Throws ``CABundleError`` for a bundle that is missing, unreadable or holds no certificate.
    public init(caBundles: [CABundle]) throws {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 16
        // A failed connect fails the request at once (AsyncHTTPClient would retry it silently until
        // the request's deadline): the executor retries it and says so.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.redirectConfiguration = .disallow
        // Fail a refused or unreachable connection in seconds; the executor decides about retrying.
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(60))
        if !caBundles.isEmpty {
            var tls = TLSConfiguration.makeClientConfiguration()
            // Added to the system's authorities, not instead: hosts the proxy leaves alone still verify.
            tls.additionalTrustRoots = [.certificates(try caBundles.flatMap { try $0.certificates() })]
            configuration.tlsConfiguration = tls
        }
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Sends `request` and collects the whole body (64 MB at most). Throws `TransportError.timedOut`
    /// when `timeout` passes, `.untrustedCertificate` when the server's certificate fails verification
    /// and `.connection` for any other failure to get an answer.
    public func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let seconds = Int64((Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18) * 1000)
        do {
            let response = try await client.execute(outgoing, timeout: .milliseconds(seconds))
            let body = try await response.body.collect(upTo: maxBodyBytes)
            return HTTPResponse(
                status: Int(response.status.code),
                headers: response.headers.map { ($0.name, $0.value) },
                body: Data(body.readableBytesView))
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            throw TransportError.timedOut(request.url.absoluteString)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw await Self.transportError(error, request: request)
        }
    }

    static func transportError(_ error: Error, request: HTTPRequest) async -> TransportError {
        let host = request.url.host ?? request.url.absoluteString
        switch TransportFailure.tlsProblem(error) {
        case .verificationFailed:
            let port = request.url.port ?? (request.url.scheme == "http" ? 80 : 443)
            return .untrustedCertificate(host: host, reason: await CertificateProbe.reason(host: host, port: port))
        case .wrongHostName:
            return .untrustedCertificate(host: host, reason: "it is not issued for the name \(host)")
        case .handshake(let words):
            return .connection(request: "\(request.method) \(request.url.absoluteString)", reason: words)
        case nil:
            return .connection(request: "\(request.method) \(request.url.absoluteString)", reason: TransportFailure.words(error))
        }
    }

    /// Closes the connection pool; call it once the client is done (`deinit` only catches a forgotten one).
    public func shutdown() async {
        try? await client.shutdown()
    }

    deinit {
        // Clients are shut down explicitly; this only catches a forgotten one in tests.
        try? client.syncShutdown()
    }
}
