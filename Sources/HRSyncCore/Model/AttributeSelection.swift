/// The Personio attributes hrsync keeps in its snapshots: the ones the sync reads (§3), the group
/// hierarchies (§5), the filters (§1) and the custom fields (§4). Everything else in the payload
/// (salaries, bank details, …) is dropped when read, so it never reaches the state directory.
public enum AttributeSelection {
    /// The attribute keys to keep for this `sync:` section.
    public static func keys(for sync: SyncSettings) -> Set<String> {
        var keys = Set(PersonioKey.standard)
        for group in sync.groups {
            keys.formUnion(group.hierarchy)
            if let filter = group.filter { keys.formUnion(attributes(of: filter)) }
        }
        for filter in sync.filters { keys.formUnion(attributes(of: filter)) }
        keys.formUnion(sync.customFields.map(\.personioKey))
        if sync.prestartDays != nil { keys.insert(PersonioKey.hireDate) }
        // Read in every leavers mode: `upcoming` and `explain` show the coming leavers under `delete` too.
        keys.insert(PersonioKey.terminationDate)
        return keys
    }

    /// The `meta` key under which a Personio snapshot records the attribute keys its pull requested.
    public static let metaKey = "attributes"

    /// `keys` as a snapshot records them: sorted, comma-separated.
    public static func recorded(_ keys: Set<String>) -> String {
        keys.sorted().joined(separator: ",")
    }

    /// The keys `sync` needs that a pull which recorded `recorded` did not request, sorted (empty when
    /// it requested them all); nil when the snapshot records nothing (pulled by an older hrsync).
    public static func unrecorded(for sync: SyncSettings, recorded: String?) -> [String]? {
        guard let recorded else { return nil }
        let requested = Set(recorded.split(separator: ",").map(String.init))
        return keys(for: sync).subtracting(requested).sorted()
    }

    static func attributes(of filter: EmployeeFilter) -> Set<String> {
        switch filter {
        case .condition(let attribute, _): [attribute]
        case .any(let parts), .all(let parts): parts.reduce(into: Set<String>()) { $0.formUnion(attributes(of: $1)) }
        }
    }
}
