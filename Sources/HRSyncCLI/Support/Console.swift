import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where output goes: data to stdout; progress, warnings and errors to stderr.
struct Console {
    var quiet = false
    var verbose = false
    var color = false

    init(_ options: GlobalOptions) {
        quiet = options.quiet
        verbose = options.verbose
        color = !options.noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) == 1
    }

    func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    func info(_ text: String) {
        if !quiet { Self.err(text) }
    }

    func detail(_ text: String) {
        if verbose { Self.err(text) }
    }

    func warn(_ text: String) {
        if !quiet { Self.err("warning: \(TerminalText.escape(text))") }   // warnings quote vendor data and lock files
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

/// A one-line progress counter on stderr, only when stderr is a terminal.
final class ProgressLine: @unchecked Sendable {
    private let label: String
    private let enabled: Bool
    private let lock = NSLock()
    private var last = Date.distantPast

    init(label: String, enabled: Bool) {
        self.label = label
        self.enabled = enabled
    }

    var update: @Sendable (Int, Int?) -> Void {
        { [self] done, total in
            guard enabled else { return }
            lock.lock()
            defer { lock.unlock() }
            guard Date().timeIntervalSince(last) > 0.1 else { return }
            last = Date()
            let of = total.map { "/\($0)" } ?? ""
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(label): \(done)\(of)".utf8))
        }
    }

    func done() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}

extension Console {
    func progress(_ label: String) -> ProgressLine {
        ProgressLine(label: label, enabled: !quiet && isatty(STDERR_FILENO) == 1)
    }
}
