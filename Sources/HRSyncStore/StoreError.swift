import Foundation

/// What can go wrong in the state directory, phrased for the person who has to fix it.
public enum StoreError: Error, Equatable, Sendable {
    case io(path: String, operation: String, errno: Int32)
    case missing(path: String)
    case notRegularFile(path: String)
    case notAStateDirectory(path: String)
    case unsupportedFormat(path: String, version: Int, supported: Int)
    case corruptFormat(path: String)
    case objectTooLarge(kind: String, size: Int, limit: Int)
    case corruptObject(id: String, path: String, reason: String)
    case unknownObject(String)
    case ambiguousObject(prefix: String, candidates: [String])
    case wrongObjectType(id: String, expected: String, found: String)
    case badRevision(String, reason: String)
    case locked(LockHolder, lockPath: String)
    case removed(String, note: String)
}

extension StoreError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .io(let path, let operation, let code):
            "cannot \(operation) \(path): \(String(cString: strerror(code)))"
        case .missing(let path):
            "\(path) does not exist"
        case .notRegularFile(let path):
            "\(path) is not a regular file (a FIFO, device, socket or symlink in the state directory); hrsync never opens those: remove it"
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
