import HRSyncCore

/// A 360Learning that applies a plan's typed actions straight to an `LMSState`, the way the
/// vendor would, and keeps an `ApplyRecord` per plan the way the apply engine does: what hrsync
/// then owns is production's `Ownership.from` of those records, so the planner's fixpoint property
/// (plan, apply, plan again → nothing left to do) runs on the bookkeeping hrsync really keeps.
public struct InMemoryPlatform: Sendable {
    /// The platform as the plans applied so far left it.
    public var lms: LMSState
    /// One record per applied plan, oldest first, every action `done`.
    public private(set) var records: [ApplyRecord] = []
    private var created: [Int: String] = [:]

    /// A platform starting from `lms` (e.g. a snapshot's state), with no apply yet.
    public init(_ lms: LMSState) { self.lms = lms }

    /// What hrsync owns after the applies so far, as `PlanEngine` computes it from the store.
    public var ownership: Ownership { Ownership.from(records) }

    func resolve(_ ref: UserRef?) -> String? {
        switch ref {
        case .existing(let id): id
        case .created(let personioID): created[personioID]
        case nil: nil
        }
    }

    func resolve(_ field: FieldRef) -> String {
        switch field {
        case .existing(let id): id
        case .created(let name): lms.fields.values.first { $0.name == name }!.id
        }
    }

    /// Applies every action of `plan` in its order, all `done` (created users and fields get ids of their own),
    /// and keeps its record.
    public mutating func apply(_ plan: Plan) {
        var results: [ApplyRecord.Result] = []
        for action in plan.actions {
            // The ids the apply engine records (ApplyRun): the user acted on, and what was written.
            var result = ApplyRecord.Result(action: action, status: .done, userID: resolve(action.user))
            let user = result.userID
            switch action.change {
            case .createField(let name, let type):
                lms.fields["f-\(name)"] = LMSFieldRecord(id: "f-\(name)", name: name, type: type)
                result.vendorID = "f-\(name)"
            case .createUser(let new):
                let id = "u-\(action.personioID!)"
                created[action.personioID!] = id
                var record = LMSUserRecord(
                    id: id, mail: new.mail, status: "invited", firstName: nil, lastName: nil, job: nil,
                    lang: new.lang, customValues: [], managers: [])
                for (field, value) in new.fields { field.write(value, to: &record) }
                record.deactivateAt = new.deactivateAt
                lms.users[id] = record
                learner(new.group, id)
                (result.userID, result.vendorID) = (id, id)
            case .restoreUser(_, let group):
                lms.users[user!]?.status = "invited"
                if let group { learner(group, user!) }
                result.vendorID = user
            case .createMapping(let personioID):
                lms.mappings[String(personioID)] = LMSMappingRecord(personioID: String(personioID), userID: user!, mappingID: "m")
            case .updateUser(let changes):
                for change in changes { change.field.write(change.after, to: &lms.users[user!]!) }
            case .setDeactivation(_, let after):
                lms.users[user!]?.deactivateAt = after
            case .setCustomValues(_, let after):
                let values = after.map { LMSCustomValue(fieldID: resolve($0.field), type: $0.type, value: $0.value) }
                lms.users[user!]?.customValues = values.sorted { $0.fieldID < $1.fieldID }
            case .addRole(let group): learner(group, user!)
            case .removeRole(let group):
                lms.memberships[RoleKey(group: group, user: user!)]?.roles.removeAll { $0 == "learner" }
            case .addManager(let ref):
                let manager = resolve(ref)!
                let managers = lms.users[user!]?.managers ?? []
                lms.users[user!]?.managers = managers + [manager]
                result.vendorID = manager
            case .removeManager(let manager):
                lms.users[user!]?.managers?.removeAll { $0 == manager }
            case .deleteUser: lms.users[user!]?.status = "deleted"
            case .deleteMapping(_, let personioID): lms.mappings[String(personioID)] = nil
            case .deleteField(let id, _): lms.fields[id] = nil
            }
            results.append(result)
        }
        records.append(ApplyRecord(plan: "in-memory-\(records.count + 1)", results: results))
    }

    mutating func learner(_ group: String, _ user: String) {
        let key = RoleKey(group: group, user: user)
        lms.memberships[key, default: LMSMembershipRecord(groupID: group, userID: user, roles: [])].roles.append("learner")
    }
}
