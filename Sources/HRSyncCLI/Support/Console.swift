import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where output goes: data to stdout; progress, warnings and errors to stderr.
struct Console {
    var quiet = false
    var verbose = false
    var color = false
    /// Whether stdout is a terminal (a large plan is summarised there; piped, it is printed whole).
    var terminal = false

    /// Plain text: no colour, nothing quiet or verbose (for renderings that are not a terminal).
    init() {}

    init(_ options: GlobalOptions) {
        quiet = options.quiet
        verbose = options.verbose
        terminal = isatty(STDOUT_FILENO) == 1
        color = !options.noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && terminal
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
        if !quiet { Self.err("warning: \(TerminalText.escape(text))") }  // warnings quote vendor data and lock files
    }

    /// A warning that `-q` does not silence: a leaked credential or a config others can edit must
    /// reach the cron mail (a quiet night would otherwise hide it forever).
    func alert(_ text: String) {
        Self.err("warning: \(TerminalText.escape(text))")
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
    enum Mode { case off, terminal, lines }
    private let label: String
    private let mode: Mode
    private let lock = NSLock()
    private let start = Date()
    private var last = Date.distantPast
    private var lastTenth = 0

    init(label: String, mode: Mode) {
        self.label = label
        self.mode = mode
    }

    /// On a terminal, one line redrawn in place; without one (cron mail, journald), a plain line
    /// every 10 s or every tenth of the work, once the run has taken 2 s (short runs stay quiet).
    var update: @Sendable (Int, Int?) -> Void {
        { [self] done, total in
            lock.lock()
            defer { lock.unlock() }
            let now = Date(), of = total.map { "/\($0)" } ?? ""
            switch mode {
            case .off: return
            case .terminal:
                guard now.timeIntervalSince(last) > 0.1 else { return }
                last = now
                FileHandle.standardError.write(Data("\r\u{1B}[2K\(label): \(done)\(of)".utf8))
            case .lines:
                let tenth = total.map { $0 > 0 ? done * 10 / $0 : 0 } ?? 0
                let due = now.timeIntervalSince(last) >= 10 || tenth > lastTenth
                guard due, now.timeIntervalSince(start) >= 2 else { return }
                last = now
                lastTenth = tenth
                let percent = total.map { $0 > 0 ? " (\(done * 100 / $0) %)" : "" } ?? ""
                FileHandle.standardError.write(Data("\(label): \(done)\(of)\(percent)\n".utf8))
            }
        }
    }

    func done() {
        if mode == .terminal { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}

extension Console {
    func progress(_ label: String, linesWithoutTerminal: Bool = false) -> ProgressLine {
        let mode: ProgressLine.Mode = quiet ? .off : isatty(STDERR_FILENO) == 1 ? .terminal : linesWithoutTerminal ? .lines : .off
        return ProgressLine(label: label, mode: mode)
    }
}
