import Foundation

/// The 360Learning state as snapshot records (`user:<id>`, `map:<personio id>`, `field:<id>`,
/// `group:<id>`, `role:<group>/<user>`, `admin`, `read:managers`) and back.
public enum LMSSnapshotRecords {
    /// The snapshot kind of 360Learning snapshots.
    public static let kind = "360learning"

    /// One canonical-JSON record per user, mapping, field, group, role list, and the admin.
    public static func encode(_ state: LMSState) throws -> [String: Data] {
        var records: [String: Data] = [:]
        records.reserveCapacity(state.users.count + state.mappings.count + state.memberships.count + state.groups.count + 1)
        for (id, user) in state.users { records["user:\(id)"] = try CanonicalJSON.encode(user) }
        for (key, mapping) in state.mappings { records["map:\(key)"] = try CanonicalJSON.encode(mapping) }
        for (id, field) in state.fields { records["field:\(id)"] = try CanonicalJSON.encode(field) }
        for (id, group) in state.groups { records["group:\(id)"] = try CanonicalJSON.encode(group) }
        for (key, membership) in state.memberships { records["role:\(key.group)/\(key.user)"] = try CanonicalJSON.encode(membership) }
        if let admin = state.admin { records["admin"] = try CanonicalJSON.encode(admin) }
        if let read = state.managersRead { records["read:managers"] = try CanonicalJSON.encode(read.sorted()) }
        return records
    }

    /// The state back; throws `PersonioSnapshotRecords.UnreadableRecord` for a key or record it cannot read.
    public static func decode(_ records: [String: Data]) throws -> LMSState {
        let decoder = JSONDecoder()
        var state = LMSState()
        for (key, data) in records {
            // Split on the colon's byte, not a Character: a value that starts with a combining mark
            // fuses with the colon into one Character and would hide it (found by Fuzz/manifest).
            let bytes = Array(key.utf8)
            guard let colon = bytes.firstIndex(of: 0x3A) ?? (key == "admin" ? bytes.endIndex : nil) else { throw PersonioSnapshotRecords.UnreadableRecord(key: key) }
            let rest = colon == bytes.endIndex ? "" : String(decoding: bytes[(colon + 1)...], as: UTF8.self)
            do {
                switch String(decoding: bytes[..<colon], as: UTF8.self) {
                case "user": state.users[rest] = try decoder.decode(LMSUserRecord.self, from: data)
                case "map": state.mappings[rest] = try decoder.decode(LMSMappingRecord.self, from: data)
                case "field": state.fields[rest] = try decoder.decode(LMSFieldRecord.self, from: data)
                case "group": state.groups[rest] = try decoder.decode(LMSGroupRecord.self, from: data)
                case "role":
                    let membership = try decoder.decode(LMSMembershipRecord.self, from: data)
                    state.memberships[membership.key] = membership
                case "admin": state.admin = try decoder.decode(LMSAdminRecord.self, from: data)
                case "read" where rest == "managers": state.managersRead = Set(try decoder.decode([String].self, from: data))
                default: throw PersonioSnapshotRecords.UnreadableRecord(key: key)
                }
            } catch {
                throw PersonioSnapshotRecords.UnreadableRecord(key: key)
            }
        }
        return state
    }
}
