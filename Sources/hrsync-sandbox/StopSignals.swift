import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// SIGINT and SIGTERM stop `serve`. The handlers are plain C handlers installed before the banner
/// says the sandbox is up: a DispatchSource arms asynchronously after `signal(sig, SIG_IGN)`, so a
/// `kill` sent right after the banner could be ignored and the sandbox run on (a test waiting for
/// it to exit hung). A signal that comes any time after `install()` is kept in a pipe until read.
enum StopSignals {
    /// The pipe the handler writes one byte to (write(2) is async-signal-safe); read by `wait()`.
    nonisolated(unsafe) private static var pipeEnds: (read: Int32, write: Int32) = (-1, -1)

    /// Installs the handlers (once); throws when the pipe cannot be made.
    static func install() throws {
        guard pipeEnds.read < 0 else { return }
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot make the signal pipe: \(String(cString: strerror(errno)))"])
        }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        // The handler must never block: past a full pipe, one byte waiting is enough.
        _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
        pipeEnds = (ends[0], ends[1])
        for sig in [SIGINT, SIGTERM] {
            _ = signal(sig) { _ in
                let saved = errno  // the interrupted code may be about to read it
                var byte: UInt8 = 1
                _ = write(StopSignals.pipeEnds.write, &byte, 1)
                errno = saved
            }
        }
    }

    /// Returns when SIGINT or SIGTERM came (before or after this call), on a thread of its own:
    /// the blocking read must not hold a thread of Swift's concurrency pool.
    static func wait() async {
        let end = pipeEnds.read
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                var byte: UInt8 = 0
                while read(end, &byte, 1) < 0 && errno == EINTR {}
                done.resume()
            }
        }
    }
}
