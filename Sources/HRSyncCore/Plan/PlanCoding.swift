/// The JSON form of a plan's actions (plan format 2.0, documented in Man/hrsync-plan.5 and
/// docs/plan.schema.json). The only place that turns typed actions into JSON and back.
extension PlanAction: Codable {
    enum CodingKeys: String, CodingKey {
        case kind, person, user, reason
        case field, newUser = "new_user", restore, mapping, fields, customValues = "custom_values", group, manager, status
        case deactivation
    }

    struct FieldDefinition: Codable { var name: String; var type: String }
    struct Restore: Codable { var mail: String; var group: String? }
    struct Mapping: Codable { var platform = "personio"; var value: String }
    struct Values: Codable { var before: [CustomValue]; var after: [CustomValue] }
    struct Status: Codable { var before: String; var after = "deleted" }
    /// Both sides written, `null` included: a reviewer sees a date cleared.
    struct Deactivation: Codable {
        var before: String?
        var after: String?
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(before, forKey: .before)
            try c.encode(after, forKey: .after)
        }
    }
    struct MappingDeletion: Codable { var id: String; var platform = "personio"; var value: String }
    struct FieldDeletion: Codable { var id: String; var name: String }

    /// `kind`, `person`, `user`, `reason`, and the kind's own key (hrsync-plan(5)).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encodeIfPresent(person, forKey: .person)
        try c.encodeIfPresent(user, forKey: .user)
        try c.encode(reason, forKey: .reason)
        switch change {
        case .createField(let name, let type): try c.encode(FieldDefinition(name: name, type: type), forKey: .field)
        case .createUser(let new): try c.encode(new, forKey: .newUser)
        case .restoreUser(let mail, let group): try c.encode(Restore(mail: mail, group: group), forKey: .restore)
        case .createMapping(let id): try c.encode(Mapping(value: String(id)), forKey: .mapping)
        case .updateUser(let changes): try c.encode(changes, forKey: .fields)
        case .setCustomValues(let before, let after): try c.encode(Values(before: before, after: after), forKey: .customValues)
        case .setDeactivation(let before, let after): try c.encode(Deactivation(before: before, after: after), forKey: .deactivation)
        case .addRole(let group), .removeRole(let group): try c.encode(group, forKey: .group)
        case .addManager(let manager): try c.encode(manager, forKey: .manager)
        case .removeManager(let manager): try c.encode(UserRef.existing(manager), forKey: .manager)
        case .deleteUser(let status): try c.encode(Status(before: status), forKey: .status)
        case .deleteMapping(let id, let personioID): try c.encode(MappingDeletion(id: id, value: String(personioID)), forKey: .mapping)
        case .deleteField(let id, let name): try c.encode(FieldDeletion(id: id, name: name), forKey: .field)
        }
    }

    /// Throws `DecodingError` for an unknown kind, a mapping that is no Personio id, a bad date-time, or a created user removed as a manager.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        person = try c.decodeIfPresent(PersonRef.self, forKey: .person)
        user = try c.decodeIfPresent(UserRef.self, forKey: .user)
        reason = try c.decode(String.self, forKey: .reason)
        switch try c.decode(Kind.self, forKey: .kind) {
        case .createField:
            let field = try c.decode(FieldDefinition.self, forKey: .field)
            change = .createField(name: field.name, type: field.type)
        case .createUser: change = .createUser(try c.decode(NewUser.self, forKey: .newUser))
        case .restoreUser:
            let restore = try c.decode(Restore.self, forKey: .restore)
            change = .restoreUser(mail: restore.mail, group: restore.group)
        case .createMapping:
            let mapping = try c.decode(Mapping.self, forKey: .mapping)
            guard mapping.platform == "personio", let id = Int(mapping.value) else {
                throw DecodingError.dataCorruptedError(forKey: .mapping, in: c, debugDescription: "a mapping is a Personio id")
            }
            change = .createMapping(personioID: id)
        case .updateUser: change = .updateUser(try c.decode([FieldChange].self, forKey: .fields))
        case .setCustomValues:
            let values = try c.decode(Values.self, forKey: .customValues)
            change = .setCustomValues(before: values.before, after: values.after)
        case .setDeactivation:
            let deactivation = try c.decode(Deactivation.self, forKey: .deactivation)
            guard [deactivation.before, deactivation.after].allSatisfy({ $0.map { LeaverRule.parse($0) != nil } ?? true }) else {
                throw DecodingError.dataCorruptedError(forKey: .deactivation, in: c, debugDescription: "a deactivation is an ISO 8601 date-time or null")
            }
            change = .setDeactivation(before: deactivation.before, after: deactivation.after)
        case .addRole: change = .addRole(group: try c.decode(String.self, forKey: .group))
        case .removeRole: change = .removeRole(group: try c.decode(String.self, forKey: .group))
        case .addManager: change = .addManager(try c.decode(UserRef.self, forKey: .manager))
        case .removeManager:
            guard let id = try c.decode(UserRef.self, forKey: .manager).existingID else {
                throw DecodingError.dataCorruptedError(forKey: .manager, in: c, debugDescription: "a removed manager is an existing user")
            }
            change = .removeManager(userID: id)
        case .deleteUser: change = .deleteUser(status: try c.decode(Status.self, forKey: .status).before)
        case .deleteMapping:
            let mapping = try c.decode(MappingDeletion.self, forKey: .mapping)
            guard mapping.platform == "personio", let id = Int(mapping.value) else {
                throw DecodingError.dataCorruptedError(forKey: .mapping, in: c, debugDescription: "a mapping is a Personio id")
            }
            change = .deleteMapping(mappingID: mapping.id, personioID: id)
        case .deleteField:
            let field = try c.decode(FieldDeletion.self, forKey: .field)
            change = .deleteField(id: field.id, name: field.name)
        }
    }
}

