import Foundation
import HRSyncCore

#if canImport(Glibc)
    import Glibc
#endif

/// Files hrsync writes for the user outside the state directory (`plan -o`, `init`'s config):
/// created 0600 from the first byte, never through a symlink, FIFO or device, every write and the
/// close checked, then renamed into place so a reader never sees half a file.
enum PrivateFile {
    enum Failure: Error, LocalizedError, Equatable {
        case notRegular(path: String, what: String)
        case io(path: String, operation: String, errno: Int32)

        var errorDescription: String? {
            switch self {
            case .notRegular(let path, let what):
                "\(path) is \(what), not a regular file; hrsync writes plans and configs only to regular files (give another name)"
            case .io(let path, let operation, let code):
                "cannot \(operation) \(path): \(String(cString: strerror(code)))"
            }
        }
    }

    /// `mode` 0600 unless the file holds nothing personal and another user must read it (metrics).
    static func write(_ data: Data, to path: String, mode: mode_t = 0o600) throws {
        var info = stat()
        if lstat(path, &info) == 0 {
            let type = info.st_mode & S_IFMT
            guard type == S_IFREG else { throw Failure.notRegular(path: path, what: describe(type)) }
        }
        let directory = PathText.folder(of: path)
        let temp = (directory.isEmpty ? "." : directory) + "/.hrsync-tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        // errno first: any call before the check (fchmod on -1 was one) replaces open's reason with EBADF.
        guard fd >= 0 else { throw Failure.io(path: path, operation: "create", errno: errno) }
        if mode != 0o600 {
            guard fchmod(fd, mode) == 0 else { let code = errno; close(fd); unlink(temp); throw Failure.io(path: path, operation: "chmod", errno: code) }
        }
        var closed = false
        defer { if !closed { close(fd) }; unlink(temp) }
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, data.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure.io(path: path, operation: "write", errno: errno)
            }
            offset += written
        }
        guard fsync(fd) == 0 else { throw Failure.io(path: path, operation: "sync", errno: errno) }
        closed = true
        guard close(fd) == 0 else { throw Failure.io(path: path, operation: "close", errno: errno) }
        guard rename(temp, path) == 0 else { throw Failure.io(path: path, operation: "write", errno: errno) }
    }

    private static func describe(_ type: mode_t) -> String {
        switch type {
        case S_IFLNK: "a symbolic link"
        case S_IFIFO: "a FIFO"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFDIR: "a directory"
        case S_IFSOCK: "a socket"
        default: "a special file"
        }
    }
}
