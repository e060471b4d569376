/// The 360Learning group hierarchy, linked by `parentId`.
public struct GroupTree: Sendable {
    /// Every group, by id, as given.
    public let groups: [String: LMSGroupRecord]
    private let children: [String: [String]]
    /// (parent, trimmed lowercased child name) → child (the first by id when names repeat). One
    /// table, not one per parent: a lookup hashes once and copies no inner table.
    private let childByName: [ChildName: String]
    /// (parent, trimmed child name as spelled) → the child `childByName` gives for it: a value
    /// spelled as its group is found without lowercasing it (a new string per employee and level).
    private let childBySpelling: [ChildName: String]

    /// A child's name under its parent.
    private struct ChildName: Hashable {
        let parent: String
        let name: String
    }
    /// Loops in the parent links (a damaged platform), each once, from its smallest id: no walk
    /// here follows one twice, and the pull and the planner warn naming them.
    public let cycles: [[String]]

    /// Indexes `groups` by parent and by child name, and finds the cycles.
    public init(_ groups: [String: LMSGroupRecord]) {
        self.groups = groups
        var children: [String: [String]] = [:]
        for group in groups.values { if let parent = group.parentID { children[parent, default: []].append(group.id) } }
        self.children = children.mapValues { $0.sorted() }
        var byName: [ChildName: String] = [:], bySpelling: [ChildName: String] = [:]
        for (parent, ids) in self.children {
            for id in ids.reversed() { byName[ChildName(parent: parent, name: groups[id]!.name.trimmed.lowercasedForMatching)] = id }
        }
        for (parent, ids) in self.children {
            for id in ids {
                let name = groups[id]!.name.trimmed
                bySpelling[ChildName(parent: parent, name: name)] = byName[ChildName(parent: parent, name: name.lowercasedForMatching)]
            }
        }
        (childByName, childBySpelling) = (byName, bySpelling)
        cycles = Cycles.find(in: groups.keys.sorted()) { groups[$0]?.parentID }
    }

    /// The child of `parent` named `name` (trimmed, case-insensitive).
    public func child(of parent: String, named name: String) -> String? {
        let name = name.trimmed
        return childBySpelling[ChildName(parent: parent, name: name)] ?? childByName[ChildName(parent: parent, name: name.lowercasedForMatching)]
    }

    /// The platform's root group (the one without a parent).
    public var root: LMSGroupRecord? { groups.values.filter { $0.parentID == nil }.min { $0.id < $1.id } }

    /// The direct children of `id`, sorted by id; empty for a leaf or an unknown id.
    public func children(of id: String) -> [LMSGroupRecord] {
        (children[id] ?? []).compactMap { groups[$0] }
    }

    /// The groups above `id`, nearest first.
    public func ancestors(of id: String) -> [String] {
        var result: [String] = []
        var current = groups[id]?.parentID
        while let parent = current, !result.contains(parent) {
            result.append(parent)
            current = groups[parent]?.parentID
        }
        return result
    }

    /// The group and every group below it.
    public func subtree(of id: String) -> [String] {
        guard groups[id] != nil else { return [] }
        var result = [id], seen: Set<String> = [id]
        var index = 0
        while index < result.count {
            for child in children[result[index]] ?? [] where seen.insert(child).inserted { result.append(child) }
            index += 1
        }
        return result
    }

    /// "Employees › Berlin › Sales": the names below the root group (whose own name is the
    /// company's); the root's name for the root itself; nil for an unknown group. Bounded, so a
    /// damaged tree with a cycle still answers.
    public func path(of id: String) -> String? {
        guard let group = groups[id] else { return nil }
        var names: [String] = [], next: String? = id
        while let current = next, let record = groups[current], record.parentID != nil, names.count < 64 {
            names.insert(record.name, at: 0)
            next = record.parentID
        }
        return names.isEmpty ? group.name : names.joined(separator: " › ")
    }
}
