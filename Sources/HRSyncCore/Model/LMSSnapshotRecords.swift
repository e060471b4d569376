import Foundation

/// The 360Learning state as snapshot records, keyed by `LMSRecordKey`, and back.
public enum LMSSnapshotRecords {
    /// The snapshot kind of 360Learning snapshots.
    public static let kind = "360learning"

    /// One canonical-JSON record per user, mapping, field, group, role list, and the admin.
    public static func encode(_ state: LMSState) throws -> [String: Data] {
        var records: [String: Data] = [:]
        records.reserveCapacity(state.users.count + state.mappings.count + state.memberships.count + state.groups.count + 1)
        func put(_ key: LMSRecordKey, _ value: some Encodable) throws { records[key.text] = try CanonicalJSON.encode(value) }
        for (id, user) in state.users { try put(.user(id), user) }
        for (key, mapping) in state.mappings { try put(.mapping(key), mapping) }
        for (id, field) in state.fields { try put(.field(id), field) }
        for (id, group) in state.groups { try put(.group(id), group) }
        for (key, membership) in state.memberships { try put(.role(key), membership) }
        if let admin = state.admin { try put(.admin, admin) }
        if let read = state.managersRead { try put(.managersRead, read.sorted()) }
        return records
    }

    /// The keys a view of a plan needs to name things: every group, field and the admin, and the users
    /// in `users`; not the roles and mappings, which are most of a large snapshot.
    public static func namingKeys(users: Set<String>) -> (String) -> Bool {
        let wanted = Set(users.map { LMSRecordKey.user($0).text })
        return { key in
            switch LMSRecordKey(key) {
            case .group?, .field?, .admin?: true
            case .user?: wanted.contains(key)
            default: false
            }
        }
    }

    /// The state back; throws `PersonioSnapshotRecords.UnreadableRecord` for a key or record it cannot read.
    public static func decode(_ records: [String: Data]) throws -> LMSState {
        // The scanner reads the bulk record types as hrsync writes them, fast; anything else is JSONDecoder's.
        let decoder = JSONDecoder()
        var state = LMSState()
        for (text, data) in records {
            guard let key = LMSRecordKey(text) else { throw PersonioSnapshotRecords.UnreadableRecord(key: text) }
            do {
                switch key {
                case .user(let id): state.users[id] = try LMSUserRecord.scanned(data) ?? decoder.decode(LMSUserRecord.self, from: data)
                case .mapping(let id): state.mappings[id] = try LMSMappingRecord.scanned(data) ?? decoder.decode(LMSMappingRecord.self, from: data)
                case .field(let id): state.fields[id] = try decoder.decode(LMSFieldRecord.self, from: data)
                case .group(let id): state.groups[id] = try decoder.decode(LMSGroupRecord.self, from: data)
                case .role:
                    let membership = try LMSMembershipRecord.scanned(data) ?? decoder.decode(LMSMembershipRecord.self, from: data)
                    state.memberships[membership.key] = membership
                case .admin: state.admin = try decoder.decode(LMSAdminRecord.self, from: data)
                case .managersRead: state.managersRead = Set(try decoder.decode([String].self, from: data))
                }
            } catch {
                throw PersonioSnapshotRecords.UnreadableRecord(key: text)
            }
        }
        return state
    }
}
