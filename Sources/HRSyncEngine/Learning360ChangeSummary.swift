import HRSyncCore
import HRSyncStore

extension Learning360Pull {
    /// What changed since the previous snapshot, in the platform's words: "2 users, 3 roles changed"
    /// (a user's record holds its fields and custom values), "no change", or "first snapshot".
    public static func describe(_ changes: SnapshotChanges?) -> String {
        guard let changes else { return "first snapshot" }
        var counts: [String: Int] = [:]
        for key in changes.added + changes.changed + changes.removed {
            let noun: String
            switch LMSRecordKey(key) {
            case .user: noun = "user"
            case .mapping: noun = "external id"
            case .field: noun = "custom field definition"
            case .group: noun = "group"
            case .role: noun = "group role"
            case .admin: noun = "admin"
            case .managersRead, nil: continue
            }
            counts[noun, default: 0] += 1
        }
        guard !counts.isEmpty else { return "no change" }
        let order = ["user", "group role", "external id", "group", "custom field definition", "admin"]
        return ListFormatter.and(order.compactMap { noun in counts[noun].map { Plural.count($0, noun) } }) + " changed"
    }
}
