import Foundation
import NIOSSL

/// A PEM file of certificate authorities trusted besides the system's, for a company whose proxy
/// inspects TLS and signs with its own CA.
public struct CABundle: Sendable, Hashable {
    /// The file's path, as it is opened.
    public var path: String
    /// What named it, for messages: `personio.ca_file`, `SSL_CERT_FILE`.
    public var source: String

    /// A bundle at `path`, named by `source`.
    public init(path: String, source: String) {
        self.path = path
        self.source = source
    }

    /// A bundle is a few hundred kilobytes (the system's whole bundle is about 200 KB).
    static let maxBytes = 16 << 20

    /// The certificates in the file; throws ``CABundleError`` for a missing, unreadable or empty one.
    public func certificates() throws -> [NIOSSLCertificate] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw fail("no such file") }
        guard !isFolder.boolValue else { throw fail("it is a folder, not a PEM file") }
        guard FileManager.default.isReadableFile(atPath: path) else { throw fail("permission denied") }
        guard let data = FileManager.default.contents(atPath: path) else { throw fail("it cannot be read") }
        guard data.count <= Self.maxBytes else { throw fail("larger than 16 MiB; a CA bundle is far smaller") }
        guard let found = try? NIOSSLCertificate.fromPEMBytes(Array(data)), !found.isEmpty else {
            throw fail("it holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
        }
        return found
    }

    private func fail(_ reason: String) -> CABundleError {
        CABundleError(bundle: self, reason: reason)
    }
}

/// A CA bundle that cannot be used; the message names the file and what named it.
public struct CABundleError: Error, Equatable, LocalizedError {
    /// The bundle concerned.
    public var bundle: CABundle
    /// What is wrong, in words.
    public var reason: String

    /// `bundle` cannot be used because of `reason`.
    public init(bundle: CABundle, reason: String) {
        self.bundle = bundle
        self.reason = reason
    }

    /// `cannot use the CA file /etc/ssl/acme.pem (personio.ca_file): no such file`.
    public var errorDescription: String? {
        "cannot use the CA file \(bundle.path) (\(bundle.source)): \(reason)"
    }
}
