import Foundation
import HRSyncHTTP

#if canImport(Glibc)
    import Glibc
#endif

/// Says on stderr why a run waits: a connection that keeps failing is otherwise half a minute of
/// silence. With `-v` every retry; by default the first of the run only (a night's blip is one
/// line in cron's mail); with `-q` none (the final error, if it comes, says enough).
final class RetryAnnouncer: RetryObserver, @unchecked Sendable {
    enum Mode { case silent, first, every }
    let mode: Mode
    private let write: @Sendable (String) -> Void
    private let lock = NSLock()
    private var announced = 0

    init(mode: Mode, write: @escaping @Sendable (String) -> Void = RetryAnnouncer.stderr) {
        self.mode = mode
        self.write = write
    }

    /// On a terminal the line first clears a progress counter drawn in place (it redraws itself).
    static let stderr: @Sendable (String) -> Void = { line in
        Console.err(isatty(STDERR_FILENO) == 1 ? "\r\u{1B}[2K" + line : line)
    }

    convenience init(_ console: Console) {
        self.init(mode: console.quiet ? .silent : console.verbose ? .every : .first)
    }

    func retrying(_ notice: RetryNotice) {
        let count = lock.withLock {
            announced += 1
            return announced
        }
        switch mode {
        case .silent: return
        case .every: write(TerminalText.escape(notice.text))
        case .first:
            guard count == 1 else { return }
            write(TerminalText.escape(notice.text) + " (-v shows every retry)")
        }
    }
}
