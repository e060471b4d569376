import Foundation
import HRSyncCore

/// One line of an apply journal, by what it says: the one place that knows the lines' format.
/// Each is canonical JSON on a line of its own, appended (and fsynced) as the run goes.
public enum JournalLine: Sendable, Equatable {
    /// A finished action: its index in the plan and its result.
    public struct Action: Codable, Sendable, Equatable {
        /// The action's position in the plan's `actions`.
        public var index: Int
        /// What the action did, as the apply record will hold it.
        public var result: ApplyRecord.Result

        /// The line for the action at `index`, finished with `result`.
        public init(index: Int, result: ApplyRecord.Result) {
            self.index = index
            self.result = result
        }
    }

    /// A bulk operation 360Learning accepted, journaled before its first poll so that a resumed
    /// run polls it rather than posting the rows again. `bulk` is the action kind it does; its
    /// canonical JSON starts with `{"bulk":` (sorted keys), which `isBulk` relies on.
    public struct BulkOperation: Codable, Sendable, Equatable {
        /// The action kind the operation does, as its raw value (`add_role`, `remove_role`).
        public var bulk: String
        /// 360Learning's id of the operation, which a resumed run polls.
        public var operation: String

        /// The line for `operation`, doing `bulk` actions.
        public init(bulk: String, operation: String) {
            self.bulk = bulk
            self.operation = operation
        }
    }

    /// An action finished, whatever its result.
    case action(Action)
    /// A bulk operation posted and accepted, not yet polled to its end.
    case bulk(BulkOperation)

    /// The line `raw` holds; nil for a line torn by a kill (see `isTorn`) and for JSON this
    /// hrsync does not write. A bulk line is exactly its two keys, both strings: `forget` keeps
    /// it as it is, so anything more could keep a person it was asked to erase.
    public init?(_ raw: Data) {
        if let action = try? CanonicalJSON.decode(Action.self, from: raw) {
            self = .action(action)
        } else if let object = (try? JSONSerialization.jsonObject(with: raw)) as? [String: Any], Set(object.keys) == ["bulk", "operation"],
            let bulk = object["bulk"] as? String, let operation = object["operation"] as? String
        {
            self = .bulk(BulkOperation(bulk: bulk, operation: operation))
        } else {
            return nil
        }
    }

    /// Not JSON at all: the end of a line a kill cut short (its action runs again). Any other
    /// line `init` does not read is damage, which `forget` refuses rather than keep unscrubbed.
    public static func isTorn(_ raw: Data) -> Bool {
        (try? JSONSerialization.jsonObject(with: raw)) == nil
    }

    /// Names a bulk operation, by its first bytes (no decoding: `status` counts a journal's
    /// actions with it, and a journal of a large apply is long).
    public static func isBulk(_ raw: some Sequence<UInt8>) -> Bool {
        raw.starts(with: bulkPrefix)
    }

    private static let bulkPrefix = Data(#"{"bulk":"#.utf8)

    /// The line as written, without its newline.
    public func encoded() throws -> Data {
        switch self {
        case .action(let action): try CanonicalJSON.encode(action)
        case .bulk(let operation): try CanonicalJSON.encode(operation)
        }
    }
}
