import Foundation
import HRSyncCore
import HRSyncHTTP
import HRSyncTestSupport
import Testing

@testable import HRSyncEngine

/// A company whose proxy inspects TLS: the clients trust its CA from `ca_file` or `SSL_CERT_FILE`,
/// against a local HTTPS server whose certificate a throw-away CA signed.
@Suite struct CATrustTests {
    let scratch: Scratch
    let ca: ThrowAwayCA

    init() throws {
        scratch = try Scratch(prefix: "hrsync-ca-")
        ca = try ThrowAwayCA()
        try Data(ca.caPEM.utf8).write(to: scratch.url.appendingPathComponent("proxy-ca.pem"))
    }

    var caPath: String { scratch.url.appendingPathComponent("proxy-ca.pem").path }

    /// A config in the scratch folder naming `ca_file` for Personio, as written.
    func config(personioCAFile: String?) throws -> HRSyncConfig {
        let line = personioCAFile.map { "\n  ca_file: \($0)" } ?? ""
        let yaml = "personio:\n  app_id: ACME\(line)\nlearning360:\n  admin_email: lms-admin@acme.example\n"
        return try ConfigLoader.load(yaml: yaml, file: scratch.url.appendingPathComponent("hrsync.yaml").path)
    }

    /// GET https://localhost:PORT/ through the executor the clients would give Personio.
    func get(_ clients: Clients, _ config: HRSyncConfig) async throws -> HTTPResponse {
        let server = try await TLSTestServer.start(ca)
        defer { Task { await server.stop() } }
        do {
            let executor = try clients.executor(caFile: config.personio.caFile, key: "personio.ca_file")
            let request = HTTPRequest(method: "GET", url: URL(string: "https://localhost:\(server.port)/")!)
            let response = try await executor.execute(request, limiter: nil, endpoint: "GET /")
            await clients.shutdown()
            await server.stop()
            return response
        } catch {
            await clients.shutdown()
            await server.stop()
            throw error
        }
    }

    @Test func aRelativeCAFileIsTheConfigFoldersAndMakesTheProxyTrusted() async throws {
        let config = try config(personioCAFile: "proxy-ca.pem")
        #expect(config.personio.caFile == caPath)
        #expect(config.learning360.caFile == nil)
        #expect(try await get(Clients(secrets: SecretReader(environment: [:])), config).status == 200)
    }

    @Test func sslCertFileMakesTheProxyTrusted() async throws {
        let clients = Clients(secrets: SecretReader(environment: ["SSL_CERT_FILE": caPath]))
        #expect(clients.caBundles(caFile: nil, key: "personio.ca_file") == [CABundle(path: caPath, source: "SSL_CERT_FILE")])
        #expect(try await get(clients, try config(personioCAFile: nil)).status == 200)
    }

    @Test func withoutEitherTheProxyIsNotTrusted() async throws {
        let error = await #expect(throws: TransportError.self) {
            try await get(Clients(secrets: SecretReader(environment: [:])), try config(personioCAFile: nil))
        }
        guard case .untrustedCertificate(let host, let reason) = error else {
            Issue.record("not a certificate error: \(String(describing: error))")
            return
        }
        #expect(host == "localhost")
        #expect(reason.hasPrefix("it is issued by a certificate authority this machine does not trust"))
    }

    @Test func aMissingCAFileStopsTheClientNamingTheFileAndTheKey() async throws {
        let config = try config(personioCAFile: "missing.pem")
        let clients = Clients(secrets: SecretReader(environment: [:]))
        let missing = scratch.url.appendingPathComponent("missing.pem").path
        #expect(throws: CABundleError(bundle: CABundle(path: missing, source: "personio.ca_file"), reason: "no such file")) {
            try clients.personio(config)
        }
        #expect(throws: Never.self) { try clients.learning360(config) }
        await clients.shutdown()
    }
}
