import Foundation
import HRSyncTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What `hrsync` says when the network fails it, run as a user runs it: a closed port (retries
/// announced, one clean error) and a TLS endpoint whose certificate a throw-away CA signed.
@Suite struct NetworkFailureTests {
    /// A loopback port that refuses connections for as long as this lives: bound but never
    /// listening, so the kernel answers a connect with a reset, and held bound, so no server
    /// another test starts meanwhile can be given the same port (a port closed again could be).
    final class RefusingPort {
        let port: Int
        private let socket: Int32

        init() throws {
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
                }
            }
            guard socket >= 0, bound else {
                close(socket)
                throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "no free loopback port"])
            }
            self.socket = socket
            port = Int(UInt16(bigEndian: address.sin_port))
        }

        deinit { close(socket) }
    }

    /// A runner in a fresh folder whose config points 360Learning at `baseURL` (Personio is not read).
    func runner(learning360 baseURL: String, caFile: String? = nil) async throws -> BinaryRunner {
        let scratch = try Scratch()
        var runner = BinaryRunner(in: scratch)
        let config = """
            personio:
              base_url: http://127.0.0.1:9
            learning360:
              base_url: \(baseURL)
              admin_email: lms-admin@acme.example\(caFile.map { "\n  ca_file: \($0)" } ?? "")
            """
        try Data(config.utf8).write(to: scratch.url.appendingPathComponent("hrsync.yaml"))
        chmod(scratch.url.appendingPathComponent("hrsync.yaml").path, 0o600)
        runner.environment = ["PERSONIO_CLIENT_ID": "a", "PERSONIO_CLIENT_SECRET": "b", "L360_CLIENT_ID": "c", "L360_CLIENT_SECRET": "d"]
        runner.removed = ["SSL_CERT_FILE"]
        let initialized = try await runner.run("init")
        try #require(initialized.status == 0, "\(initialized.stderr)")
        return runner
    }

    static func balanced(_ text: String) -> Bool {
        var depth = 0
        for character in text {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if depth < 0 { return false }
        }
        return depth == 0
    }

    /// The token request is refused five times: one line says so at the first retry, the error is one balanced line.
    @Test func aRefusedConnectionIsAnnouncedOnceAndEndsInOneBalancedLine() async throws {
        let refusing = try RefusingPort()
        defer { withExtendedLifetime(refusing) {} }
        let runner = try await runner(learning360: "http://127.0.0.1:\(refusing.port)")
        let pull = try await runner.run("pull", "--only", "360learning")
        #expect(pull.status == 1)
        let lines = pull.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(pull.stderr)")
        #expect(
            lines.first?.range(
                of: #"^retrying \(2/5\) after connection refused on POST /api/v2/oauth2/token, in \d+\.\d s \(-v shows every retry\)$"#,
                options: .regularExpression) != nil, "\(pull.stderr)")
        let error = try #require(lines.last)
        #expect(error.hasPrefix("hrsync: error: 360Learning could not be reached on POST /api/v2/oauth2/token"), "\(error)")
        #expect(error.hasSuffix(": connection refused"), "\(error)")
        #expect(Self.balanced(error), "\(error)")
    }

    @Test func quietSaysOnlyTheError() async throws {
        let refusing = try RefusingPort()
        defer { withExtendedLifetime(refusing) {} }
        let runner = try await runner(learning360: "http://127.0.0.1:\(refusing.port)")
        let pull = try await runner.run("pull", "--only", "360learning", "-q")
        #expect(pull.status == 1)
        #expect(pull.stdout.isEmpty)
        #expect(!pull.stderr.contains("retrying"), "\(pull.stderr)")
        #expect(pull.stderr.split(separator: "\n").count == 1, "\(pull.stderr)")
    }

    /// Untrusted, then trusted through `ca_file` and through SSL_CERT_FILE: the server answers 200
    /// without a token, so a trusted run fails after TLS, on the answer.
    @Test func aProxyCAIsTrustedFromCAFileOrSSLCertFile() async throws {
        let ca = try ThrowAwayCA()
        let caFile = try ca.writeCAFile()
        defer { try? FileManager.default.removeItem(atPath: caFile) }
        let server = try await TLSTestServer.start(ca)
        do {
            let url = "https://localhost:\(server.port)"
            let untrusted = try await runner(learning360: url).run("pull", "--only", "360learning")
            #expect(untrusted.status == 1)
            #expect(
                untrusted.stderr.hasPrefix(
                    "hrsync: error: 360Learning could not be reached on POST /api/v2/oauth2/token: the TLS certificate of localhost is not trusted: it is issued by a certificate authority this machine does not trust"
                ), "\(untrusted.stderr)")
            #expect(!untrusted.stderr.contains("retrying") && !untrusted.stderr.contains("OPENSSL"), "\(untrusted.stderr)")

            let pastTLS = "360Learning's answer on POST /api/v2/oauth2/token could not be read: no access_token"
            let withCAFile = try await runner(learning360: url, caFile: caFile).run("pull", "--only", "360learning")
            #expect(withCAFile.stderr.contains(pastTLS), "\(withCAFile.stderr)")

            var withEnvironment = try await runner(learning360: url)
            withEnvironment.environment["SSL_CERT_FILE"] = caFile
            withEnvironment.removed = []
            let viaEnvironment = try await withEnvironment.run("pull", "--only", "360learning")
            #expect(viaEnvironment.stderr.contains(pastTLS), "\(viaEnvironment.stderr)")

            let missing = try await runner(learning360: url, caFile: "nowhere.pem").run("pull", "--only", "360learning")
            #expect(missing.stderr.hasSuffix("nowhere.pem (learning360.ca_file): no such file\n"), "\(missing.stderr)")
            #expect(missing.stderr.split(separator: "\n").count == 1, "\(missing.stderr)")
            await server.stop()
        } catch {
            await server.stop()
            throw error
        }
    }
}
