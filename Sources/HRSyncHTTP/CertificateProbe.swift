import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Finds out why a server's certificate failed verification. BoringSSL's error says only
/// "CERTIFICATE_VERIFY_FAILED", so a second handshake collects the chain the server presents
/// (verifying nothing, sending nothing) and looks at its dates.
enum CertificateProbe {
    /// Why `host:port`'s certificate is not trusted, in words, after a failed verification.
    static func reason(host: String, port: Int, now: Date = Date()) async -> String {
        let chain = await presentedChain(host: host, port: port)
        return reason(chain: chain, now: now)
    }

    static let unknownIssuer =
        "it is issued by a certificate authority this machine does not trust (self-signed, or a proxy that inspects TLS: give its CA as ca_file in the config or SSL_CERT_FILE)"

    /// Expired or not yet valid when the dates say so; otherwise an issuer nobody here trusts.
    static func reason(chain: [NIOSSLCertificate], now: Date) -> String {
        let seconds = time_t(now.timeIntervalSince1970)
        for (index, certificate) in chain.enumerated() {
            let whose = index == 0 ? "it" : "a certificate of its chain"
            if certificate.notValidAfter < seconds { return "\(whose) expired on \(day(certificate.notValidAfter))" }
            if certificate.notValidBefore > seconds { return "\(whose) is not valid before \(day(certificate.notValidBefore))" }
        }
        return unknownIssuer
    }

    static func day(_ seconds: time_t) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// The certificates `host:port` presents; empty when none could be had within 5 s.
    static func presentedChain(host: String, port: Int) async -> [NIOSSLCertificate] {
        let seen = Seen()
        do {
            let context = try NIOSSLContext(configuration: .makeClientConfiguration())
            // SNI takes a name, never an address.
            let serverName = (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(5))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let handler = try NIOSSLClientHandler(
                            context: context, serverHostname: serverName,
                            customVerificationCallback: { chain, verdict in
                                seen.chain = chain
                                verdict.succeed(.failed)  // collected: end the handshake here
                            })
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                }
                .connect(host: host, port: port).get()
            channel.eventLoop.scheduleTask(in: .seconds(5)) { channel.close(promise: nil) }
            try? await channel.closeFuture.get()
        } catch {
            return seen.chain
        }
        return seen.chain
    }

    /// The chain, written on the event loop and read after the channel closed.
    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [NIOSSLCertificate] = []
        var chain: [NIOSSLCertificate] {
            get { lock.withLock { stored } }
            set { lock.withLock { stored = newValue } }
        }
    }
}
