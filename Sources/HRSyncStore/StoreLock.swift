import Foundation
import HRSyncCore

#if canImport(Glibc)
    import Glibc
#endif

/// Who holds the lock, as written into the lock file for the next run to report.
public struct LockHolder: Codable, Equatable, Sendable {
    /// The holder's process id.
    public var pid: Int32
    /// The machine it runs on.
    public var host: String
    /// When it took the lock, ISO 8601.
    public var started: String
    /// What it runs, as given to `StateDirectory.lock(command:)`.
    public var command: String
}

/// The lock every writing command takes: `flock` on the state directory, so the kernel releases it
/// when the process dies (a lock left by a killed run is free again). The `lock` file names the
/// holder, so the loser can say who it waits for; a file naming a dead holder is simply taken over.
public final class StoreLock: @unchecked Sendable {
    /// The `lock` file naming the holder.
    public let path: String
    /// The holder recorded by a previous run that died without releasing, if any.
    public let tookOverFrom: LockHolder?
    private var fd: Int32
    private var directoryFD: Int32

    private init(path: String, fd: Int32, directoryFD: Int32, tookOverFrom: LockHolder?) {
        self.path = path
        self.fd = fd
        self.directoryFD = directoryFD
        self.tookOverFrom = tookOverFrom
    }

    /// Fails fast with `StoreError.locked` naming the holder when another process has it.
    ///
    /// The `flock` is on the state directory itself, not on the lock file: deleting or replacing
    /// the file (by hand, by a cleanup script) must not let a second writer in. The file only
    /// names the holder.
    public static func acquire(at path: String, holder: LockHolder) throws -> StoreLock {
        let directory = PathText.folder(of: path)
        let directoryFD = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryFD >= 0 else { throw StoreError.io(path: directory, operation: "open", errno: errno) }
        guard flock(directoryFD, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(directoryFD)
            guard code == EWOULDBLOCK else { throw StoreError.io(path: directory, operation: "lock", errno: code) }
            let current = (try? FileSystem.read(path)).flatMap { try? JSONDecoder().decode(LockHolder.self, from: $0) }
            throw StoreError.locked(current ?? LockHolder(pid: 0, host: "?", started: "?", command: "?"), lockPath: path)
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, FileSystem.fileMode)
        guard fd >= 0 else {
            let code = errno
            close(directoryFD)
            throw StoreError.io(path: path, operation: "open", errno: code)
        }
        // A FIFO there would take each run's holder record until its buffer fills, then block the run.
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            close(directoryFD)
            throw StoreError.notRegularFile(path: path)
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        // A holder still named in the file ended without releasing (release empties it).
        let previous = readHolder(fd)
        let record = (try? JSONEncoder().encode(holder)) ?? Data()
        ftruncate(fd, 0)
        _ = try? FileSystem.writeAll(fd, record, path: path)
        lseek(fd, 0, SEEK_SET)
        fsync(fd)
        return StoreLock(path: path, fd: fd, directoryFD: directoryFD, tookOverFrom: previous)
    }

    /// Empties the holder record and releases; the file stays (unlinking would race with waiters).
    public func release() {
        guard fd >= 0 else { return }
        ftruncate(fd, 0)
        close(fd)
        fd = -1
        flock(directoryFD, LOCK_UN)
        close(directoryFD)
        directoryFD = -1
    }

    deinit { release() }

    private static func readHolder(_ fd: Int32) -> LockHolder? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = pread(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        return try? JSONDecoder().decode(LockHolder.self, from: Data(buffer[0..<n]))
    }
}
