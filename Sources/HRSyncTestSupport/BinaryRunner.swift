import Foundation

/// Runs the built `hrsync` binary, as an admin or cron would. (Here rather than in a test target:
/// every end-to-end suite needs it; `Process` is plain Foundation on Linux and macOS.)
public struct BinaryRunner: Sendable {
    /// What a run left: its exit status and its whole output.
    public struct Result: Sendable {
        /// The exit status (Man/hrsync.1, EXIT STATUS).
        public var status: Int32
        /// Standard output, decoded as UTF-8.
        public var stdout: String
        /// Standard error, decoded as UTF-8.
        public var stderr: String
    }

    /// The package's folder (this file is Sources/HRSyncTestSupport/BinaryRunner.swift).
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary next to the test bundle (same build folder as `swift test` used).
    public static var executable: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [beside, beside.deletingLastPathComponent(), packageRoot.appendingPathComponent(".build/debug")] {
            let candidate = folder.appendingPathComponent("hrsync")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return packageRoot.appendingPathComponent(".build/debug/hrsync")
    }

    /// Where the binary runs (its working directory).
    public var directory: URL
    /// Variables each run gets on top of the test process's own (these win).
    public var environment: [String: String] = [:]
    /// Variables taken out of the inherited environment (a credential a test wants missing).
    public var removed: Set<String> = []
    /// The program run: `hrsync` unless a test of the runner itself says otherwise.
    public var program: URL = BinaryRunner.executable
    /// What the program reads on stdin (a pipe, never a terminal); nil inherits the test's stdin.
    public var input: Data?
    /// The scratch folder `directory` is in, held so that it outlives every run of this runner.
    let scratch: Scratch?

    /// A runner in `directory`, which the caller keeps alive.
    public init(directory: URL) {
        self.directory = directory
        scratch = nil
    }

    /// A runner in a scratch folder, which lives (and is not removed) while the runner does.
    public init(in scratch: Scratch) {
        directory = scratch.url
        self.scratch = scratch
    }

    /// Starts the program; `finish` waits for it.
    public func start(_ arguments: [String]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        for name in removed { env[name] = nil }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = input.map { _ in Pipe() }
        if let stdin { process.standardInput = stdin }
        try process.run()
        if let stdin, let input {
            // Small inputs only: written whole before the program reads, then closed (EOF).
            stdin.fileHandleForWriting.write(input)
            try stdin.fileHandleForWriting.close()
        }
        return (process, out, err)
    }

    /// Waits for a started program, draining both pipes at once, and returns its status and output.
    public func finish(_ started: (Process, Pipe, Pipe)) -> Result {
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

    /// Runs the program to its end, blocking the calling thread.
    public func run(_ arguments: String...) throws -> Result {
        finish(try start(arguments))
    }

    /// Waits on a thread of its own, so an in-process sandbox keeps the concurrency pool to itself.
    public func run(_ arguments: String...) async throws -> Result {
        try await run(arguments)
    }

    /// As the variadic `run`, for an argument list built at run time.
    public func run(_ arguments: [String]) async throws -> Result {
        let started = try start(arguments)
        return await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: finish(started)) }.start()
        }
    }
}

/// A scratch folder for one test, removed when the last reference to it goes (a runner made
/// with `BinaryRunner(in:)` holds one).
public final class Scratch: Sendable {
    /// The folder, in the temporary directory.
    public let url: URL
    /// Creates a new, empty folder named `prefix` plus a UUID.
    public init(prefix: String = "hrsync-cli-") throws {
        url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(prefix + UUID().uuidString)
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

extension Process {
    /// SIGTERM, then waits up to `seconds` for the exit; a process still running then is killed
    /// (SIGKILL) so that a test fails instead of hanging. True when SIGTERM alone stopped it.
    public func stop(within seconds: Double = 30) -> Bool {
        guard isRunning else { return true }
        terminate()
        let deadline = Date().addingTimeInterval(seconds)
        while isRunning && Date() < deadline { usleep(20_000) }
        guard isRunning else {
            waitUntilExit()
            return true
        }
        kill(processIdentifier, SIGKILL)
        waitUntilExit()
        return false
    }
}
