import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import X509

/// A certificate authority made for one test and thrown away, and a server certificate for
/// `localhost` it signed: what a company proxy that inspects TLS looks like to a client.
public struct ThrowAwayCA: Sendable {
    /// The CA's certificate, PEM: what a `ca_file` or `SSL_CERT_FILE` would hold.
    public let caPEM: String
    /// The server's certificate (for `localhost` only), PEM.
    public let serverPEM: String
    /// The server's private key, PEM.
    public let serverKeyPEM: String

    /// `serverValidity`: the server certificate's dates (default: an hour either side of now).
    public init(serverValidity: ClosedRange<Date>? = nil) throws {
        let now = Date()
        let caKey = P256.Signing.PrivateKey()
        let caName = try DistinguishedName { CommonName("hrsync throw-away test CA") }
        let ca = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(caKey.publicKey),
            notValidBefore: now - 3600, notValidAfter: now + 3600, issuer: caName, subject: caName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true))
            },
            issuerPrivateKey: .init(caKey))
        let serverKey = P256.Signing.PrivateKey()
        let validity = serverValidity ?? (now - 3600)...(now + 3600)
        let server = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(serverKey.publicKey),
            notValidBefore: validity.lowerBound, notValidAfter: validity.upperBound, issuer: caName,
            subject: try DistinguishedName { CommonName("localhost") },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                SubjectAlternativeNames([.dnsName("localhost")])
                try ExtendedKeyUsage([.serverAuth])
            },
            issuerPrivateKey: .init(caKey))
        caPEM = try ca.serializeAsPEM().pemString
        serverPEM = try server.serializeAsPEM().pemString
        serverKeyPEM = serverKey.pemRepresentation
    }

    /// Writes the CA certificate to a new file under the temporary folder and returns its path.
    public func writeCAFile() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hrsync-ca-\(UUID().uuidString).pem").path
        try Data(caPEM.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// An HTTPS server on 127.0.0.1 that answers every request `200 ok`, with a ``ThrowAwayCA``'s
/// server certificate. Stop it with ``stop()``.
public final class TLSTestServer: Sendable {
    private let channel: any Channel
    /// The port it listens on (chosen by the system).
    public let port: Int

    private init(channel: any Channel, port: Int) {
        self.channel = channel
        self.port = port
    }

    /// Listens on 127.0.0.1 at a free port with `ca`'s server certificate.
    public static func start(_ ca: ThrowAwayCA) async throws -> TLSTestServer {
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(ca.serverPEM.utf8), format: .pem))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(ca.serverKeyPEM.utf8), format: .pem)))
        let context = try NIOSSLContext(configuration: configuration)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(OKHandler())
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return TLSTestServer(channel: channel, port: channel.localAddress?.port ?? 0)
    }

    /// Closes the listening socket.
    public func stop() async {
        try? await channel.close()
    }

    /// Answers `200 ok` once a request has arrived whole.
    final class OKHandler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard case .end = unwrapInboundIn(data) else { return }
            let head = HTTPResponseHead(version: .http1_1, status: .ok, headers: ["Content-Length": "2"])
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: "ok")))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