extension UserRef: Codable {
    enum CodingKeys: String, CodingKey { case id, createdFor = "created_for_personio_id" }

    /// `{"id": …}` or `{"created_for_personio_id": N}`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .existing(let id): try c.encode(id, forKey: .id)
        case .created(let personioID): try c.encode(personioID, forKey: .createdFor)
        }
    }

    /// `{"id": …}` or `{"created_for_personio_id": N}`; throws `DecodingError` for neither.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let id = try c.decodeIfPresent(String.self, forKey: .id) {
            self = .existing(id)
        } else {
            self = .created(personioID: try c.decode(Int.self, forKey: .createdFor))
        }
    }
}

extension FieldRef: Codable {
    enum CodingKeys: String, CodingKey { case id, createdByName = "created_by_name" }

    /// `{"id": …}` or `{"created_by_name": …}`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .existing(let id): try c.encode(id, forKey: .id)
        case .created(let name): try c.encode(name, forKey: .createdByName)
        }
    }

    /// `{"id": …}` or `{"created_by_name": …}`; throws `DecodingError` for neither.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let id = try c.decodeIfPresent(String.self, forKey: .id) {
            self = .existing(id)
        } else {
            self = .created(name: try c.decode(String.self, forKey: .createdByName))
        }
    }
}

extension CustomValue: Codable {
    enum CodingKeys: String, CodingKey { case field, type, value }

    /// `field`, `type`, `value`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(field, forKey: .field)
        try c.encode(type, forKey: .type)
        try c.encode(value, forKey: .value)
    }

    /// `field`, `type`, `value`, all required.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            field: try c.decode(FieldRef.self, forKey: .field), type: try c.decode(String.self, forKey: .type),
            value: try c.decode(String.self, forKey: .value))
    }
}

extension NewUser: Codable {
    enum CodingKeys: String, CodingKey { case mail, group, lang, fields, deactivateAt = "deactivate_at" }

    /// `mail`, `group`, `lang` (null when none), `fields` by plan name, `deactivate_at` when set.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(mail, forKey: .mail)
        try c.encode(group, forKey: .group)
        try c.encode(lang, forKey: .lang)
        try c.encode(Dictionary(uniqueKeysWithValues: fields.map { ($0.key.rawValue, $0.value) }), forKey: .fields)
        try c.encodeIfPresent(deactivateAt, forKey: .deactivateAt)
    }

    /// Throws `DecodingError` for a bad `deactivate_at` or a `fields` key that is not firstName, lastName or job.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        mail = try c.decode(String.self, forKey: .mail)
        group = try c.decode(String.self, forKey: .group)
        lang = try c.decodeIfPresent(String.self, forKey: .lang)
        deactivateAt = try c.decodeIfPresent(String.self, forKey: .deactivateAt)
        if let at = deactivateAt, LeaverRule.parse(at) == nil {
            throw DecodingError.dataCorruptedError(forKey: .deactivateAt, in: c, debugDescription: "deactivate_at is an ISO 8601 date-time")
        }
        var fields: [LMSField: String] = [:]
        for (key, value) in try c.decode([String: String].self, forKey: .fields) {
            guard let field = LMSField(rawValue: key), field != .mail else {
                throw DecodingError.dataCorruptedError(forKey: .fields, in: c, debugDescription: "unknown profile field '\(key)'")
            }
            fields[field] = value
        }
        self.fields = fields
    }
}

extension FieldChange {
    enum CodingKeys: String, CodingKey { case field, before, after }

    /// Empty is written as `null`, not left out: a reviewer sees that the field is cleared.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(field, forKey: .field)
        try c.encode(before, forKey: .before)
        try c.encode(after, forKey: .after)
    }
}
