import Foundation
import HRSyncCore
import Learning360

/// Executes an action, resolving what the plan could not know yet: the ids of users and custom
/// fields created in an earlier phase (`remember` records them between phases).
struct ApplyRun: Sendable {
    let config: HRSyncConfig
    let client: Learning360Client
    var createdUsers: [Int: String] = [:]
    var fieldsByName: [String: String] = [:]

    init(config: HRSyncConfig, client: Learning360Client) {
        self.config = config
        self.client = client
    }

    /// What an earlier, interrupted run of the same plan resolved: created users and fields.
    mutating func remember(_ result: ApplyRecord.Result) {
        switch result.action.kind {
        case .createUser, .restoreUser:
            if let personio = result.action.personioID, let user = result.userID { createdUsers[personio] = user }
        case .createField:
            if let name = result.action.after["name"] ?? nil, let id = result.vendorID { fieldsByName[name] = id }
        default:
            break
        }
    }

    func execute(_ action: PlanAction) async -> ApplyRecord.Result {
        let user = action.userID ?? action.personioID.flatMap { createdUsers[$0] }
        do {
            switch action.kind {
            case .createField:
                let name = (action.after["name"] ?? nil) ?? ""
                do {
                    let field = try await client.createCustomField(name: name, type: (action.after["type"] ?? nil) ?? "string")
                    return .init(action: action, status: .done, userID: nil, vendorID: field._id)
                } catch let error as Learning360Error where error.code == "nameAlreadyTaken" {
                    let existing = try await client.customFields().first { $0.name == name }?._id
                    return .init(action: action, status: .alreadyDone, userID: nil, vendorID: existing)
                }
            case .createUser, .restoreUser:
                let mail = (action.after["mail"] ?? nil) ?? ""
                let body = CreateUserBody(mail: mail, groupId: (action.after["group"] ?? nil) ?? "", firstName: action.after["firstName"] ?? nil,
                                          lastName: action.after["lastName"] ?? nil, job: action.after["job"] ?? nil, lang: action.after["lang"] ?? nil)
                let outcome = try await client.createUser(body, sendInvitationEmail: config.learning360.sendInvitations)
                let id: String
                var status = ApplyRecord.Status.done
                switch outcome {
                case .created(let created), .restored(let created): id = created._id
                case .mailAlreadyUsed:
                    // A retried create that had already taken effect: adopt the user with this mail.
                    guard let existing = try await client.users(mail: mail).first(where: { $0.status != "deleted" }) else {
                        return .init(action: action, status: .failed, userID: nil, error: "mailAlreadyUsed but no live user has \(mail)")
                    }
                    id = existing._id
                    status = .alreadyDone
                }
                return .init(action: action, status: status, userID: id, vendorID: id)
            case .createMapping:
                let mapping = ExternalIDDTO(platform: "personio", targetType: "user", targetId: try need(user), value: (action.after["value"] ?? nil) ?? "")
                return written(action, user, try await client.createExternalID(mapping))
            case .updateUser:
                _ = try await client.updateUser(try need(user), action.after)
                return .init(action: action, status: .done, userID: user)
            case .setCustomValues:
                var values: [CustomValueDTO] = []
                for (key, value) in action.after {
                    let parts = key.split(separator: "#").map(String.init)
                    let ref = parts[0]
                    let field = ref.hasPrefix("name:") ? fieldsByName[String(ref.dropFirst(5))] : ref
                    guard let field, let value else { continue }
                    values.append(CustomValueDTO(customFieldId: field, type: parts.count > 1 ? parts[1] : "string", value: value))
                }
                _ = try await client.replaceCustomValues(of: try need(user), values.sorted { $0.customFieldId < $1.customFieldId })
                return .init(action: action, status: .done, userID: user)
            case .addRole:
                return written(action, user, try await client.addRole("learner", group: (action.after["group"] ?? nil) ?? "", user: try need(user)))
            case .removeRole:
                return written(action, user, try await client.removeRole("learner", group: (action.before["group"] ?? nil) ?? "", user: try need(user)))
            case .addManager:
                let ref = (action.after["manager"] ?? nil) ?? ""
                let manager = ref.hasPrefix("personio:") ? Int(ref.dropFirst(9)).flatMap { createdUsers[$0] } : ref
                guard let manager else { return .init(action: action, status: .skipped, userID: user, error: "the manager was not created") }
                var result = written(action, user, try await client.addManager(manager, to: try need(user)))
                result.vendorID = manager
                return result
            case .removeManager:
                return written(action, user, try await client.removeManager((action.before["manager"] ?? nil) ?? "", from: try need(user)))
            case .deleteUser:
                return written(action, user, try await client.deleteUser(try need(user)))
            }
        } catch {
            return .init(action: action, status: .failed, userID: user, error: error.localizedDescription)
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
