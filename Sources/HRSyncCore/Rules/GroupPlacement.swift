import Foundation

/// SYNC-RULES §5: the group a wanted employee is a learner of, per synced group entry: from the
/// top group, one level per hierarchy attribute, into the child whose name equals the employee's
/// value (trimmed, case-insensitive); stop at the first level without a matching child. hrsync
/// never creates groups, so at worst the employee stays in the top group.
public enum GroupPlacement {
    /// Where the walk down one `sync.groups` entry ended.
    public struct Placement: Equatable, Sendable {
        /// The group the employee is a learner of: the deepest one reached.
        public var groupID: String
        /// How many hierarchy levels matched (0: the top group itself).
        public var depth: Int
        /// The level where the walk stopped, and the value that had no group (for `explain`).
        public var stoppedAt: (attribute: String, value: String?)?

        /// Field by field (the tuple in `stoppedAt` keeps `Equatable` from being synthesized).
        public static func == (a: Placement, b: Placement) -> Bool {
            a.groupID == b.groupID && a.depth == b.depth && a.stoppedAt?.attribute == b.stoppedAt?.attribute && a.stoppedAt?.value == b.stoppedAt?.value
        }
    }

    /// The placement under `entry`; nil when its top group is not in `tree` or the employee fails its `filter`.
    public static func place(_ employee: Employee, in entry: GroupSync, tree: GroupTree) -> Placement? {
        guard tree.groups[entry.id] != nil else { return nil }
        if let filter = entry.filter, !FilterRule.passes(filter, employee) { return nil }
        var current = entry.id
        for (level, attribute) in entry.hierarchy.enumerated() {
            let value = employee.text(attribute)?.trimmed
            guard let value, !value.isEmpty, let child = tree.child(of: current, named: value) else {
                return Placement(groupID: current, depth: level, stoppedAt: (attribute, value))
            }
            current = child
        }
        return Placement(groupID: current, depth: entry.hierarchy.count, stoppedAt: nil)
    }
}
