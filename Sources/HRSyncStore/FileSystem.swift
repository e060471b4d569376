import Foundation
import HRSyncCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few POSIX file operations the store needs, with the durability the store promises:
/// temp file + fsync + rename + fsync of the directory, modes 0600 / 0700.
enum FileSystem {
    static let fileMode: mode_t = 0o600
    static let directoryMode: mode_t = 0o700
    static let tempPrefix = ".tmp-"

    /// Where a crash is simulated in tests (the process "dies" there by throwing).
    enum CrashPoint: Sendable, Equatable { case none, beforeRename }
    struct SimulatedCrash: Error {}

    static func writeAtomically(_ data: Data, to path: String, crashPoint: CrashPoint = .none) throws {
        let directory = PathText.folder(of: path)
        let temp = "\(directory)/\(tempPrefix)\(UUID().uuidString.prefix(12))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
        guard fd >= 0 else { throw StoreError.io(path: temp, operation: "create", errno: errno) }
        do {
            try writeAll(fd, data, path: temp)
            guard fsync(fd) == 0 else { throw StoreError.io(path: temp, operation: "fsync", errno: errno) }
        } catch {
            close(fd)
            unlink(temp)
            throw error
        }
        close(fd)
        if crashPoint == .beforeRename { throw SimulatedCrash() }
        guard rename(temp, path) == 0 else {
            let code = errno
            unlink(temp)
            throw StoreError.io(path: path, operation: "rename", errno: code)
        }
        try syncDirectory(directory)
    }

    static func writeAll(_ fd: Int32, _ data: Data, path: String) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw StoreError.io(path: path, operation: "write", errno: errno)
                }
                offset += n
            }
        }
    }

    /// One line appended with a single write, then fsync: a crash can tear only this last line,
    /// and the next append starts on a fresh line, so a torn line never swallows the one after it.
    static func appendLine(_ line: Data, to path: String) throws {
        var bytes = line
        bytes.append(0x0A)
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, fileMode)
        guard fd >= 0 else { throw StoreError.io(path: path, operation: "open", errno: errno) }
        defer { close(fd) }
        var info = stat(), last: UInt8 = 0x0A
        guard fstat(fd, &info) == 0 else { throw StoreError.io(path: path, operation: "open", errno: errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw StoreError.notRegularFile(path: path) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        if info.st_size > 0, pread(fd, &last, 1, info.st_size - 1) == 1, last != 0x0A {
            bytes.insert(0x0A, at: 0)
        }
        try writeAll(fd, bytes, path: path)
        guard fsync(fd) == 0 else { throw StoreError.io(path: path, operation: "fsync", errno: errno) }
    }

    /// An empty file at `path` (kept if one is there), on disk with its directory entry: no temp
    /// file, so a kill leaves either nothing or the file.
    static func createEmpty(_ path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, fileMode)
        guard fd >= 0 else { throw StoreError.io(path: path, operation: "open", errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw StoreError.io(path: path, operation: "fsync", errno: errno) }
        try syncDirectory(PathText.folder(of: path))
    }

    static func syncDirectory(_ directory: String) throws {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.io(path: directory, operation: "open", errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw StoreError.io(path: directory, operation: "fsync", errno: errno) }
    }

    /// The whole of a regular file, with the real reason when it cannot be read. Opened
    /// non-blocking and without following a symlink: a FIFO (or device) in the state directory is
    /// refused by fstat instead of hanging open() or read() for as long as nobody writes to it.
    /// The file's bytes; throws `fileTooLarge` for more than `limit` (checked before reading, and
    /// again while reading, should the file grow).
    static func read(_ path: String, atMost limit: Int = .max) throws -> Data {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        guard fd >= 0 else {
            if errno == ENOENT { throw StoreError.missing(path: path) }
            if errno == ELOOP { throw StoreError.notRegularFile(path: path) }
            throw StoreError.io(path: path, operation: "read", errno: errno)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw StoreError.io(path: path, operation: "read", errno: errno) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            if info.st_mode & S_IFMT == S_IFDIR { throw StoreError.io(path: path, operation: "read", errno: EISDIR) }
            throw StoreError.notRegularFile(path: path)
        }
        guard Int(info.st_size) <= limit else { throw StoreError.fileTooLarge(path: path, size: Int(info.st_size), limit: limit) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw StoreError.io(path: path, operation: "read", errno: errno)
            }
            if n == 0 { return data }
            data.append(contentsOf: buffer[0..<n])
            if data.count > limit { throw StoreError.fileTooLarge(path: path, size: data.count, limit: limit) }
        }
    }

    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// Creates the directory (and parents) with mode 0700; tightens an existing one.
    static func makeDirectory(_ path: String) throws {
        var built = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            built += "/" + component
            if mkdir(built, directoryMode) != 0 {
                let code = errno
                var info = stat()
                guard code == EEXIST, stat(built, &info) == 0 else { throw StoreError.io(path: built, operation: "create directory", errno: code) }
                guard info.st_mode & S_IFMT == S_IFDIR else { throw StoreError.io(path: built, operation: "create directory", errno: ENOTDIR) }
            }
        }
        chmod(path, directoryMode)
    }

    /// Names in a directory, without temp files; empty when it does not exist.
    static func list(_ directory: String, includingTemp: Bool = false) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { includingTemp || !$0.hasPrefix(tempPrefix) }.sorted()
    }

    static func mode(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o777
    }
}
