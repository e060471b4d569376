import Foundation
import HRSyncCore

/// The kinds of object the store holds. The kind is part of the hashed header, like git's.
public enum ObjectKind: String, Sendable, CaseIterable {
    /// One line per record, whole or as a delta against an earlier pack's line (`PackReader`).
    case pack  // new snapshot records, packed together (see SnapshotStore)
    /// Names its parent, its delta base and the packs holding its records (`SnapshotManifest`).
    case snapshot  // a snapshot manifest
    /// A plan's canonical JSON (hrsync-plan(5)): what `apply` runs.
    case plan
    /// An apply record, each action's result: what hrsync added, and may remove later, is built from them.
    case apply
    /// Bytes hrsync gives no meaning (tests; no command writes one).
    case blob
}

/// Content-addressed objects: `objects/ab/cdef…` holds zlib("<kind> <size>\0<payload>"),
/// named by the SHA-256 of the uncompressed bytes and verified on every read.
public struct ObjectStore: Sendable {
    /// `objects/` in the state directory (Man/hrsync.1, FILES).
    public let directory: String
    var crashPoint: FileSystem.CrashPoint = .none
    /// A dry run's scratch folder: `put` writes there, reads look there after `directory`, so a
    /// dry run takes the real run's path and leaves the store as it was (`withScratch`).
    var scratch: String?
    /// Counts `get`s (tests: what a check costs, in reads).
    var readCounter: ReadCounter?

    /// The store under `directory`; nothing is created before the first `put`.
    public init(directory: String) {
        self.directory = directory
    }

    /// The id `put` gives these bytes: the SHA-256 of the framed content.
    public static func id(of kind: ObjectKind, _ payload: Data) -> ObjectID {
        ObjectID(hashing: [header(kind, payload), payload])
    }

    static func header(_ kind: ObjectKind, _ payload: Data) -> Data {
        header(kind, size: payload.count)
    }

    static func header(_ kind: ObjectKind, size: Int) -> Data {
        Data("\(kind.rawValue) \(size)\0".utf8)
    }

    /// Stores `payload` as a `kind` object and returns its id; a no-op when it is stored already. Written atomically
    /// (temp file, fsync, rename, 0600); throws `objectTooLarge` above `maximumSize`, which `get` would refuse.
    @discardableResult
    public func put(_ kind: ObjectKind, _ payload: Data) throws -> ObjectID {
        try put(kind, parts: [payload])
    }

    /// As `put(_:_:)` with the payload given as `parts`, concatenated: a pack of 500,000 lines is
    /// hashed and deflated line by line, never copied whole into one more buffer.
    @discardableResult
    func put(_ kind: ObjectKind, parts: [Data]) throws -> ObjectID {
        let size = parts.reduce(0) { $0 + $1.count }
        // Never write what `get` would refuse to read back.
        guard size <= Self.maximumSize else { throw StoreError.objectTooLarge(kind: kind.rawValue, size: size, limit: Self.maximumSize) }
        let header = Self.header(kind, size: size)
        let framed = [[header], parts].joined()  // lazily: an array of both would copy 1,000,000 parts
        let id = ObjectID(hashing: framed)
        let path = self.path(of: id)
        if FileSystem.exists(path) { return id }  // same content, same id: already stored
        let folder = PathText.folder(of: path)
        if !FileSystem.exists(folder) {
            try FileSystem.makeDirectory(folder)
            try FileSystem.syncDirectory(scratch ?? directory)
        }
        // Level 9: a first pull's pack deflates about 10 % smaller for 3× the time (10 ms per 400 KB),
        // and it is written once; the day-to-day objects are small (see ObjectDictionary).
        let compressed = try Zlib.compress(framed, level: 9, dictionary: ObjectDictionary.current)
        try FileSystem.writeAtomically(compressed, to: path, crashPoint: crashPoint)
        return id
    }

    /// The object's kind and payload, inflated no further than its header declares and checked against `id`;
    /// throws `corruptObject` when it is missing, damaged or not what its id says.
    public func get(_ id: ObjectID) throws -> (kind: ObjectKind, payload: Data) {
        readCounter?.add()
        let path = self.path(of: id)
        // Ids reach here from refs, the log, manifests and plans, which name objects that must
        // exist; a name the user typed is resolved first (`resolve(prefix:)`, "no object named").
        guard FileSystem.exists(path) else { throw StoreError.corruptObject(id: id.hex, path: path, reason: "missing from the store") }
        let header: Data, payload: Data
        do {
            let file = try FileSystem.read(path, atMost: Self.maximumFileSize)
            (header, payload) = try Zlib.inflateObject(file, dictionaries: ObjectDictionary.all, header: Self.declaredSizes)
        } catch let error as Zlib.Failure {
            throw StoreError.corruptObject(id: id.hex, path: path, reason: error.description)
        } catch StoreError.fileTooLarge(_, let size, _) {
            throw StoreError.corruptObject(id: id.hex, path: path, reason: "\(size) bytes, more than any object hrsync writes")
        }
        guard ObjectID(hashing: [header, payload]) == id else {
            throw StoreError.corruptObject(id: id.hex, path: path, reason: "content does not match its SHA-256")
        }
        guard let nul = header.last, nul == 0,
            let text = String(data: header.dropLast(), encoding: .utf8),
            let space = text.firstIndex(of: " "),
            let kind = ObjectKind(rawValue: String(text[..<space])),
            Int(text[text.index(after: space)...]) == payload.count
        else {
            throw StoreError.corruptObject(id: id.hex, path: path, reason: "bad header")
        }
        return (kind, payload)
    }

