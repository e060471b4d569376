/// What changed between two 360Learning snapshots, per user: profile fields, status, the
/// Personio mapping, managers, roles per group and custom values. What `diff 360learning~1
/// 360learning` prints. Pure.
public struct LMSDiff: Equatable, Sendable {
    /// What happened to a user between the two snapshots; the raw value is the summary's wording.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Only in the new snapshot, in both but different, or only in the old.
        case added, changed, removed
    }

    /// One user who changed, with what changed.
    public struct UserChange: Equatable, Sendable {
        /// 360Learning's user id.
        public var id: String
        /// Added, changed or removed.
        public var kind: Kind
        /// "First Last" from the newer side; empty when the user has neither name.
        public var name: String
        /// The user's mail from the newer side; nil when it has none.
        public var mail: String?
        /// The attributes that differ (status, profile, mapping, managers, roles, custom values), by name; empty for `removed`.
        public var fields: [EmployeeDiff.FieldChange]
    }

    /// Every user who changed, sorted by id; unchanged users are not listed.
    public var changes: [UserChange]

    /// How many users had this kind of change.
    public func count(_ kind: Kind) -> Int { changes.filter { $0.kind == kind }.count }

    /// "2 added, 5 changed, 0 removed"
    public var summary: String { Kind.allCases.map { "\(count($0)) \($0.rawValue)" }.joined(separator: ", ") }

    /// The changes from `old` to `new`; managers, groups and fields are named as each snapshot names them.
    public static func between(_ old: LMSState, _ new: LMSState) -> LMSDiff {
        var changes: [UserChange] = []
        let oldTree = GroupTree(old.groups), newTree = GroupTree(new.groups)
        for id in Set(old.users.keys).union(new.users.keys).sorted() {
            let before = attributes(of: id, in: old, tree: oldTree), after = attributes(of: id, in: new, tree: newTree)
            let user = new.users[id] ?? old.users[id]
            let name = [user?.firstName, user?.lastName].compactMap { $0 }.joined(separator: " ")
            let regained = regainedForgottenManagers(old.users[id], new.users[id])
            let fields = Set(before.keys).union(after.keys).sorted().compactMap { key -> EmployeeDiff.FieldChange? in
                before[key] == after[key] || (key == "managers" && regained) ? nil : EmployeeDiff.FieldChange(attribute: key, old: before[key], new: after[key])
            }
            let kind: Kind
            switch (old.users[id], new.users[id]) {
            case (nil, _?): kind = .added
            case (_?, nil): kind = .removed
            default:
                guard !fields.isEmpty else { continue }
                kind = .changed
            }
            changes.append(UserChange(id: id, kind: kind, name: name, mail: user?.mail, fields: kind == .removed ? [] : fields))
        }
        return LMSDiff(changes: changes)
    }

    /// Whether the only managers `new` adds are as many as `forget` removed from `old`: the links
    /// to an erased manager read again, no change (the erased person is unknown, not absent).
    static func regainedForgottenManagers(_ old: LMSUserRecord?, _ new: LMSUserRecord?) -> Bool {
        guard let forgotten = old?.forgottenManagers, forgotten > 0, let before = old?.managers, let after = new?.managers else { return false }
        let added = Set(after).subtracting(before)
        return Set(before).isSubset(of: after) && added.count <= forgotten
    }

    /// A user as flat attributes: what a diff compares. Managers by mail, roles and values by the
    /// group's and field's names, so a reader sees people and places, not ids.
    static func attributes(of id: String, in state: LMSState, tree: GroupTree) -> [String: String] {
        guard let user = state.users[id] else { return [:] }
        var out: [String: String] = ["status": user.status]
        for field in LMSField.allCases { if let value = field.read(user) { out[field.rawValue] = value } }
        if let lang = user.lang { out["lang"] = lang }
        if let mapping = state.mappings.values.first(where: { $0.userID == id }) { out["personio id"] = mapping.personioID }
        if let managers = user.managers {
            out["managers"] = managers.map { state.users[$0]?.mail ?? $0 }.sorted().joined(separator: ", ")
        }
        for membership in state.memberships.values where membership.userID == id && !membership.roles.isEmpty {
            out["roles in \(tree.path(of: membership.groupID) ?? membership.groupID)"] = membership.roles.sorted().joined(separator: ", ")
        }
        for value in user.customValues ?? [] {
            out["custom \(state.fields[value.fieldID]?.name ?? value.fieldID)"] = value.value
        }
        return out
    }

}
