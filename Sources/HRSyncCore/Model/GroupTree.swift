/// The 360Learning group hierarchy, linked by `parentId`.
public struct GroupTree: Sendable {
    public let groups: [String: LMSGroupRecord]
    private let children: [String: [String]]

    public init(_ groups: [String: LMSGroupRecord]) {
        self.groups = groups
        var children: [String: [String]] = [:]
        for group in groups.values { if let parent = group.parentID { children[parent, default: []].append(group.id) } }
        self.children = children.mapValues { $0.sorted() }
    }

    /// The platform's root group (the one without a parent).
    public var root: LMSGroupRecord? { groups.values.filter { $0.parentID == nil }.min { $0.id < $1.id } }

    public func children(of id: String) -> [LMSGroupRecord] {
        (children[id] ?? []).compactMap { groups[$0] }
    }

    /// The group and every group below it.
    public func subtree(of id: String) -> [String] {
        guard groups[id] != nil else { return [] }
        var result = [id]
        var index = 0
        while index < result.count {
            result += children[result[index]] ?? []
            index += 1
        }
        return result
    }
}
