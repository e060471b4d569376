import Foundation
import HRSyncCore

/// `hrsync fsck`: every object inflates and matches its hash; every ref, snapshot link and log
/// entry points at an object that exists; files and folders are private.
public struct FsckReport: Sendable {
    public struct Fault: Sendable, Equatable {
        public var path: String
        public var message: String
    }

    public var objectsChecked = 0
    public var refsChecked = 0
    public var eventsChecked = 0
    public var faults: [Fault] = []
    /// Harmless findings (leftover temp files of an interrupted write).
    public var notes: [String] = []

    public var isClean: Bool { faults.isEmpty }
}

extension StateDirectory {
    public func fsck() -> FsckReport {
        var report = FsckReport()
        var present: Set<ObjectID> = []
        var snapshotIDs: [ObjectID] = []
        for id in objects.allIDs() {
            report.objectsChecked += 1
            do {
                let (kind, payload) = try objects.get(id)
                present.insert(id)
                if kind == .snapshot { snapshotIDs.append(id) }
                if kind == .pack { checkPackBases(id, &report) }
                // Plans and apply records are what apply runs and what ownership is built from.
                if kind == .plan, (try? CanonicalJSON.decode(Plan.self, from: payload)) == nil {
                    report.faults.append(.init(path: objects.path(of: id), message: "plan \(id.short) does not decode as a plan"))
                }
                if kind == .apply, (try? CanonicalJSON.decode(ApplyRecord.self, from: payload)) == nil {
                    report.faults.append(.init(path: objects.path(of: id), message: "apply record \(id.short) does not decode (hrsync would forget what it added)"))
                }
            } catch {
                report.faults.append(.init(path: objects.path(of: id), message: error.localizedDescription))
            }
        }
        // After all objects are known: a snapshot is checked by decoding it whole (manifest chain,
        // packs, deltas), not only by its hash.
        for id in snapshotIDs { checkSnapshot(id, present, &report) }
        for name in refs.names() {
            report.refsChecked += 1
            var isDirectory: ObjCBool = false
            guard Refs.isValidName(name), FileManager.default.fileExists(atPath: refs.path(of: name), isDirectory: &isDirectory), !isDirectory.boolValue else {
                report.faults.append(.init(path: refs.path(of: name), message: "stray entry in refs/ (not a ref file)"))
                continue
            }
            do {
                if let id = try refs.get(name), !present.contains(id) {
                    report.faults.append(.init(path: refs.path(of: name), message: "ref points at missing or corrupt object \(id.hex)"))
                }
            } catch {
                report.faults.append(.init(path: refs.path(of: name), message: error.localizedDescription))
            }
        }
        checkLog(present, &report)
        checkModes(&report)
        let temps = objects.tempFiles()
        if !temps.isEmpty { report.notes.append("\(temps.count) leftover temp file(s) from an interrupted write (harmless; gc removes them)") }
        return report
    }

    private func checkSnapshot(_ id: ObjectID, _ present: Set<ObjectID>, _ report: inout FsckReport) {
        do {
            let m = try snapshots.manifest(id)
            let missing = ([m.parent, m.base].compactMap({ $0 }) + m.packs).filter { !present.contains($0) }
            for link in missing {
                report.faults.append(.init(path: objects.path(of: id), message: "snapshot \(id.short) refers to missing object \(link.hex)"))
            }
            guard missing.isEmpty else { return }
            do {
                _ = try snapshots.read(id)
            } catch {
                report.faults.append(.init(path: objects.path(of: id), message: "snapshot \(id.hex) does not decode: \(error.localizedDescription)"))
            }
        } catch {
            report.faults.append(.init(path: objects.path(of: id), message: error.localizedDescription))
        }
    }

    /// A pack of deltas needs the packs its deltas are written against.
    private func checkPackBases(_ id: ObjectID, _ report: inout FsckReport) {
        do {
            // Reading the header resolves each base; a missing one is reported as unreadable.
            for base in try PackReader(objects: objects).pack(id).bases where !objects.contains(base) {
                report.faults.append(.init(path: objects.path(of: id), message: "pack \(id.short) has deltas against missing object \(base.hex)"))
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
                    report.faults.append(.init(path: log.path, message: "\(event.kind.rawValue) event \(event.id.prefix(12)) refers to missing object \(id.hex)"))
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
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: item, isDirectory: &isDirectory), let mode = FileSystem.mode(item) else { continue }
            let expected = isDirectory.boolValue ? FileSystem.directoryMode : FileSystem.fileMode
            if mode & 0o077 != 0 {
                report.faults.append(.init(path: item, message: "mode \(String(mode, radix: 8)) lets others read personal data; expected \(String(expected, radix: 8))"))
            }
        }
    }
}
