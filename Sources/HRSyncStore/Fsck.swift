import Foundation
import HRSyncCore

#if canImport(Glibc)
    import Glibc
#endif

/// `hrsync fsck`: every object inflates and matches its hash; every ref, snapshot link and log
/// entry points at an object that exists; files and folders are private.
public struct FsckReport: Sendable {
    /// One thing wrong, with where it is; any makes `hrsync fsck` exit 1.
    public struct Fault: Sendable, Equatable {
        /// The file at fault (an object, a ref, `log:LINE`), raw: the CLI escapes it.
        public var path: String
        /// What is wrong there, for the person who has to fix it.
        public var message: String
    }

    /// Object files read, inflated and checked against their id.
    public var objectsChecked = 0
    /// Entries of refs/ looked at, stray ones included.
    public var refsChecked = 0
    /// Readable log entries whose objects were looked for.
    public var eventsChecked = 0
    /// Everything found wrong, objects first, then snapshots, refs, the log and file modes.
    public var faults: [Fault] = []
    /// Harmless findings (leftover temp files of an interrupted write).
    public var notes: [String] = []

    /// No faults (notes do not count).
    public var isClean: Bool { faults.isEmpty }
}

extension StateDirectory {
    /// Each object is read once, a pack once more per pack whose deltas use it: fsck is linear in
    /// the store however long its delta chains. Paths and messages are raw (file names included);
    /// the CLI escapes them for the terminal.
    public func fsck() -> FsckReport {
        var report = FsckReport()
        var present: Set<ObjectID> = []
        var manifests: [ObjectID: SnapshotManifest] = [:]
        for id in objects.allIDs() {
            report.objectsChecked += 1
            do {
                let (kind, payload) = try objects.get(id)
                present.insert(id)
                if kind == .snapshot { manifests[id] = try snapshots.manifest(id, payload: payload) }
                if kind == .pack { checkPackBases(id, payload: payload, &report) }
                // Plans and apply records are what apply runs and what ownership is built from.
                if kind == .plan, (try? CanonicalJSON.decode(Plan.self, from: payload)) == nil {
                    report.faults.append(.init(path: objects.path(of: id), message: "plan \(id.short) does not decode as a plan"))
                }
                if kind == .apply, (try? CanonicalJSON.decode(ApplyRecord.self, from: payload)) == nil {
                    report.faults.append(
                        .init(path: objects.path(of: id), message: "apply record \(id.short) does not decode (hrsync would forget what it added)"))
                }
            } catch {
                report.faults.append(.init(path: objects.path(of: id), message: error.localizedDescription))
            }
        }
        // After all objects are known: a snapshot is checked by decoding it whole (manifest chain,
        // packs, deltas), not only by its hash.
        checkSnapshots(manifests, present, &report)
        checkRefs(manifests, present, &report)
        checkLog(present, &report)
        checkModes(&report)
        let temps = objects.tempFiles()
        if !temps.isEmpty { report.notes.append("\(Plural.count(temps.count, "leftover temp file")) from an interrupted write (harmless; gc removes them)") }
        return report
    }

    /// Each ref is a plain file (a symlink is not followed) naming a stored object; a side's ref
    /// names a snapshot of that side.
    private func checkRefs(_ manifests: [ObjectID: SnapshotManifest], _ present: Set<ObjectID>, _ report: inout FsckReport) {
        for name in refs.names().sorted() {
            report.refsChecked += 1
            let path = refs.path(of: name)
            var info = stat()
            let found = lstat(path, &info) == 0
            if found && info.st_mode & S_IFMT == S_IFLNK {
                report.faults.append(.init(path: path, message: "a symbolic link in refs/ (not followed: a ref is a plain file)"))
                continue
            }
            guard found, Refs.isValidName(name), info.st_mode & S_IFMT == S_IFREG else {
                report.faults.append(.init(path: path, message: "stray entry in refs/ (not a ref file)"))
                continue
            }
            do {
                guard let id = try refs.get(name) else { continue }
                guard present.contains(id) else {
                    report.faults.append(.init(path: path, message: "ref points at missing or corrupt object \(id.hex)"))
                    continue
                }
                guard [Refs.personio, Refs.learning360].contains(name) else { continue }
                if let kind = manifests[id]?.kind, kind != name {
                    report.faults.append(.init(path: path, message: "ref \(name) points at a \(kind) snapshot (\(id.hex)), not a \(name) one"))
                } else if manifests[id] == nil, let kind = try? objects.get(id).kind, kind != .snapshot {
                    report.faults.append(.init(path: path, message: "ref \(name) points at a \(kind.rawValue) (\(id.hex)), not a snapshot"))
                }
            } catch {
                report.faults.append(.init(path: path, message: error.localizedDescription))
            }
        }
    }

    /// A pack of deltas needs the packs its deltas are written against.
    private func checkPackBases(_ id: ObjectID, payload: Data, _ report: inout FsckReport) {
        do {
            // Reading the header resolves each base; a missing one is reported as unreadable. A
            // reader of its own: one kept for every pack would hold the whole store.
            for base in try references(of: id, kind: .pack, payload: payload, packs: PackReader(objects: objects)) where !objects.contains(base.id) {
                report.faults.append(.init(path: objects.path(of: id), message: "pack \(id.short) has deltas against missing object \(base.id.hex)"))
            }
        } catch {
            report.faults.append(.init(path: objects.path(of: id), message: error.localizedDescription))
        }
    }

    private func checkLog(_ present: Set<ObjectID>, _ report: inout FsckReport) {
        do {
            let (events, torn) = try log.read()
            report.eventsChecked = events.count
            // Ids gc collected or gc/forget rewrote are accounted for in `rewrites`, not missing.
            let map: RewriteMap
            do { map = try rewrites() } catch {
                report.faults.append(.init(path: rewritesPath, message: error.localizedDescription))
                map = RewriteMap()
            }
            for line in torn { report.faults.append(.init(path: "\(log.path):\(line)", message: "unreadable log line")) }
            for event in events {
                for id in event.reads + event.writes where !present.contains(id) && map.fate(of: id) == nil {
                    report.faults.append(
                        .init(path: log.path, message: "\(event.kind.rawValue) event \(event.id.prefix(12)) refers to missing object \(id.hex)"))
                }
            }
        } catch {
            report.faults.append(.init(path: log.path, message: error.localizedDescription))
        }
    }

    private func checkModes(_ report: inout FsckReport) {
        guard let walker = FileManager.default.enumerator(atPath: path) else { return }
        var paths = [path]
        while let relative = walker.nextObject() as? String { paths.append("\(path)/\(relative)") }
        for item in paths {
            // A link is never followed (its target's mode is not ours); one in refs/ is reported there.
            var info = stat()
            guard lstat(item, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFLNK {
                if PathText.folder(of: item) != refs.directory {
                    report.faults.append(.init(path: item, message: "a symbolic link in the state directory (hrsync writes none; not followed)"))
                }
                continue
            }
            let mode = info.st_mode & 0o777
            let expected = info.st_mode & S_IFMT == S_IFDIR ? FileSystem.directoryMode : FileSystem.fileMode
            if mode & 0o077 != 0 {
                report.faults.append(
                    .init(path: item, message: "mode \(String(mode, radix: 8)) lets others read personal data; expected \(String(expected, radix: 8))"))
            }
        }
    }
}
