import Foundation
import HRSyncTestSupport
import Testing

@testable import HRSyncHTTP

/// Against a local HTTPS server whose certificate a throw-away CA signed: what a user reads when
/// the certificate is not trusted, and that a CA bundle makes it trusted.
@Suite struct TLSTrustTests {
    func withServer(_ ca: ThrowAwayCA, _ body: (TLSTestServer) async throws -> Void) async throws {
        let server = try await TLSTestServer.start(ca)
        do {
            try await body(server)
            await server.stop()
        } catch {
            await server.stop()
            throw error
        }
    }

    func get(_ transport: AsyncHTTPTransport, _ url: String) async throws -> HTTPResponse {
        let request = HTTPRequest(method: "GET", url: URL(string: url)!)
        do {
            let response = try await transport.send(request, timeout: .seconds(10))
            await transport.shutdown()
            return response
        } catch {
            await transport.shutdown()
            throw error
        }
    }

    /// The error a transport throws for `url`, or nil when the request succeeded.
    func failure(_ transport: AsyncHTTPTransport, _ url: String) async -> TransportError? {
        do {
            _ = try await get(transport, url)
            return nil
        } catch {
            return error as? TransportError
        }
    }

    @Test func anUntrustedCertificateIsSaidInWordsNamingTheHost() async throws {
        try await withServer(try ThrowAwayCA()) { server in
            let error = try #require(await failure(AsyncHTTPTransport(), "https://localhost:\(server.port)/"))
            guard case .untrustedCertificate(let host, let reason) = error else {
                Issue.record("not a certificate error: \(error)")
                return
            }
            #expect(host == "localhost")
            #expect(reason == CertificateProbe.unknownIssuer)
            let message = try #require(error.errorDescription)
            #expect(message.hasPrefix("the TLS certificate of localhost is not trusted: it is issued by a certificate authority this machine does not trust"))
            // No BoringSSL stack, no build path.
            #expect(!message.contains("OPENSSL") && !message.contains(".cc") && !message.contains("NIOSSL"), "\(message)")
            #expect(!error.isRetryable)
        }
    }

    @Test func anExpiredCertificateSaysWhenItExpired() async throws {
        let lastWeek = Date().addingTimeInterval(-7 * 86400)
        let ca = try ThrowAwayCA(serverValidity: lastWeek.addingTimeInterval(-86400)...lastWeek)
        let caFile = try ca.writeCAFile()
        defer { try? FileManager.default.removeItem(atPath: caFile) }
        try await withServer(ca) { server in
            let transport = try AsyncHTTPTransport(caBundles: [CABundle(path: caFile, source: "test")])
            let error = try #require(await failure(transport, "https://localhost:\(server.port)/"))
            #expect(error == .untrustedCertificate(host: "localhost", reason: "it expired on \(CertificateProbe.day(time_t(lastWeek.timeIntervalSince1970)))"))
        }
    }

    @Test func aCertificateForAnotherNameSaysSo() async throws {
        let ca = try ThrowAwayCA()
        let caFile = try ca.writeCAFile()
        defer { try? FileManager.default.removeItem(atPath: caFile) }
        try await withServer(ca) { server in
            // The certificate names localhost only.
            let transport = try AsyncHTTPTransport(caBundles: [CABundle(path: caFile, source: "test")])
            let error = try #require(await failure(transport, "https://127.0.0.1:\(server.port)/"))
            #expect(error == .untrustedCertificate(host: "127.0.0.1", reason: "it is not issued for the name 127.0.0.1"))
        }
    }

    @Test func aCABundleMakesTheCertificateTrusted() async throws {
        let ca = try ThrowAwayCA()
        let caFile = try ca.writeCAFile()
        defer { try? FileManager.default.removeItem(atPath: caFile) }
        try await withServer(ca) { server in
            let transport = try AsyncHTTPTransport(caBundles: [CABundle(path: caFile, source: "personio.ca_file")])
            let response = try await get(transport, "https://localhost:\(server.port)/")
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == "ok")
        }
    }

    @Test func aCABundleThatCannotBeUsedIsOneLineNamingTheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hrsync-ca-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let notPEM = folder.appendingPathComponent("notes.txt").path
        try Data("not a certificate\n".utf8).write(to: URL(fileURLWithPath: notPEM))
        let cases: [(String, String)] = [
            (folder.appendingPathComponent("missing.pem").path, "no such file"),
            (folder.path, "it is a folder, not a PEM file"),
            (notPEM, "it holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
        ]
        for (path, reason) in cases {
            let bundle = CABundle(path: path, source: "learning360.ca_file")
            #expect(throws: CABundleError(bundle: bundle, reason: reason)) { try AsyncHTTPTransport(caBundles: [bundle]) }
            let message = CABundleError(bundle: bundle, reason: reason).localizedDescription
            #expect(message == "cannot use the CA file \(path) (learning360.ca_file): \(reason)")
            #expect(!message.contains("\n"))
        }
    }

    /// What the libraries write is reduced to words, and a message that nests in another is balanced
    /// (the old refused-connection error ended "Connection refused) (errno: 111)").
    @Test func libraryTextBecomesBalancedWords() {
        #expect(TransportFailure.reasonCodes("error:100000f7:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER at /x/y.cc:1") == "wrong version number")
        let old = "connection reset (error set): Connection refused) (errno: 111)"
        #expect(TransportFailure.balanced(old) == "connection reset (error set): Connection refused (errno: 111)")
        #expect(TransportFailure.balanced("a (b (c)") == "a (b (c))")
    }
}
