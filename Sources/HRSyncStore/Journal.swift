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