    /// The largest payload the store writes or reads (`put` refuses more, `get` refuses a header
    /// declaring more before inflating anything). At 100,000 employees the largest objects are the
    /// initial sync's plan and apply record (about 4 actions a person, estimated at 200 MB) and
    /// the snapshot packs (Personio about 40 MB, see "store-year"): 512 MiB leaves room and
    /// bounds what a zlib bomb can make a read allocate.
    static let maximumSize = 512 << 20

    /// The lengths of the header "<kind> <size>\0" and of the payload it promises, once the header
    /// is out; nil while it is not. A header declaring more than `maximumSize` is refused before
    /// anything is allocated for it.
    static func declaredSizes(_ prefix: Data) throws -> (header: Int, payload: Int)? {
        guard let nul = prefix.prefix(48).firstIndex(of: 0) else {
            if prefix.count >= 48 { throw Zlib.Failure(code: -3, operation: "inflate (no object header)") }
            return nil
        }
        let header = String(decoding: prefix[prefix.startIndex..<nul], as: UTF8.self)
        guard let space = header.firstIndex(of: " "), let size = Int(header[header.index(after: space)...]), size >= 0 else {
            throw Zlib.Failure(code: -3, operation: "inflate (bad object header)")
        }
        guard size <= maximumSize else {
            throw Zlib.Failure(
                code: -3, operation: "inflate (the header declares \(size) bytes, more than the largest object hrsync writes, \(maximumSize >> 20) MiB)")
        }
        return (nul - prefix.startIndex + 1, size)
    }

    /// The payload of `id`, verified as `get(_:)` does; throws `wrongObjectType` when it is another kind.
    public func get(_ id: ObjectID, as expected: ObjectKind) throws -> Data {
        let (kind, payload) = try get(id)
        guard kind == expected else { throw StoreError.wrongObjectType(id: id.hex, expected: expected.rawValue, found: kind.rawValue) }
        return payload
    }

    /// Whether the file of `id` exists, unread (`get` verifies it, `presenceProblem` checks its size).
    public func contains(_ id: ObjectID) -> Bool {
        FileSystem.exists(path(of: id))
    }

    /// `objects/ab/cdef…`: the first two hex digits name the folder, as in git.
    public func path(of id: ObjectID) -> String {
        let hex = id.hex
        let stored = "\(directory)/\(hex.prefix(2))/\(hex.dropFirst(2))"
        guard let scratch, !FileSystem.exists(stored) else { return stored }
        return "\(scratch)/\(hex.prefix(2))/\(hex.dropFirst(2))"
    }

    /// Runs `body` with a copy of this store whose writes land in a scratch folder under
    /// `directory` (a temp name, so fsck calls a leftover harmless), removed when `body` ends.
    func withScratch<T>(_ body: (ObjectStore) throws -> T) throws -> T {
        var store = self
        let folder = "\(directory)/\(FileSystem.tempPrefix)dry-run-\(UUID().uuidString.prefix(12))"
        try FileSystem.makeDirectory(folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        store.scratch = folder
        return try body(store)
    }

    /// Every stored object id (temp files skipped), for fsck and gc.
    public func allIDs() -> [ObjectID] {
        FileSystem.list(directory).flatMap { folder in
            FileSystem.list("\(directory)/\(folder)").compactMap { ObjectID(hex: folder + $0) }
        }
    }

    /// Files under objects/ that are not objects: leftovers of interrupted writes, harmless.
    public func tempFiles() -> [String] {
        FileSystem.list(directory, includingTemp: true).flatMap { folder -> [String] in
            let path = "\(directory)/\(folder)"
            if folder.hasPrefix(FileSystem.tempPrefix) { return [path] }
            return FileSystem.list(path, includingTemp: true).filter { $0.hasPrefix(FileSystem.tempPrefix) }.map { "\(path)/\($0)" }
        }
    }

    /// The object whose id starts with `prefix` (at least 7 hex digits), if exactly one does.
    public func resolve(prefix: String) throws -> ObjectID? {
        guard let prefix = IDPrefix(prefix) else { return nil }
        if let id = ObjectID(hex: prefix.text) { return contains(id) ? id : nil }
        let folder = String(prefix.text.prefix(2))
        return try prefix.unique(FileSystem.list("\(directory)/\(folder)").map { folder + $0 }, id: { $0 }).flatMap(ObjectID.init(hex:))
    }
}

/// A count shared by copies of an `ObjectStore` (tests only).
final class ReadCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
