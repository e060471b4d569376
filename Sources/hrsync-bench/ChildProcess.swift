import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One run of another program with its own wall time and peak RSS (wait4's rusage for that process
/// alone; Foundation's `Process` reaps its children itself and cannot say).
///
/// Linux starts a spawned child's peak RSS at its parent's (posix_spawn shares the parent's memory
/// until exec, and exec keeps that memory's high-water mark), so `measured` runs the program from a
/// fresh, small `hrsync-bench --measure-command` process, whose peak is the floor instead.
struct ChildProcess {
    struct Run: Codable {
        var status: Int32
        var milliseconds: Double
        var peakRSSMegabytes: Double
        /// User plus system CPU time.
        var cpuSeconds: Double
        var stderr: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    var executable: String
    var environment: [String: String]

    /// This program's own path (started by name through PATH, `arguments[0]` is not one).
    static let thisProgram = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]

    /// `run` from a fresh `hrsync-bench --measure-command` process (see above).
    func measured(_ arguments: [String]) throws -> Run {
        let reportPath = NSTemporaryDirectory() + "hrsync-bench-run-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: reportPath) }
        let intermediate = ChildProcess(executable: ChildProcess.thisProgram, environment: environment)
        let outer = try intermediate.run(["--measure-command", executable] + arguments, stdout: reportPath)
        guard outer.status == 0, let report = FileManager.default.contents(atPath: reportPath) else {
            throw Failure(description: "hrsync-bench --measure-command exited \(outer.status): \(outer.stderr.prefix(500))")
        }
        return try JSONDecoder().decode(Run.self, from: report)
    }

    /// Runs `arguments` with stdout to `stdout` (by default /dev/null: the commands' output is not
    /// what is measured, and a pipe nobody reads would stall them) and stderr kept.
    func run(_ arguments: [String], stdout: String = "/dev/null") throws -> Run {
        try start(arguments, stdout: stdout).wait()
    }

    /// A started program: `wait()` reaps it and tells its figures.
    struct Running {
        var pid: pid_t
        var started: ContinuousClock.Instant
        var errorPath: String

        /// Asks the program to stop (SIGTERM); `wait()` then reaps it.
        func terminate() { kill(pid, SIGTERM) }

        /// Whether it has not exited yet (without reaping it).
        var isRunning: Bool {
            var info = siginfo_t()
            return waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info._sifields._sigchld.si_pid == 0
        }

        func wait() throws -> Run {
            defer { try? FileManager.default.removeItem(atPath: errorPath) }
            var status: Int32 = 0
            var usage = rusage()
            while wait4(pid, &status, 0, &usage) < 0 {
                guard errno == EINTR else { throw Failure(description: "wait4 failed: \(String(cString: strerror(errno)))") }
            }
            let elapsed = started.duration(to: .now)
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            // Exit code in bits 8-15; a signal in the low 7 bits (reported as 128 + signal, as shells do).
            let exit = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
            let stderr = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
            return Run(
                status: exit, milliseconds: ms, peakRSSMegabytes: Double(usage.ru_maxrss) / 1024,
                cpuSeconds: CPUTime(usage).seconds, stderr: stderr)
        }
    }

    /// Starts `arguments` as `run` does, without waiting for it.
    func start(_ arguments: [String], stdout: String = "/dev/null") throws -> Running {
        let errorPath = NSTemporaryDirectory() + "hrsync-bench-stderr-" + UUID().uuidString
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        guard posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600) == 0,
            posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600) == 0
        else { throw Failure(description: "cannot set up the output files of \(executable)") }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let started = ContinuousClock.now
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw Failure(description: "cannot start \(executable): \(String(cString: strerror(spawned)))") }
        return Running(pid: pid, started: started, errorPath: errorPath)
    }
}

/// User plus system CPU time from an rusage.
struct CPUTime {
    var seconds: Double
    init(_ usage: rusage) {
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        seconds = s(usage.ru_utime) + s(usage.ru_stime)
    }

    /// This process's CPU time so far (its peak RSS is `PeakMemory.megabytes()`).
    static func ofThisProcess() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return CPUTime(usage).seconds
    }
}
