import Foundation
import Testing

/// Runs the built `hrsync` binary, as an admin or cron would.
struct BinaryRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary next to the test bundle (same build folder as `swift test` used).
    static var executable: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [beside, beside.deletingLastPathComponent(), packageRoot.appendingPathComponent(".build/debug")] {
            let candidate = folder.appendingPathComponent("hrsync")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return packageRoot.appendingPathComponent(".build/debug/hrsync")
    }

    var directory: URL
    var environment: [String: String] = [:]
    /// The program run: `hrsync` unless a test of the runner itself says otherwise.
    var program: URL = BinaryRunner.executable

    func start(_ arguments: [String]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    func finish(_ started: (Process, Pipe, Pipe)) -> Result {
        let (process, out, err) = started
        // Both pipes are drained at once: a child that fills stderr's pipe while stdout is being
        // read would otherwise block forever on its write (and the test with it).
        let errorBox = ErrorOutput()
        let reader = Thread { errorBox.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = errorBox.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    func run(_ arguments: String...) throws -> Result {
        finish(try start(arguments))
    }

    /// Waits on a thread of its own, so an in-process sandbox keeps the concurrency pool to itself.
    func run(_ arguments: String...) async throws -> Result {
        try await run(arguments)
    }

    func run(_ arguments: [String]) async throws -> Result {
        let started = try start(arguments)
        return await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: finish(started)) }.start()
        }
    }
}

/// A scratch folder for one test, removed afterwards.
final class Scratch {
    let url: URL
    init() throws {
        url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("hrsync-cli-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// stderr as read on its own thread, handed over once it is at its end.
private final class ErrorOutput: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    func set(_ data: Data) {
        self.data = data
        done.signal()
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

@Suite struct BinaryRunnerTests {
    /// A child that writes more to stderr than a pipe holds before it writes stdout finishes.
    @Test func aChildThatFillsStderrFirstDoesNotHangTheRunner() throws {
        let scratch = try Scratch()
        var runner = BinaryRunner(directory: scratch.url)
        runner.program = URL(fileURLWithPath: "/bin/sh")
        let result = try runner.run("-c", "head -c 300000 /dev/zero | tr '\\0' x >&2; echo ok")
        #expect(result.status == 0 && result.stdout == "ok\n" && result.stderr.count == 300_000)
    }
}
