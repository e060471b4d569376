import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Turns what the network libraries throw into words a user can act on: no library type names,
/// no BoringSSL error stacks with build paths.
enum TransportFailure {
    /// What a failed TLS handshake means, or nil when `error` is no TLS failure.
    enum TLSProblem: Equatable {
        /// Certificate verification failed: why is found by looking at the certificates (``CertificateProbe``).
        case verificationFailed
        /// The certificate is valid but issued for other names.
        case wrongHostName
        /// Any other handshake failure, in words.
        case handshake(String)
    }

    static func tlsProblem(_ error: Error) -> TLSProblem? {
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname { return .wrongHostName }
        guard let ssl = error as? NIOSSLError else { return nil }
        guard case .handshakeFailed(let failure) = ssl else { return .handshake("TLS failed (\(ssl))") }
        let text = "\(failure)"
        if text.contains("CERTIFICATE_VERIFY_FAILED") { return .verificationFailed }
        if text.contains("WRONG_VERSION_NUMBER") || text.contains("HTTP_REQUEST") {
            return .handshake("the server does not speak TLS there (an http:// server on an https:// URL?)")
        }
        return .handshake("TLS handshake failed (\(reasonCodes(text)))")
    }

    /// `error:1000007d:SSL routines:OPENSSL_internal:SOME_REASON at /path/file.cc:393` → `some reason`.
    static func reasonCodes(_ stack: String) -> String {
        let codes = stack.components(separatedBy: "OPENSSL_internal:").dropFirst().compactMap { part in
            part.prefix { $0.isLetter || $0.isNumber || $0 == "_" }.lowercased().replacingOccurrences(of: "_", with: " ")
        }.filter { !$0.isEmpty }
        return codes.isEmpty ? "no reason given" : codes.joined(separator: ", ")
    }

    /// Why a connection failed, in a few words: `connection refused`, `host name not found`.
    static func words(_ error: Error) -> String {
        if let channel = error as? ChannelError, case .connectTimeout = channel { return "no connection within the connect timeout" }
        switch error {
        case let error as NIOConnectionError:
            if error.dnsAError != nil || error.dnsAAAAError != nil { return "host name \(error.host) not found" }
            return error.connectionErrors.first.map { words($0.error) } ?? "no address to connect to"
        case let error as IOError:
            return String(cString: strerror(error.errnoCode)).lowercased()
        case is SocketAddressError.UnknownHost:
            return "host name not found"
        case is NIOTooManyBytesError:
            return "the answer is larger than 64 MB"
        case let error as HTTPClientError:
            return words(error)
        default:
            // Balanced and on one line, whatever the library wrote.
            return balanced("\(error)".replacingOccurrences(of: "\n", with: " "))
        }
    }

    static func words(_ error: HTTPClientError) -> String {
        switch error {
        case .remoteConnectionClosed: "the server closed the connection"
        case .connectTimeout: "no connection within the connect timeout"
        case .tlsHandshakeTimeout: "the TLS handshake timed out"
        case .readTimeout, .deadlineExceeded: "no answer in time"
        case .bodyLengthMismatch: "the answer was cut short"
        default: balanced("\(error)")
        }
    }

    /// `text` with unmatched parentheses closed or dropped, so a message nests cleanly in another.
    static func balanced(_ text: String) -> String {
        var depth = 0
        var out = ""
        for character in text {
            if character == "(" { depth += 1 }
            if character == ")" {
                guard depth > 0 else { continue }
                depth -= 1
            }
            out.append(character)
        }
        return out + String(repeating: ")", count: depth)
    }
}
