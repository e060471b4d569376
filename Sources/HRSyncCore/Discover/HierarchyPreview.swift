import Foundation

/// The set-up workshop's main question (`discover --group G --hierarchy office,department`): where the
/// wanted employees would land under SYNC-RULES §5, computed with the planner's own `GroupPlacement`.
public struct HierarchyPreview: Codable, Equatable, Sendable {
    /// The synced top group's id.
    public var groupID: String
    /// Its path from the root (`Employees`).
    public var groupPath: String
    /// The hierarchy attributes, level 1 first.
    public var hierarchy: [String]
    /// The wanted (active, onboarding, on-leave) employees placed.
    public var people: Int
    /// People by the depth they reach: index 0 is the top group itself (no level matched).
    public var peopleAtDepth: [Int]
    /// What each level matched and did not.
    public var levels: [Level]

    /// One hierarchy level.
    public struct Level: Codable, Equatable, Sendable {
        /// The attribute of this level.
        public var attribute: String
        /// Values that name a child group, by group: the group's path and the people who reach it.
        public var matched: [MatchedValue]
        /// Values that name no child group under their parent: those people stop one level up.
        public var unmatched: [UnmatchedValue]
        /// People who reached this level without a value for it (they stop one level up too).
        public var withoutValue: Int
    }

    /// A group a level's values lead to.
    public struct MatchedValue: Codable, Equatable, Sendable {
        /// The group's id.
        public var groupID: String
        /// The group's path (`Employees › Berlin`).
        public var path: String
        /// People whose value names it.
        public var people: Int
    }

    /// A value without a group.
    public struct UnmatchedValue: Codable, Equatable, Sendable {
        /// The value as an employee spelt it (trimmed).
        public var value: String
        /// The path of the group the value was looked for under.
        public var under: String
        /// People with that value there.
        public var people: Int
    }

    /// How many stay at the top group because level 1 matched nothing for them (the connector's fallback).
    public var atTop: Int { peopleAtDepth.first ?? 0 }

    /// The preview for `groupID` (which must be in `tree`) walking down `hierarchy`.
    public static func build(groupID: String, hierarchy: [String], employees: [Employee], tree: GroupTree) -> HierarchyPreview {
        let entry = GroupSync(id: groupID, hierarchy: hierarchy, filter: nil)
        var atDepth = Array(repeating: 0, count: hierarchy.count + 1)
        var matched = Array(repeating: [String: Int](), count: hierarchy.count)
        var unmatched = Array(repeating: [String: (value: String, under: String, people: Int)](), count: hierarchy.count)
        var withoutValue = Array(repeating: 0, count: hierarchy.count)
        var people = 0
        for employee in employees.sorted(by: { $0.id < $1.id }) where StatusClass.of(employee.status) == .wanted {
            guard let placement = GroupPlacement.place(employee, in: entry, tree: tree) else { continue }
            people += 1
            atDepth[placement.depth] += 1
            // The groups walked through, top first: level i's group is chain[i + 1].
            let chain = Array(([placement.groupID] + tree.ancestors(of: placement.groupID)).prefix(placement.depth + 1).reversed())
            for level in 0..<placement.depth { matched[level][chain[level + 1], default: 0] += 1 }
            if let stop = placement.stoppedAt, placement.depth < hierarchy.count {
                if let value = stop.value, !value.isEmpty {
                    let key = placement.groupID + "\u{0}" + value.lowercasedForMatching
                    let under = tree.path(of: placement.groupID) ?? placement.groupID
                    unmatched[placement.depth][key, default: (value, under, 0)].people += 1
                } else {
                    withoutValue[placement.depth] += 1
                }
            }
        }
        let levels = hierarchy.enumerated().map { index, attribute in
            Level(
                attribute: attribute,
                matched: matched[index].map { MatchedValue(groupID: $0.key, path: tree.path(of: $0.key) ?? $0.key, people: $0.value) }
                    .sorted { ($1.people, $0.path) < ($0.people, $1.path) },
                unmatched: unmatched[index].values.map { UnmatchedValue(value: $0.value, under: $0.under, people: $0.people) }
                    .sorted { ($1.people, $0.value) < ($0.people, $1.value) },
                withoutValue: withoutValue[index])
        }
        return HierarchyPreview(
            groupID: groupID, groupPath: tree.path(of: groupID) ?? groupID, hierarchy: hierarchy, people: people,
            peopleAtDepth: atDepth, levels: levels)
    }
}
