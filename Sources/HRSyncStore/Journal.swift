import Foundation
import HRSyncCore

#if canImport(Glibc)
import Glibc
#endif

/// The apply journal: one JSON line per finished action, appended and fsynced as it completes,
/// in `journal/<plan id>`. A run killed at any point leaves every finished action on record, so
/// the next run of the same plan resumes after them; a line torn by the kill is ignored (its
/// action runs again, and the vendor's "already done" answers absorb the repeat).
public struct Journal: Sendable {
    public let path: String

    public init(state: StateDirectory, plan: ObjectID) throws {
        let folder = "\(state.path)/journal"
        if !FileSystem.exists(folder) { try FileSystem.makeDirectory(folder) }
        path = "\(folder)/\(plan.hex)"
    }

    /// One finished action: its index in the plan and its result (bulk lines are the engine's).
    public struct Line: Codable, Sendable, Equatable {
        public var index: Int
        public var result: ApplyRecord.Result

        public init(index: Int, result: ApplyRecord.Result) {
            self.index = index
            self.result = result
        }
    }

    /// The lines written so far, oldest first.
    public func entries() throws -> [Data] {
        guard FileSystem.exists(path) else { return [] }
        return try FileSystem.read(path).split(separator: 0x0A).map { Data($0) }
    }

    public func append(_ line: Data) throws {
        try FileSystem.appendLine(line, to: path)
    }

    /// Plans with an unfinished apply (a journal left by a killed or failed run), and how many
    /// actions each journaled (the lines naming a bulk operation, `{"bulk":…`, are not actions).
    public static func unfinished(in state: StateDirectory) -> [(plan: String, actions: Int)] {
        let folder = "\(state.path)/journal"
        let bulk = Data(#"{"bulk":"#.utf8)
        return FileSystem.list(folder).compactMap { name in
            guard ObjectID(hex: name) != nil, let data = try? FileSystem.read("\(folder)/\(name)") else { return nil }
            return (name, data.split(separator: 0x0A).filter { !$0.starts(with: bulk) }.count)
        }
    }

    /// The apply finished and is recorded: the journal has served.
    public func remove() {
        unlink(path)
    }
}

extension StateDirectory {
    /// Closes the journals a later, complete run made moot: each journal whose plan was logged
    /// before `plan` (a full plan that then applied without a failed action, or found nothing left
    /// to do). Resuming such a plan could only be refused as stale, so the journal would otherwise
    /// keep `status` unhealthy and its plan pinned by gc forever. `note(old)` is the log entry
    /// saying so, appended before the journal goes (a kill in between leaves it for the next run).
    /// Returns the closed plans. The caller holds the lock.
    @discardableResult
    public func closeJournals(supersededBy plan: ObjectID, note: (ObjectID) -> Event) throws -> [ObjectID] {
        let closed = try journals(supersededBy: plan)
        for old in closed {
            try log.append(note(old))
            try Journal(state: self, plan: old).remove()
        }
        return closed
    }

    /// The journals `closeJournals(supersededBy: plan)` closes: those of plans logged before `plan`.
    public func journals(supersededBy plan: ObjectID) throws -> [ObjectID] {
        let events = try log.events()
        let map = try rewrites()
        func logged(_ id: ObjectID) -> [Int] {
            events.indices.filter { events[$0].kind == .plan && events[$0].writes.contains { map.current($0) == id } }
        }
        guard let newest = logged(plan).last else { return [] }
        return journalPlans().filter { old in
            guard old != plan, let first = logged(map.current(old) ?? old).first else { return false }
            return first < newest
        }
    }
}
