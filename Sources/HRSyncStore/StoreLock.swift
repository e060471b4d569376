import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Who holds the lock, as written into the lock file for the next run to report.
public struct LockHolder: Codable, Equatable, Sendable {
    public var pid: Int32
    public var host: String
    public var started: String
    public var command: String
}

/// The lock every writing command takes: `flock` on `lock`, so the kernel releases it when the
/// process dies (a lock left by a killed run is free again). The file names the holder, so the
/// loser can say who it waits for; a file naming a dead holder is simply taken over.
public final class StoreLock: @unchecked Sendable {
    public let path: String
    /// The holder recorded by a previous run that died without releasing, if any.
    public let tookOverFrom: LockHolder?
    private var fd: Int32

    private init(path: String, fd: Int32, tookOverFrom: LockHolder?) {
        self.path = path
        self.fd = fd
        self.tookOverFrom = tookOverFrom
    }

    /// Fails fast with `StoreError.locked` naming the holder when another process has it.
    public static func acquire(at path: String, holder: LockHolder) throws -> StoreLock {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, FileSystem.fileMode)
        guard fd >= 0 else { throw StoreError.io(path: path, operation: "open", errno: errno) }
        let previous = readHolder(fd)
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(fd)
            guard code == EWOULDBLOCK else { throw StoreError.io(path: path, operation: "lock", errno: code) }
            let current = (try? Data(contentsOf: URL(fileURLWithPath: path))).flatMap { try? JSONDecoder().decode(LockHolder.self, from: $0) }
            throw StoreError.locked(current ?? previous ?? LockHolder(pid: 0, host: "?", started: "?", command: "?"), lockPath: path)
        }
        let record = (try? JSONEncoder().encode(holder)) ?? Data()
        ftruncate(fd, 0)
        _ = try? FileSystem.writeAll(fd, record, path: path)
        lseek(fd, 0, SEEK_SET)
        fsync(fd)
        return StoreLock(path: path, fd: fd, tookOverFrom: previous)
    }

    /// Empties the holder record and releases; the file stays (unlinking would race with waiters).
    public func release() {
        guard fd >= 0 else { return }
        ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }

    private static func readHolder(_ fd: Int32) -> LockHolder? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = pread(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        return try? JSONDecoder().decode(LockHolder.self, from: Data(buffer[0..<n]))
    }
}
