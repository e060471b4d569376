import Foundation
import HRSyncCore
import Learning360

/// Executes an action, resolving what the plan could not know yet: the ids of users and custom
/// fields created in an earlier phase (`remember` records them between phases).
struct ApplyRun: Sendable {
    let config: HRSyncConfig
    let client: any Learning360API
    var createdUsers: [Int: String] = [:]
    var fieldsByName: [String: String] = [:]
    /// When this apply runs: a deactivation planned for a time already past is not sent (the
    /// vendor refuses it; a plan reviewed overnight, or resumed after midnight, meets this).
    let now: Date

    init(config: HRSyncConfig, client: any Learning360API, now: Date = Invocation.now) {
        self.config = config
        self.client = client
        self.now = now
    }

    static let passedNote = "the termination day ended before this apply ran: not scheduled; the next plan deletes the user"

    /// A planned `toBeDeactivatedAt` that is still ahead, or nil.
    func stillAhead(_ at: String?) -> String? {
        at.flatMap { text in LeaverRule.parse(text).map { $0 > now } ?? false ? text : nil }
    }

    /// What an earlier phase (or an interrupted run) resolved: created users and fields.
    mutating func remember(_ result: ApplyRecord.Result) {
        switch result.action.change {
        case .createUser, .restoreUser:
            if let personio = result.action.personioID, let user = result.userID { createdUsers[personio] = user }
        case .createField(let name, _):
            if let id = result.vendorID { fieldsByName[name] = id }
        default:
            break
        }
    }

    func resolve(_ user: UserRef?) -> String? {
        switch user {
        case .existing(let id): id
        case .created(let personioID): createdUsers[personioID]
        case nil: nil
        }
    }

    func resolve(_ field: FieldRef) -> String? {
        switch field {
        case .existing(let id): id
        case .created(let name): fieldsByName[name]
        }
    }

    func execute(_ action: PlanAction) async -> ApplyRecord.Result {
        let user = resolve(action.user)
        do {
            switch action.change {
            case .createField(let name, let type):
                do {
                    let field = try await client.createCustomField(name: name, type: type)
                    return .init(action: action, status: .done, userID: nil, vendorID: field._id)
                } catch let error as Learning360Error where error.code == "nameAlreadyTaken" {
                    let existing = try await client.customFields().first { $0.name == name }?._id
                    return .init(action: action, status: .alreadyDone, userID: nil, vendorID: existing)
                }
            case .createUser(let new):
                return try await create(
                    action,
                    CreateUserBody(
                        mail: new.mail, groupId: new.group, firstName: new.fields[.firstName],
                        lastName: new.fields[.lastName], job: new.fields[.job], lang: new.lang,
                        toBeDeactivatedAt: stillAhead(new.deactivateAt)))
            case .restoreUser(let mail, let group):
                return try await create(action, CreateUserBody(mail: mail, groupId: group ?? "", firstName: nil, lastName: nil, job: nil, lang: nil))
            case .createMapping(let personioID):
                let mapping = ExternalIDDTO(platform: "personio", targetType: "user", targetId: try need(user), value: String(personioID))
                return written(action, user, try await client.createExternalID(mapping))
            case .updateUser(let changes):
                // The field's wire name is its raw value (LMSField); nil is sent as null and clears it.
                _ = try await client.updateUser(try need(user), Dictionary(uniqueKeysWithValues: changes.map { ($0.field.wireName, $0.after) }))
                return .init(action: action, status: .done, userID: user)
            case .setDeactivation(_, let after):
                if after != nil && stillAhead(after) == nil { return .init(action: action, status: .skipped, userID: user, error: Self.passedNote) }
                _ = try await client.updateUser(try need(user), ["toBeDeactivatedAt": after])
                return .init(action: action, status: .done, userID: user)
            case .setCustomValues(_, let after):
                var values: [CustomValueDTO] = []
                // A definition whose create failed has no id: its value cannot be written, the others are.
                for value in after {
                    guard let field = resolve(value.field) else { continue }
                    values.append(CustomValueDTO(customFieldId: field, type: value.type, value: value.value))
                }
                _ = try await client.replaceCustomValues(of: try need(user), values.sorted { $0.customFieldId < $1.customFieldId })
                return .init(action: action, status: .done, userID: user)
            case .addRole(let group):
                return written(action, user, try await client.addRole("learner", group: group, user: try need(user)))
            case .removeRole(let group):
                return written(action, user, try await client.removeRole("learner", group: group, user: try need(user)))
            case .addManager(let ref):
                guard let manager = resolve(ref) else { return .init(action: action, status: .skipped, userID: user, error: "the manager was not created") }
                var result = written(action, user, try await client.addManager(manager, to: try need(user)))
                result.vendorID = manager
                return result
            case .removeManager(let manager):
                return written(action, user, try await client.removeManager(manager, from: try need(user)))
            case .deleteUser:
                return written(action, user, try await client.deleteUser(try need(user)))
            case .deleteMapping(let mapping, _):
                return written(action, user, try await client.deleteExternalID(mapping))
            case .deleteField(let field, _):
                return written(action, nil, try await client.deleteCustomField(field))
            }
        } catch {
            return .init(action: action, status: .failed, userID: user, error: error.localizedDescription)
        }
    }

    /// A create (or a restore, which is a create with the same mail). A retried create that had
    /// already taken effect answers `mailAlreadyUsed`: the live user with that mail is adopted.
    func create(_ action: PlanAction, _ body: CreateUserBody) async throws -> ApplyRecord.Result {
        let outcome = try await client.createUser(body, sendInvitationEmail: config.learning360.sendInvitations)
        switch outcome {
        case .created(let created), .restored(let created):
            return .init(action: action, status: .done, userID: created._id, vendorID: created._id)
        case .mailAlreadyUsed:
            guard let existing = try await client.users(mail: body.mail, status: nil).first(where: { $0.status != "deleted" && Learning360ID.isValid($0._id) })
            else {
                return .init(action: action, status: .failed, userID: nil, error: "mailAlreadyUsed but no live user has \(body.mail)")
            }
            return .init(action: action, status: .alreadyDone, userID: existing._id, vendorID: existing._id)
        }
    }

    struct Unresolved: Error, LocalizedError {
        var errorDescription: String? { "the user this action needs was not created (an earlier action failed)" }
    }

    func need(_ user: String?) throws -> String {
        guard let user else { throw Unresolved() }
        return user
    }

    func written(_ action: PlanAction, _ user: String?, _ outcome: WriteOutcome) -> ApplyRecord.Result {
        switch outcome {
        case .done: .init(action: action, status: .done, userID: user)
        case .alreadyDone(let code): .init(action: action, status: .alreadyDone, userID: user, vendorID: nil, error: code)
        }
    }
}
