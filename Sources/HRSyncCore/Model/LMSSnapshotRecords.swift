import Foundation

/// The 360Learning state as snapshot records, keyed by `LMSRecordKey`, and back.
public enum LMSSnapshotRecords {
    /// The snapshot kind of 360Learning snapshots.
    public static let kind = "360learning"

    /// One canonical-JSON record per user, mapping, field, group, role list, and the admin.
    public static func encode(_ state: LMSState) throws -> [String: Data] {
        var copy = state
        return try encode(draining: &copy)
    }

    /// As `encode(_:)`, emptying each table of `state` once it is encoded: a pull's platform and its
    /// records are never both whole in memory (at 100,000 users each is over 100 MB).
    public static func encode(draining state: inout LMSState) throws -> [String: Data] {
        var records: [String: Data] = [:]
        records.reserveCapacity(state.users.count + state.mappings.count + state.memberships.count + state.groups.count + 1)
        func put(_ key: LMSRecordKey, _ value: some Encodable) throws { records[key.text] = try CanonicalJSON.encode(value) }
        for (id, user) in state.users { try put(.user(id), user) }
        state.users = [:]
        for (key, mapping) in state.mappings { try put(.mapping(key), mapping) }
        state.mappings = [:]
        for (id, field) in state.fields { try put(.field(id), field) }
        for (id, group) in state.groups { try put(.group(id), group) }
        for (key, membership) in state.memberships { try put(.role(key), membership) }
        state.memberships = [:]
        if let admin = state.admin { try put(.admin, admin) }
        if let read = state.managersRead { try put(.managersRead, read.sorted()) }
        state = LMSState()
        return records
    }

    /// The keys a view of a plan needs to name things: every group, field and the admin, and the users
    /// in `users`; not the roles and mappings, which are most of a large snapshot.
    public static func namingKeys(users: Set<String>) -> (String) -> Bool {
        let wanted = Set(users.map { LMSRecordKey.user($0).text })
        return { key in
            // Roles and mappings by their first bytes, before a key is parsed (parsing a role's key makes two strings).
            if LMSRecordKey.isRole(key) || LMSRecordKey.isMapping(key) { return false }
            return switch LMSRecordKey(key) {
            case .group?, .field?, .admin?: true
            case .user?: wanted.contains(key)
            default: false
            }
        }
    }

    /// The state back; throws `PersonioSnapshotRecords.UnreadableRecord` for a key or record it cannot read.
    public static func decode(_ records: [String: Data]) throws -> LMSState {
        try decode { body in for (key, record) in records { try body(key, record) } }
    }

    /// How many users, mappings and roles to size the state's dictionaries for before decoding:
    /// grown as records come, each dictionary's last doubling held the old table and the new at
    /// once, at the moment the decode peaked.
    public struct Capacity: Sendable {
        /// Users expected.
        public var users: Int
        /// External-id mappings expected.
        public var mappings: Int
        /// Role records expected.
        public var memberships: Int

        /// Counts expected (0: grown as records come).
        public init(users: Int = 0, mappings: Int = 0, memberships: Int = 0) {
            (self.users, self.mappings, self.memberships) = (users, mappings, memberships)
        }
    }

    /// The state from records handed over one by one (`OpenSnapshot.forEach`), each key
    /// once; `capacity` sizes the dictionaries first.
    public static func decode(capacity: Capacity = Capacity(), each records: RecordSource) throws -> LMSState {
        // The scanner reads the bulk record types as hrsync writes them, fast; anything else is JSONDecoder's.
        let decoder = JSONDecoder()
        var state = LMSState()
        state.users.reserveCapacity(capacity.users)
        state.mappings.reserveCapacity(capacity.mappings)
        state.memberships.reserveCapacity(capacity.memberships)
        var shared = SharedTexts()
        func role(_ data: Data) throws {
            var membership: LMSMembershipRecord
            if let scanned = LMSMembershipRecord.scanned(data, sharing: &shared) {
                membership = scanned
            } else {
                membership = try decoder.decode(LMSMembershipRecord.self, from: data)
                (membership.groupID, membership.userID) = (shared(membership.groupID), shared(membership.userID))
                membership.roles = membership.roles.map { shared($0) }
            }
            state.memberships[membership.key] = membership
        }
        try records { text, data in
            // Roles, users and mappings, most of the records, are told by their keys' first bytes,
            // not parsed: a parsed key was two more strings per record (466,000 at 100,000 users).
            // A user's and a mapping's key names what its record holds (as hrsync writes them): the
            // record's string is the table's key, not another copy.
            do {
                if LMSRecordKey.isWellFormedRole(text) { return try role(data) }
                if LMSRecordKey.isUser(text) {
                    let user = try LMSUserRecord.scanned(data, sharing: &shared) ?? shared(decoder.decode(LMSUserRecord.self, from: data))
                    let id = text.utf8.dropFirst(LMSRecordKey.userPrefix.utf8.count)
                    state.users[id.elementsEqual(user.id.utf8) ? user.id : shared(String(Substring(id)))] = user
                    return
                }
                if LMSRecordKey.isMapping(text) {
                    var mapping: LMSMappingRecord
                    if let scanned = LMSMappingRecord.scanned(data, sharing: &shared) {
                        mapping = scanned
                    } else {
                        mapping = try decoder.decode(LMSMappingRecord.self, from: data)
                        mapping.userID = shared(mapping.userID)
                    }
                    let id = text.utf8.dropFirst(LMSRecordKey.mappingPrefix.utf8.count)
                    state.mappings[id.elementsEqual(mapping.personioID.utf8) ? mapping.personioID : String(Substring(id))] = mapping
                    return
                }
            } catch {
                throw PersonioSnapshotRecords.UnreadableRecord(key: text)
            }
            guard let key = LMSRecordKey(text) else { throw PersonioSnapshotRecords.UnreadableRecord(key: text) }
            do {
                switch key {
                case .role, .user, .mapping: throw PersonioSnapshotRecords.UnreadableRecord(key: text)  // told by their bytes above
                case .field(let id): state.fields[id] = try decoder.decode(LMSFieldRecord.self, from: data)
                case .group(let id): state.groups[id] = try decoder.decode(LMSGroupRecord.self, from: data)
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
