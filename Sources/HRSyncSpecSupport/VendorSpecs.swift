import Foundation

/// Where the vendors' own OpenAPI files and payload examples are: `HRSYNC_VENDOR_SPECS`, or
/// `../shared/ref` beside the package. A user's clone has neither, so the tests that read them
/// are skipped with `skipReason` instead of failing; CI has the folder and runs them.
public enum VendorSpecs {
    /// The package root, from this file's place in it (Sources/HRSyncSpecSupport/…).
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The configured folder (relative paths are taken from the package root).
    public static var directory: URL {
        let configured = ProcessInfo.processInfo.environment["HRSYNC_VENDOR_SPECS"].flatMap { $0.isEmpty ? nil : $0 } ?? "../shared/ref"
        return URL(fileURLWithPath: configured, relativeTo: packageRoot).standardizedFileURL
    }

    /// The folder when it holds the files the conformance tests read, else nil.
    public static var available: URL? {
        let required = ["personio/personio-personnel-data-api-oa3.yaml", "360learning/360learning-core-api.json"]
        let folder = directory
        return required.allSatisfy { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) } ? folder : nil
    }

    /// The message a skipped test gives: where the files were looked for, and the variable that points elsewhere.
    public static var skipReason: String {
        "vendor OpenAPI files not found at \(directory.path); set HRSYNC_VENDOR_SPECS to the folder holding personio/ and 360learning/"
    }

    /// A file under the folder (call only when `available` is non-nil).
    public static func file(_ relativePath: String) -> URL { directory.appendingPathComponent(relativePath) }

    /// This project's own fixtures, under Tests/Fixtures.
    public static func fixture(_ relativePath: String) -> URL {
        packageRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relativePath)
    }
}
