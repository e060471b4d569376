import HRSyncCore
import Learning360

/// 360Learning's answers as the records a snapshot keeps: the one mapping both pulls (full and
/// targeted) and apply's staleness check use.
extension LMSUserRecord {
    /// Profile, status and scheduled deactivation; values and managers are read apart.
    init(_ dto: LMSUserDTO) {
        self.init(
            id: dto._id, mail: dto.mail, status: dto.status, firstName: dto.firstName, lastName: dto.lastName, job: dto.job, lang: dto.lang,
            deactivateAt: dto.toBeDeactivatedAt)
    }
}

extension LMSUserRecord {
    /// As `init(_:)`, with each profile text over its `TextCap` read as absent and noted: a 10 MB
    /// job title is not carried into snapshots and plans.
    init(_ dto: LMSUserDTO, notes: inout [PlanNote]) {
        var dto = dto
        let id = dto._id
        func capped(_ text: String?, _ key: String) -> String? {
            guard let text, let length = TextCap.excess(text, limit: TextCap.limit(for: key)) else { return text }
            notes.append(PlanNote(.valueTooLong, users: [id], values: ["key": key, "length": String(length), "cap": String(TextCap.limit(for: key))]))
            return nil
        }
        dto.mail = capped(dto.mail, "mail")
        dto.firstName = capped(dto.firstName, "firstName")
        dto.lastName = capped(dto.lastName, "lastName")
        dto.job = capped(dto.job, "job")
        self.init(dto)
    }

    /// A user's custom values, or nil (not read: none is planned) when one is over its `TextCap`.
    /// Dropping only that value is no option: values are written back as a full list, so the
    /// dropped one would be deleted in 360Learning.
    static func values(_ list: [CustomValueDTO], of userID: String, notes: inout [PlanNote]) -> [LMSCustomValue]? {
        for value in list {
            if let length = TextCap.excess(value.value, limit: TextCap.text) {
                notes.append(
                    PlanNote(
                        .valueTooLong, users: [userID],
                        values: ["key": "custom field \(value.customFieldId)", "length": String(length), "cap": String(TextCap.text)]))
                return nil
            }
        }
        return list.map { LMSCustomValue(fieldID: $0.customFieldId, type: $0.type, value: $0.value) }
    }
}

extension LMSMappingRecord {
    /// A `personio` external-id mapping: Personio id (the mapping's value) → 360Learning user id.
    init(_ dto: ExternalIDDTO) {
        self.init(personioID: dto.value, userID: dto.targetId, mappingID: dto._id ?? "")
    }
}

extension LMSState {
    /// One role of a user in a group, as a role listing answers it (roles are sorted by `sortRoles`).
    mutating func addRole(_ role: String, group: String, user: String) {
        memberships[RoleKey(group: group, user: user), default: LMSMembershipRecord(groupID: group, userID: user, roles: [])].roles.append(role)
    }

    /// Each membership's roles in order, so a snapshot does not depend on the answers' order.
    /// In place: a loop over `memberships.keys` would hold the table while writing to it and copy
    /// it whole (47 MB at 100,000 users).
    mutating func sortRoles() {
        var index = memberships.startIndex
        while index != memberships.endIndex {
            memberships.values[index].roles.sort()
            memberships.formIndex(after: &index)
        }
    }

    mutating func add(_ groups: [GroupDTO], notes: inout [PlanNote]) {
        for group in groups.withValidIDs("group", \._id, notes: &notes) {
            self.groups[group._id] = LMSGroupRecord(id: group._id, name: group.name, parentID: group.parentId, isPublic: group.public ?? false)
        }
    }

    /// The user custom-field definitions (course fields are not hrsync's).
    mutating func add(_ fields: [CustomFieldDTO], notes: inout [PlanNote]) {
        for field in fields.withValidIDs("custom field", { $0._id ?? "" }, notes: &notes) where field.targetType == "users" {
            self.fields[field._id!] = LMSFieldRecord(id: field._id!, name: field.name, type: field.type)
        }
    }

    /// The `personio` user mappings; one whose user id is not an id is skipped with a note.
    mutating func add(_ mappings: [ExternalIDDTO], notes: inout [PlanNote]) {
        let users = mappings.filter { $0.targetType == "user" }
        for mapping in users.withValidIDs("external-id mapping", \.targetId, which: "user id", person: \.value, notes: &notes) {
            self.mappings[mapping.value] = LMSMappingRecord(mapping)
        }
    }

    /// The connector admin (SYNC-RULES §1): `user` as found by its mail, and its roles in the root group.
    /// The connector admin among the users with its mail: not deleted, an active one first, the
    /// smallest id on a tie. One choice for the full and the targeted pull (they read different
    /// sets of users, and must not pick different admins among the same ones).
    static func connectorAdmin(mail: String, among users: some Sequence<LMSUserRecord>) -> LMSUserRecord? {
        users.filter { $0.mail.map(MatchRule.normalize) == MatchRule.normalize(mail) && $0.status != "deleted" }
            .min { ($0.status == "active" ? 0 : 1, $0.id) < ($1.status == "active" ? 0 : 1, $1.id) }
    }

    mutating func setAdmin(mail: String, user: LMSUserRecord?, client: any Learning360API) async throws {
        var rootRoles: [String] = []
        if let user, let root = GroupTree(groups).root {
            rootRoles = try await client.roles(ofUser: user.id).filter { $0.groupId == root.id }.map(\.role).sorted()
        }
        admin = LMSAdminRecord(mail: mail, userID: user?.id, status: user?.status, rootRoles: rootRoles)
    }
}

extension Array {
    /// The items whose id is a 360Learning id (`Learning360ID`): any other id would end up in URL
    /// paths and plans, so its record is skipped with a note naming it (its position in the answer,
    /// from 1) and the rest of the pull goes on.
    func withValidIDs(
        _ what: String, _ id: (Element) -> String, which: String = "id", person: ((Element) -> String)? = nil,
        positions: Bool = true, notes: inout [PlanNote]
    ) -> [Element] {
        var kept: [Element] = []
        for (index, item) in enumerated() {
            let value = id(item)
            if Learning360ID.isValid(value) { kept.append(item); continue }
            // Shown clipped: the id is the vendor's text, whatever its size.
            var values = ["what": what, "id": value.count > 40 ? String(value.prefix(40)) + "…" : value, "which": which]
            if positions { values["position"] = String(index + 1) }
            let people = person.flatMap { Int($0(item)) }.map { [PersonRef(personioID: $0, name: "", email: nil)] } ?? []
            notes.append(PlanNote(.invalidLearning360ID, people: people, values: values))
        }
        return kept
    }
}
