import Foundation
import HRSyncCore

/// A 360Learning snapshot as the emulated platform's records: users, groups, the roles the pull
/// read (in the synced subtrees, and the connector admin's in the root group), external-id
/// mappings, custom-field definitions and values, and manager links, as the snapshot recorded them.
enum ReplicaPlatform {
    /// `redact` rewrites a source email wherever it stands (a no-op with `--keep-emails`).
    static func saved(from lms: LMSState, redact: (String) -> String) -> Learning360Emulator.Saved {
        let userIDs = lms.users.keys.sorted(), groupIDs = lms.groups.keys.sorted()
        var roles: [String: [String: [String]]] = [:]
        for membership in lms.memberships.values { roles[membership.groupID, default: [:]][membership.userID] = membership.roles.sorted() }
        let tree = GroupTree(lms.groups)
        let root = tree.root?.id ?? groupIDs.first ?? ""
        if let admin = lms.admin, let user = admin.userID, !admin.rootRoles.isEmpty {
            roles[root, default: [:]][user] = Array(Set(admin.rootRoles + (roles[root]?[user] ?? []))).sorted()
        }
        var values: [String: [LMSValue]] = [:], managers: [String: [String]] = [:]
        for id in userIDs {
            let user = lms.users[id]!
            if let list = user.customValues { values[id] = list.map { LMSValue(fieldID: $0.fieldID, type: $0.type, value: redact($0.value)) } }
            if let list = user.managers { managers[id] = list }
        }
        // Ids the emulator hands out from here on must not collide with the snapshot's.
        let known = userIDs + groupIDs + lms.fields.keys + lms.mappings.values.map(\.mappingID)
        let highest = known.compactMap { Int($0, radix: 16) }.max() ?? 0
        return Learning360Emulator.Saved(
            users: userIDs.map { id in
                let user = lms.users[id]!
                return LMSUser(
                    id: id, mail: user.mail.map(redact) ?? "", status: user.status, lang: user.lang ?? "en", firstName: user.firstName.map(redact),
                    lastName: user.lastName.map(redact), job: user.job.map(redact), toBeDeactivatedAt: user.deactivateAt)
            },
            groups: groupIDs.map { id in
                let group = lms.groups[id]!
                return LMSGroup(id: id, name: redact(group.name), isPublic: group.isPublic, parentID: group.parentID)
            },
            roles: roles,
            mappings: lms.mappings.values.sorted { $0.mappingID < $1.mappingID }.map {
                LMSMapping(id: $0.mappingID, platform: "personio", targetType: "user", targetID: $0.userID, value: $0.personioID)
            },
            fields: lms.fields.keys.sorted().map { id in LMSField(id: id, name: lms.fields[id]!.name, targetType: "users", type: lms.fields[id]!.type) },
            values: values, managers: managers, nextID: max(0x5f00_0000, highest), rootGroupID: root,
            employeesGroupID: tree.children(of: root).first?.id ?? root)
    }
}
