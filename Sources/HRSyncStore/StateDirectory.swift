import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The state directory, git-style:
///
///     FORMAT          "hrsync-state 2" (1: before objects named a preset dictionary)
///     objects/ab/…    zlib objects named by SHA-256 (packs, snapshots, plans, applies)
///     refs/NAME       latest snapshot per side (`personio`, `360learning`), later plans
///     log             append-only JSON lines: every pull, plan, apply
///     lock            who is writing right now (flock)
///
/// Directories 0700, files 0600: it holds personal data. Secrets are never written here.
public struct StateDirectory: Sendable {
    static let formatLine = "hrsync-state \(supportedFormat)\n"

    /// The directory itself (`.hrsync` next to hrsync.yaml by default; Man/hrsync.1, FILES).
    public let path: String
    /// `objects/`: snapshots, packs, plans and apply records, content-addressed.
    public internal(set) var objects: ObjectStore
    /// `refs/`: the latest snapshot of each side.
    public let refs: Refs
    /// `log`: the append-only history, one JSON line per event (`Event.Kind`).
    public let log: EventLog
    /// Snapshots, stored as manifests and packs in `objects`.
    public var snapshots: SnapshotStore { SnapshotStore(objects: objects) }
    /// `lock`: names the write lock's holder (the `flock` itself is on the directory).
    public var lockPath: String { "\(path)/lock" }

    init(path: String) {
        self.path = path
        objects = ObjectStore(directory: "\(path)/objects")
        refs = Refs(directory: "\(path)/refs")
        log = EventLog(path: "\(path)/log")
    }

    /// Creates what is missing (idempotent) and opens it.
    public static func create(at path: String) throws -> StateDirectory {
        let state = StateDirectory(path: path)
        for directory in [path, state.objects.directory, state.refs.directory] {
            try FileSystem.makeDirectory(directory)
        }
        let marker = "\(path)/FORMAT"
        if !FileSystem.exists(marker) { try FileSystem.writeAtomically(Data(formatLine.utf8), to: marker) }
        try checkFormat(at: path)  // an existing one must be ours: init never claims another format ready
        return state
    }

    /// Opens an existing state directory; throws `notAStateDirectory`, `unsupportedFormat` or `corruptFormat` as its FORMAT says.
    public static func open(at path: String) throws -> StateDirectory {
        try checkFormat(at: path)
        return StateDirectory(path: path)
    }

    /// The layout version this hrsync writes. 2: objects are deflated with a preset dictionary
    /// (`ObjectDictionary`), which an hrsync that reads only format 1 cannot inflate; it refuses
    /// a format-2 directory by name instead of calling every new object corrupt.
    public static let supportedFormat = 2
    /// The layout versions this hrsync reads: format 1 is format 2 without dictionary objects, and
    /// becomes format 2 when a command first takes the write lock (`lock`), before it writes one.
    static let readableFormats = 1...supportedFormat

    /// FORMAT says this hrsync can read the directory (its version, or nil for a line it cannot
    /// read): missing is "not a state directory", another version (a newer hrsync's) or an
    /// unreadable line is said as such, never taken for missing.
    @discardableResult
    static func checkFormat(at path: String) throws -> Int {
        let marker = "\(path)/FORMAT"
        guard FileSystem.exists(marker) else { throw StoreError.notAStateDirectory(path: path) }
        let line = String(decoding: try FileSystem.read(marker), as: UTF8.self)
        if let version = readableFormats.first(where: { line == "hrsync-state \($0)\n" }) { return version }
        let words = line.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
        if words.count == 2, words[0] == "hrsync-state", let version = Int(words[1]) {
            throw StoreError.unsupportedFormat(path: path, version: version, supported: supportedFormat)
        }
        throw StoreError.corruptFormat(path: marker)
    }

    /// Whether `path` has a FORMAT file (not whether this hrsync reads it: `open` checks that).
    public static func exists(at path: String) -> Bool {
        FileSystem.exists("\(path)/FORMAT")
    }

    /// Takes the write lock for `command`; throws `StoreError.locked` naming the holder.
    public func lock(command: String, now: Date = Date()) throws -> StoreLock {
        let holder = LockHolder(
            pid: ProcessInfo.processInfo.processIdentifier, host: ProcessInfo.processInfo.hostName,
            started: ISO8601DateFormatter().string(from: now), command: command)
        let lock = try StoreLock.acquire(at: lockPath, holder: holder)
        // Every command that writes objects holds the lock: a format-1 directory says format 2
        // before the first object with a dictionary is written.
        if try Self.checkFormat(at: path) < Self.supportedFormat {
            try FileSystem.writeAtomically(Data(Self.formatLine.utf8), to: "\(path)/FORMAT")
        }
        return lock
    }

    /// The run that holds the lock now, if any: the holder the lock file names, when it is a live
    /// process on this machine (a release empties the file; a killed run's pid is gone). Read
    /// without taking the lock, so a status check never makes a starting run fail.
    public func runningHolder() -> LockHolder? {
        guard let data = try? FileSystem.read(lockPath), !data.isEmpty,
            let holder = try? JSONDecoder().decode(LockHolder.self, from: data),
            holder.pid > 0, holder.host == ProcessInfo.processInfo.hostName
        else { return nil }
        return kill(holder.pid, 0) == 0 || errno == EPERM ? holder : nil
    }

    /// This state directory with its object reads counted (tests only).
    func counting(_ counter: ReadCounter) -> StateDirectory {
        var state = self
        state.objects.readCounter = counter
        return state
    }

    /// The object store with a crash injected before each rename (tests only).
    func withCrash(_ point: FileSystem.CrashPoint) -> ObjectStore {
        var store = objects
        store.crashPoint = point
        return store
    }
}
