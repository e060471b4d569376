import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A plain request as the emulators see it (their own type: nothing is shared with the clients).
public struct SandboxRequest: Sendable {
    /// The HTTP verb, upper case.
    public var method: String
    /// The path, without the query.
    public var path: String
    /// Query values by name, percent-decoded; a repeated name keeps every value, in order.
    public var query: [String: [String]]
    /// Header values by lower-cased name; of a repeated header the last value wins.
    public var headers: [String: String]
    /// The whole body (16 MB at most).
    public var body: Data

    /// The header of that name, in any case.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
    /// The first value of that query parameter.
    public func queryValue(_ name: String) -> String? { query[name]?.first }
}

/// An emulator's answer, which ``SandboxServer`` turns into the HTTP response.
public struct SandboxResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// Name–value pairs, in sending order.
    public var headers: [(String, String)]
    /// The body bytes; empty for a 204.
    public var body: Data
    /// Cut the connection mid-body instead of answering (the "reset" fault).
    public var reset = false

    /// Creates an answer from its parts.
    public init(status: Int, headers: [(String, String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON answer: `value` with sorted keys, `Content-Type: application/json`, then `headers`.
    public static func json(_ status: Int, _ value: SandboxJSON, headers: [(String, String)] = []) -> SandboxResponse {
        SandboxResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: value.data)
    }
}

/// What a ``SandboxServer`` runs for each request: an emulator's `handle(_:)`.
public typealias SandboxHandler = @Sendable (SandboxRequest) async -> SandboxResponse

/// One HTTP server on 127.0.0.1 (ephemeral port unless given), running a handler.
public final class SandboxServer: Sendable {
    /// The port bound on 127.0.0.1 (the free one chosen when started with 0).
    public let port: Int
    /// `http://127.0.0.1:<port>`, for a client's base URL.
    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }
    private let group: ServiceGroup
    private let task: Task<Void, Error>
    private let writes: WriteCounter

    /// How many requests that may change something (any verb but GET and HEAD, and not one of
    /// `savesNothing`) it has answered:
    /// `serve` saves its state file only when this moved.
    public var writesAnswered: Int { writes.count.load(ordering: .acquiring) }

    /// A counter the responder bumps before the server object exists.
    final class WriteCounter: Sendable {
        let count = Atomic<Int>(0)
    }

    /// Binds 127.0.0.1 on `port` (0: a free one), serves `handler`, and returns once the server listens.
    /// `savesNothing`: the requests (`"POST /v1/auth"`) that change nothing the state file keeps, so
    /// they are not counted in `writesAnswered`: a token lives in memory only, and a run's login
    /// made a 100,000-employee sandbox rewrite 100 MB while the run read from it.
    public static func start(port: Int = 0, savesNothing: Set<String> = [], handler: @escaping SandboxHandler) async throws -> SandboxServer {
        let writes = WriteCounter()
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: 16 * 1024 * 1024)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            var query: [String: [String]] = [:]
            for (key, value) in request.uri.queryParameters { query[String(key), default: []].append(String(value).removingPercentEncoding ?? String(value)) }
            let incoming = SandboxRequest(
                method: request.method.rawValue, path: request.uri.path, query: query, headers: headers, body: Data(body.readableBytesView))
            let answer = await handler(incoming)
            // Counted once answered, so a save that sees the new count also sees the change.
            if incoming.method != "GET" && incoming.method != "HEAD" && !savesNothing.contains("\(incoming.method) \(incoming.path)") {
                writes.count.add(1, ordering: .releasing)
            }
            return Self.response(answer)
        }
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "hrsync.sandbox")
        logger.logLevel = .critical
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let task = Task { try await group.run() }
        var bound = 0
        for await value in stream { bound = value; break }
        return SandboxServer(port: bound, group: group, task: task, writes: writes)
    }

    private init(port: Int, group: ServiceGroup, task: Task<Void, Error>, writes: WriteCounter) {
        self.port = port
        self.group = group
        self.task = task
        self.writes = writes
    }

    /// Shuts the server down gracefully and waits until it has stopped.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }

    static func response(_ answer: SandboxResponse) -> Response {
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
        }
        let status = HTTPResponse.Status(code: answer.status)
        if answer.reset {
            // Promise a body, send part of it, then fail: the client sees the connection drop.
            let partial = ByteBuffer(bytes: answer.body.prefix(max(1, answer.body.count / 2)))
            return Response(
                status: status, headers: fields,
                body: ResponseBody(contentLength: answer.body.count + 10) { writer in
                    try await writer.write(partial)
                    throw CancellationError()
                })
        }
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
