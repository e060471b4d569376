import HRSyncCore
import Learning360

/// 360Learning's answers as the records a snapshot keeps: the one mapping both pulls (full and
/// targeted) and apply's staleness check use.
extension LMSUserRecord {
    /// Profile, status and scheduled deactivation; values and managers are read apart.
    init(_ dto: LMSUserDTO) {
        self.init(id: dto._id, mail: dto.mail, status: dto.status, firstName: dto.firstName, lastName: dto.lastName, job: dto.job, lang: dto.lang,
                  deactivateAt: dto.toBeDeactivatedAt)
    }
}

extension LMSState {
    mutating func add(_ groups: [GroupDTO]) {
        for group in groups {
            self.groups[group._id] = LMSGroupRecord(id: group._id, name: group.name, parentID: group.parentId, isPublic: group.public ?? false)
        }
    }

    /// The user custom-field definitions (course fields are not hrsync's).
    mutating func add(_ fields: [CustomFieldDTO]) {
        for field in fields where field.targetType == "users" {
            guard let id = field._id else { continue }
            self.fields[id] = LMSFieldRecord(id: id, name: field.name, type: field.type)
        }
    }

    /// The connector admin (SYNC-RULES §1): `user` as found by its mail, and its roles in the root group.
    mutating func setAdmin(mail: String, user: LMSUserRecord?, client: any Learning360API) async throws {
        var rootRoles: [String] = []
        if let user, let root = GroupTree(groups).root {
            rootRoles = try await client.roles(ofUser: user.id).filter { $0.groupId == root.id }.map(\.role).sorted()
        }
        admin = LMSAdminRecord(mail: mail, userID: user?.id, status: user?.status, rootRoles: rootRoles)
    }
}
