/// SYNC-RULES §7, blanking guard: a synced field that goes from a value to empty for more users
/// than `sync.max_blanked` allows is held, field by field. A Personio credential that lost read
/// access to an attribute, or a botched HR import, looks to a sync like "this field is now empty
/// for everyone"; the guard keeps that from being written to every user.
public enum BlankingGuard {
    /// One held field: an entry of the plan's `blanking_held`.
    public struct Verdict: Codable, Equatable, Sendable {
        /// The field: a profile field (`firstName`, `lastName`, `job`) or a custom field by its configured `name`.
        public var field: String
        /// The users the plan empties the field of.
        public var blanked: Int
        /// The blanks `sync.max_blanked` allows for `syncedUsers` (never below 1).
        public var allowed: Int
        /// The users matched to a Personio employee: what a share is taken of.
        public var syncedUsers: Int
        /// `sync.max_blanked` as configured ("25" or "5%").
        public var limit: String

        /// A verdict as computed, or read from a plan.
        public init(field: String, blanked: Int, allowed: Int, syncedUsers: Int, limit: String) {
            self.field = field
            self.blanked = blanked
            self.allowed = allowed
            self.syncedUsers = syncedUsers
            self.limit = limit
        }

        enum CodingKeys: String, CodingKey { case field, blanked, allowed, syncedUsers = "synced_users", limit }
    }

    /// The names `--allow-blanking` and the verdicts use: the profile fields a sync writes, then
    /// the configured custom fields.
    public static func fieldNames(_ sync: SyncSettings) -> [String] {
        LMSField.allCases.filter { $0 != .mail }.map(\.rawValue) + sync.customFields.map(\.name)
    }

    /// The configured custom fields a plan's values refer to: created ones by their name, existing
    /// ones by the name of their 360Learning definition (`definitions`: id → name). A value of any
    /// other field (one hrsync no longer configures) is not a synced field's.
    public static func customFieldNames(_ sync: SyncSettings, definitions: [String: String]) -> [FieldRef: String] {
        let configured = Set(sync.customFields.map(\.name))
        var names: [FieldRef: String] = [:]
        for name in configured { names[.created(name: name)] = name }
        for (id, name) in definitions where configured.contains(name) { names[.existing(id)] = name }
        return names
    }

    /// Per field, the distinct users the actions empty it of: an `update_user` change from a value
    /// to empty, a `set_custom_values` whose `before` has a value of the field and whose `after`
    /// lacks it or has it empty.
    public static func blanked(_ actions: [PlanAction], customFieldNames: [FieldRef: String]) -> [String: Set<UserRef>] {
        var blanked: [String: Set<UserRef>] = [:]
        for action in actions {
            guard let user = action.user else { continue }
            for field in blankedFields(action, customFieldNames: customFieldNames) { blanked[field, default: []].insert(user) }
        }
        return blanked
    }

    /// The fields one action empties, by name.
    public static func blankedFields(_ action: PlanAction, customFieldNames: [FieldRef: String]) -> Set<String> {
        switch action.change {
        case .updateUser(let changes):
            return Set(changes.filter { isValue($0.before) && !isValue($0.after) }.map(\.field.rawValue))
        case .setCustomValues(let before, let after):
            var fields = Set<String>()
            for value in before where isValue(value.value) {
                guard let name = customFieldNames[value.field] else { continue }
                if !after.contains(where: { $0.field == value.field && isValue($0.value) }) { fields.insert(name) }
            }
            return fields
        default:
            return []
        }
    }

    /// The held fields, by name: those blanked for more users than the limit allows (at least 1,
    /// so one person's emptied field always passes), minus the fields in `allowing` (`--allow-blanking`).
    public static func check(
        _ actions: [PlanAction], syncedUsers: Int, limit: DeletionLimit, customFieldNames: [FieldRef: String], allowing: Set<String> = []
    ) -> [Verdict] {
        let allowed = max(1, limit.allowedDeletes(syncedUsers: syncedUsers))
        return blanked(actions, customFieldNames: customFieldNames).compactMap { field, users in
            guard users.count > allowed, !allowing.contains(field) else { return nil }
            return Verdict(field: field, blanked: users.count, allowed: allowed, syncedUsers: syncedUsers, limit: limit.description)
        }.sorted { $0.field < $1.field }
    }

    /// The action without its blanks of the `held` fields: an `update_user` loses those changes, a
    /// `set_custom_values` keeps the held fields' current values. nil when nothing would be left to write.
    public static func withoutBlanks(of held: Set<String>, in action: PlanAction, customFieldNames: [FieldRef: String]) -> PlanAction? {
        let fields = blankedFields(action, customFieldNames: customFieldNames).intersection(held)
        guard !fields.isEmpty else { return action }
        var stripped = action
        switch action.change {
        case .updateUser(let changes):
            let kept = changes.filter { !fields.contains($0.field.rawValue) }
            guard !kept.isEmpty else { return nil }
            stripped.change = .updateUser(kept)
        case .setCustomValues(let before, let after):
            let keep = Set(before.map(\.field).filter { customFieldNames[$0].map(fields.contains) ?? false })
            let values = (after.filter { !keep.contains($0.field) } + before.filter { keep.contains($0.field) }).sorted()
            guard values != before.sorted() else { return nil }
            stripped.change = .setCustomValues(before: before, after: values)
        default:
            return action
        }
        return stripped
    }

    /// The options that let `fields` past the guard, shell-quoted: "--allow-blanking 'Cost center' --allow-blanking job".
    public static func allowOptions(_ fields: [String]) -> String {
        fields.map { "--allow-blanking \(ShellWord.quote($0))" }.joined(separator: " ")
    }

    /// "department emptied for 12 users exceeds sync.max_blanked (5% of 40 synced users allows 2)".
    public static func describe(_ verdict: Verdict) -> String {
        "\(verdict.field) emptied for \(Plural.count(verdict.blanked, "user")) exceeds sync.max_blanked (\(verdict.limit) of \(verdict.syncedUsers) synced users allows \(verdict.allowed))"
    }

    static func isValue(_ text: String?) -> Bool { !(text?.trimmed.isEmpty ?? true) }
}
