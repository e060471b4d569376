import Foundation
import HRSyncCore

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the config's `hooks:` after a run: `on_success`, `on_hold` (exit 3) or `on_failure`, via
/// /bin/sh -c, with a JSON summary on stdin. The hook gets hrsync's environment without the
/// variables that hold the vendors' credentials. A hook that fails or runs over `timeout` is
/// reported by its name only (its command line may hold a webhook token); it never changes
/// hrsync's exit status.
struct HookRunner {
    let hooks: HookSettings
    let config: HRSyncConfig
    /// How long a hook may run, its summary written included; then it is stopped with every
    /// process it started. A parameter for the tests; the binary always uses 60 s.
    var timeout: TimeInterval = 60

    struct Summary: Encodable {
        var command: String
        var exitStatus: Int32
        var outcome: String
        var started: Date
        var ended: Date
        var target: String
        var actions: [String: [String: Int]]
        var people: [String]?
        /// The fields the blanking guard held; absent when none.
        var blankingHeld: [BlankingGuard.Verdict]?
        enum CodingKeys: String, CodingKey {
            case command, exitStatus = "exit_status", outcome, started, ended, target, actions, people, blankingHeld = "blanking_held"
        }
    }

    enum Outcome: Equatable {
        case exited(Int32)
        case signaled(Int32)
        case timedOut
    }

    func run(
        command: String, status: Int32, started: Date, actions: [String: [String: Int]], people: [String], blankingHeld: [BlankingGuard.Verdict] = [],
        console: Console
    ) {
        let (outcome, name, hook): (String, String, String?) =
            switch status {
            case ExitStatus.success, ExitStatus.changesPresent: ("success", "on_success", hooks.onSuccess)
            case ExitStatus.held: ("held", "on_hold", hooks.onHold)
            default: ("failure", "on_failure", hooks.onFailure)
            }
        guard let hook else { return }
        let summary = Summary(
            command: command, exitStatus: status, outcome: outcome, started: started, ended: Date(),
            target: config.learning360.baseURL, actions: actions, people: hooks.includePeople ? people : nil,
            blankingHeld: blankingHeld.isEmpty ? nil : blankingHeld)
        let unchanged = "hrsync's own exit status is unchanged"
        do {
            switch try execute(hook, input: try CanonicalJSON.encode(summary)) {
            case .exited(0): break
            case .exited(let code): console.warn("hook \(name) exited \(code); \(unchanged)")
            case .signaled(let signal): console.warn("hook \(name) was killed by signal \(signal); \(unchanged)")
            case .timedOut: console.warn("hook \(name) ran over \(Int(timeout)) s and was stopped with the processes it started; \(unchanged)")
            }
        } catch {
            console.warn("hook \(name) could not run: \(error.localizedDescription)")
        }
    }

    /// The variables a hook must not see: the ones the config reads credentials from.
    var secretVariables: Set<String> {
        Set(
            [config.personio.clientID, config.personio.clientSecret, config.learning360.clientID, config.learning360.clientSecret].compactMap {
                if case .environment(let name) = $0 { return name }
                return nil
            })
    }

    struct SpawnFailure: Error, LocalizedError {
        let code: Int32
        var errorDescription: String? { String(cString: strerror(code)) }
    }

    /// The hook in a process group of its own (so a timeout stops what it started too), its
    /// summary written without blocking: a hook that never reads stdin cannot hold hrsync past
    /// the deadline, and one that exits without reading is a broken pipe, not a crash.
    func execute(_ hook: String, input: Data) throws -> Outcome {
        let deadline = Date().addingTimeInterval(timeout)
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw SpawnFailure(code: errno) }
        let (reader, writer) = (fds[0], fds[1])
        // The hook gets the read end as fd 0 only: holding the write end, it would never see EOF.
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let pid: pid_t
        do { pid = try spawn(hook, stdin: reader) } catch {
            close(reader)
            close(writer)
            throw error
        }
        close(reader)
        // A write to a hook that stopped reading must fail with EPIPE, not kill hrsync (SIGPIPE's default).
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        _ = fcntl(writer, F_SETFL, fcntl(writer, F_GETFL) | O_NONBLOCK)
        Self.write(input, to: writer, until: deadline)
        close(writer)

        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            guard Date() < deadline else { return Self.stop(group: pid) }
            usleep(20_000)
        }
        return status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signaled(status & 0x7f)
    }

    /// /bin/sh -c HOOK as the leader of a new process group, SIGPIPE back to its default, no signal blocked.
    private func spawn(_ hook: String, stdin: Int32) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, STDIN_FILENO)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        // The calling thread (a concurrency pool's) may block signals; the hook must feel SIGTERM.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let environment = ProcessInfo.processInfo.environment.filter { !secretVariables.contains($0.key) }.map { "\($0.key)=\($0.value)" }
        let words: [String] = ["/bin/sh", "-c", hook]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
        guard code == 0 else { throw SpawnFailure(code: code) }
        return pid
    }

    /// As much of `data` as the hook reads before it closes stdin or the deadline passes.
    private static func write(_ data: Data, to fd: Int32, until deadline: Date) {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let left = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
                var ready = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                guard left > 0, poll(&ready, 1, left) >= 0 || errno == EINTR else { return }
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n >= 0 { offset += n } else if errno != EAGAIN && errno != EINTR { return }  // EPIPE: the hook is done reading
            }
        }
    }

    /// SIGTERM to the whole group, a second to exit, then SIGKILL for what is left; the hook is reaped either way.
    private static func stop(group pid: pid_t) -> Outcome {
        kill(-pid, SIGTERM)
        var status: Int32 = 0, reaped = false
        for _ in 0..<50 {
            if waitpid(pid, &status, WNOHANG) != 0 { reaped = true; break }
            usleep(20_000)
        }
        kill(-pid, SIGKILL)
        if !reaped { _ = waitpid(pid, &status, 0) }
        return .timedOut
    }
}
