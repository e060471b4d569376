import Foundation
import HRSyncCore

#if canImport(Glibc)
    import Glibc
#endif

/// The apply journal: one line per finished action (and per bulk operation posted; see
/// `JournalLine`), appended and fsynced as it completes, in `journal/<plan id>`. A run killed at
/// any point leaves every finished action on record, so the next run of the same plan resumes
/// after them; a line torn by the kill is ignored (its action runs again, and the vendor's
/// "already done" answers absorb the repeat).
public struct Journal: Sendable {
    /// `journal/<plan id>` in the state directory (Man/hrsync.1, FILES).
    public let path: String

    /// The journal of `plan`, its folder made ready for appending.
    public init(state: StateDirectory, plan: ObjectID) throws {
        let folder = Self.folder(in: state)
        if !FileSystem.exists(folder) { try FileSystem.makeDirectory(folder) }
        self.init(plan: plan, in: state)
    }

    /// The journal of `plan`, whether or not it exists (nothing is created).
    init(plan: ObjectID, in state: StateDirectory) {
        path = "\(Self.folder(in: state))/\(plan.hex)"
    }

    /// `journal/`: one file per plan with an unfinished apply, named by the plan's id.
    static func folder(in state: StateDirectory) -> String { "\(state.path)/journal" }

    /// The lines written so far, oldest first, as stored (torn and unknown lines included).
    public func entries() throws -> [Data] {
        guard FileSystem.exists(path) else { return [] }
        return try FileSystem.read(path).split(separator: 0x0A).map { Data($0) }
    }

    /// The lines written so far that read as actions or bulk operations, oldest first: a line
    /// torn by a kill (or one hrsync does not write) is no action, and its action runs again.
    public func lines() throws -> [JournalLine] {
        try entries().compactMap(JournalLine.init)
    }

    /// Puts the journal on record, empty, before the run's first write. A run killed after a write
    /// took effect and before its line (say the first action, a create) would otherwise leave no
    /// journal at all, and the run that supersedes it would never look on the platform for what
    /// that write did: the learner role a create gave would be nobody's to remove on a later move.
    public func begin() throws {
        guard !FileSystem.exists(path) else { return }
        try FileSystem.createEmpty(path)
    }

    /// Appends `line` (fsynced: on record before the next action starts).
    public func append(_ line: JournalLine) throws {
        try append(try line.encoded())
    }

    /// A line as given (tests write damaged ones).
    func append(_ line: Data) throws {
        try FileSystem.appendLine(line, to: path)
    }

    /// Replaces the journal with `lines`, atomically (`forget` rewriting one).
    func write(_ lines: [Data]) throws {
        try FileSystem.writeAtomically(Data(lines.map { $0 + Data([0x0A]) }.joined()), to: path)
    }

    /// Plans with an unfinished apply (a journal left by a killed or failed run), and how many
    /// actions each journaled (the lines naming a bulk operation are not actions).
    public static func unfinished(in state: StateDirectory) -> [(plan: String, actions: Int)] {
        let folder = folder(in: state)
        return FileSystem.list(folder).compactMap { name in
            guard ObjectID(hex: name) != nil, let data = try? FileSystem.read("\(folder)/\(name)") else { return nil }
            return (name, data.split(separator: 0x0A).filter { !JournalLine.isBulk($0) }.count)
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
        let history = try history()
        let plans = history.entries(.plan)
        func logged(_ id: ObjectID) -> [Int] {
            plans.indices.filter { plans[$0].writes.contains { $0.current == id } }
        }
        guard let newest = logged(plan).last else { return [] }
        return journalPlans().filter { old in
            guard old != plan, let first = logged(history.currentID(of: old) ?? old).first else { return false }
            return first < newest
        }
    }

    /// The plans with a journal (an unfinished apply), by the ids their journals are named by.
    func journalPlans() -> [ObjectID] {
        FileSystem.list(Journal.folder(in: self)).compactMap(ObjectID.init(hex:))
    }
}
