import Foundation

/// What can go wrong in the state directory, phrased for the person who has to fix it.
public enum StoreError: Error, Equatable, Sendable {
    /// A system call failed on `path`: `operation` ("read", "fsync"…) and its errno.
    case io(path: String, operation: String, errno: Int32)
    /// A file the store reads does not exist.
    case missing(path: String)
    /// A FIFO, device, socket or symlink where a file belongs: refused, never opened or followed.
    case notRegularFile(path: String)
    /// A file larger than anything hrsync writes there (read refuses it before reading it).
    case fileTooLarge(path: String, size: Int, limit: Int)
    /// No FORMAT file: `hrsync init` makes one.
    case notAStateDirectory(path: String)
    /// FORMAT names another layout version (a newer hrsync's) than `supported`.
    case unsupportedFormat(path: String, version: Int, supported: Int)
    /// FORMAT does not read as a format line.
    case corruptFormat(path: String)
    /// A payload above the store's cap (`limit`, 512 MiB): refused before anything is written.
    case objectTooLarge(kind: String, size: Int, limit: Int)
    /// An object missing, not inflating, failing its hash or not decoding; also a bad ref, `hold` or `rewrites` line (`id` names which).
    case corruptObject(id: String, path: String, reason: String)
    /// No stored, logged or removed id, and no REV, goes by that name.
    case unknownObject(String)
    /// An id prefix that starts more than one id; the message lists the first three.
    case ambiguousObject(prefix: String, candidates: [String])
    /// The object is another kind than the caller needs (or a snapshot of the other side).
    case wrongObjectType(id: String, expected: String, found: String)
    /// A REV that does not resolve (no such snapshot, date or ancestor), a name that cannot be a ref, or a record that is not one line.
    case badRevision(String, reason: String)
    /// Another run holds the write lock; the holder is what its lock file says (`?` when unreadable).
    case locked(LockHolder, lockPath: String)
    /// An id gc or forget removed with nothing stored in its place; `note` says what became of it.
    case removed(String, note: String)
}

extension StoreError: LocalizedError {
    /// What the CLI prints: what is wrong, where, and what to do about it.
    public var errorDescription: String? {
        switch self {
        case .io(let path, let operation, let code):
            "cannot \(operation) \(path): \(String(cString: strerror(code)))"
        case .missing(let path):
            "\(path) does not exist"
        case .notRegularFile(let path):
            "\(path) is not a regular file (a FIFO, device, socket or symlink in the state directory); hrsync never opens those: remove it"
        case .fileTooLarge(let path, let size, let limit):
            "\(path) is \(size) bytes, more than hrsync ever writes there (\(limit)): not read; run 'hrsync fsck'"
        case .notAStateDirectory(let path):
            "\(path) is not an hrsync state directory (run 'hrsync init' to create one)"
        case .unsupportedFormat(let path, let version, let supported):
            "state directory format \(version) is not supported by this hrsync (supports \(supported)): \(path); use the hrsync that wrote it"
        case .corruptFormat(let path):
            "\(path) is damaged (expected the line '\(StateDirectory.formatLine.trimmingCharacters(in: .newlines))'); restore it, or run 'hrsync fsck' to see what else is"
        case .corruptObject(let id, let path, let reason):
            "object \(id) is corrupt (\(reason)): \(path); run 'hrsync fsck'"
        case .objectTooLarge(let kind, let size, let limit):
            "a \(kind) of \(size) bytes is more than the store may hold (\(limit >> 20) MiB): nothing was stored; please report it"
        case .unknownObject(let name):
            "no object, event or revision named '\(name)' (see 'hrsync log')"
        case .ambiguousObject(let prefix, let candidates):
            "'\(prefix)' is ambiguous: it starts \(candidates.count) ids (\(candidates.prefix(3).joined(separator: ", "))…); give more digits"
        case .wrongObjectType(let id, let expected, let found):
            "object \(id) is a \(found), not a \(expected)"
        case .badRevision(let revision, let reason):
            "bad revision '\(revision)': \(reason)"
        case .removed(let name, let note):
            "'\(name)' is no longer stored: \(note) (see 'hrsync log')"
        case .locked(let holder, let lockPath):
            "another hrsync run holds the lock: pid \(holder.pid) on \(holder.host), '\(holder.command)' since \(holder.started) (\(lockPath)); wait for it to finish"
        }
    }
}
