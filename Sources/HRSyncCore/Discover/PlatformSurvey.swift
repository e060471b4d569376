import Foundation

/// One 360Learning group as `discover` lists it: the tree from the root, depth first.
public struct DiscoveredGroup: Codable, Equatable, Sendable {
    /// The 24-hex id, what `sync.groups[].id` takes.
    public var id: String
    /// `Employees › Berlin`: the names below the root (the root's own name for the root).
    public var path: String
    /// 0 for the root.
    public var depth: Int
    /// 360Learning's `public` flag.
    public var isPublic: Bool
}

/// A platform admin or owner: the candidates for `learning360.admin_email`.
public struct DiscoveredAdmin: Codable, Equatable, Sendable {
    /// The user's id.
    public var id: String
    /// The login mail; nil for a username login (it cannot be the connector admin).
    public var mail: String?
    /// `active`, `invited` or `deleted`.
    public var status: String
    /// `admin` and/or `owner`, in the root group.
    public var roles: [String]

    /// An admin from its parts.
    public init(id: String, mail: String?, status: String, roles: [String]) {
        self.id = id
        self.mail = mail
        self.status = status
        self.roles = roles
    }

    /// Whether it can be the connector admin (SYNC-RULES §1): active, with admin or owner in the root group.
    public var qualifies: Bool { status == "active" && roles.contains { $0 == "admin" || $0 == "owner" } }
}

/// The group tree and its lookups by id or path (pure).
public enum GroupListing {
    /// Every group reachable from a root, depth first, children by name; a damaged tree's loops are not followed.
    public static func list(_ tree: GroupTree) -> [DiscoveredGroup] {
        var result: [DiscoveredGroup] = []
        var seen = Set<String>()
        func visit(_ group: LMSGroupRecord, depth: Int) {
            guard seen.insert(group.id).inserted else { return }
            result.append(DiscoveredGroup(id: group.id, path: tree.path(of: group.id) ?? group.name, depth: depth, isPublic: group.isPublic))
            for child in tree.children(of: group.id).sorted(by: { ($0.name, $0.id) < ($1.name, $1.id) }) { visit(child, depth: depth + 1) }
        }
        for root in tree.groups.values.filter({ $0.parentID == nil }).sorted(by: { $0.id < $1.id }) { visit(root, depth: 0) }
        return result
    }

    /// Why `--group` named no single group.
    public enum Problem: Error, Equatable, Sendable {
        /// Neither an id nor a path of the tree; `suggestion`: the nearest path.
        case unknown(String, suggestion: String?)
        /// A path that several groups have.
        case ambiguous(String, ids: [String])
    }

    /// The group with this id, or the one whose path (`Employees › Berlin`, `Employees/Berlin`;
    /// trimmed, case-insensitive, as §5 compares names) is `text`.
    public static func resolve(_ text: String, in tree: GroupTree) -> Result<String, Problem> {
        let wanted = text.trimmed
        if tree.groups[wanted] != nil { return .success(wanted) }
        let key = normalized(wanted)
        let all = list(tree)
        let hits = all.filter { normalized($0.path) == key }
        if hits.count == 1 { return .success(hits[0].id) }
        if hits.count > 1 { return .failure(.ambiguous(wanted, ids: hits.map(\.id))) }
        return .failure(.unknown(wanted, suggestion: Suggestion.closest(to: wanted, in: all.map(\.path))))
    }

    static func normalized(_ path: String) -> String {
        path.split(whereSeparator: { "›/>".contains($0) }).map { String($0).trimmed.lowercasedForMatching }.joined(separator: "/")
    }
}
