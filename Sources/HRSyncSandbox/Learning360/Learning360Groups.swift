import Foundation

/// Groups, roles (with upward learner propagation), custom-field definitions and external ids.
extension Learning360Emulator {
    func listGroupRoles(_ id: String, _ r: SandboxRequest) -> SandboxResponse {
        guard groups[id] != nil else { return LMSAnswer.error(404, "groupNotFound") }
        let entries =
            roleListings[id]
            ?? {
                let members = roles[id] ?? [:]
                let listing = members.keys.sorted().flatMap { user in members[user]!.sorted().map { (user: user, role: $0) } }
                roleListings[id] = listing
                return listing
            }()
        return LMSAnswer.page(
            entries.lazy.map { ["userId": .string($0.user), "role": .string($0.role)] as SandboxJSON }, request: r, size: LMSRules.pageSizes.roles)
    }

    func postRole(group: String, role pathRole: String, user: String) -> SandboxResponse {
        guard LMSRules.pathRoles.contains(pathRole) else {
            return LMSAnswer.error(404, "routeNotFound", "unknown role '\(pathRole)' (the path spells user-admin)")
        }
        guard groups[group] != nil else { return LMSAnswer.error(404, "groupNotFound") }
        guard let target = users[user] else { return LMSAnswer.error(404, "userNotFound") }
        if target.status == "deleted" { return LMSAnswer.error(400, "userDeleted") }
        addRole(pathRole == "user-admin" ? "userAdmin" : pathRole, group: group, user: user)
        return LMSAnswer.noContent
    }

    func deleteRole(group: String, role pathRole: String, user: String) -> SandboxResponse {
        guard LMSRules.pathRoles.contains(pathRole) else { return LMSAnswer.error(404, "routeNotFound") }
        guard groups[group] != nil else { return LMSAnswer.error(404, "groupNotFound") }
        let role = pathRole == "user-admin" ? "userAdmin" : pathRole
        guard roles[group]?[user]?.contains(role) == true else { return LMSAnswer.error(404, "userNotFoundInGroup") }
        roles[group]?[user]?.remove(role)
        if role == "learner" { removeLearnerBelow(group, user: user) }
        return LMSAnswer.noContent
    }

    /// A learner of a public group also becomes a learner of the groups above it, up to and
    /// including the first private one.
    func addRole(_ role: String, group: String, user: String) {
        roles[group, default: [:]][user, default: []].insert(role)
        guard role == "learner", var current = groups[group], current.isPublic else { return }
        while let parentID = current.parentID, let parent = groups[parentID] {
            roles[parentID, default: [:]][user, default: []].insert("learner")
            guard parent.isPublic else { break }
            current = parent
        }
    }

    /// Removing `learner` also removes it from the public subgroups, down to the first private one (excluded).
    func removeLearnerBelow(_ group: String, user: String) {
        for child in groups.values where child.parentID == group && child.isPublic {
            roles[child.id]?[user]?.remove("learner")
            removeLearnerBelow(child.id, user: user)
        }
    }

    func listFields(_ r: SandboxRequest) -> SandboxResponse {
        var list = fieldOrder.compactMap { fields[$0] }
        for (field, op, value) in r.filters() where op == "eq" {
            switch field {
            case "name": list = list.filter { $0.name == value }
            case "targetType": list = list.filter { $0.targetType == value }
            case "type": list = list.filter { $0.type == value }
            default: return LMSAnswer.error(400, "invalidFilter")
            }
        }
        return LMSAnswer.page(list.map(\.json), request: r, size: LMSRules.pageSizes.fields)
    }

    func createField(_ r: SandboxRequest) -> SandboxResponse {
        guard let body = r.jsonObject() else { return LMSAnswer.invalid("the body must be a JSON object") }
        if let problem = BodyCheck(object: body).unknown(["name", "targetType", "type"]) { return LMSAnswer.invalid(problem) }
        guard let name = body["name"] as? String, let target = body["targetType"] as? String, ["users", "contents"].contains(target),
            let type = body["type"] as? String, ["string", "date"].contains(type)
        else {
            return LMSAnswer.invalid("a custom field needs name, targetType (users|contents) and type (string|date)")
        }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { return LMSAnswer.error(400, "invalidName") }
        guard !fields.values.contains(where: { $0.name == name && $0.targetType == target }) else { return LMSAnswer.error(400, "nameAlreadyTaken") }
        let id = newID()
        fields[id] = LMSField(id: id, name: name, targetType: target, type: type)
        fieldOrder.append(id)
        return .json(201, fields[id]!.json)
    }

    func listMappings(_ r: SandboxRequest) -> SandboxResponse {
        var list = mappingOrder.compactMap { mappings[$0] }
        for (field, op, value) in r.filters() where op == "eq" {
            switch field {
            case "platform": list = list.filter { $0.platform == value }
            case "type": list = list.filter { $0.targetType == value }
            case "value": list = list.filter { $0.value == value }
            case "targetId": list = list.filter { $0.targetID == value }
            default: return LMSAnswer.error(400, "invalidFilter")
            }
        }
        return LMSAnswer.page(list.lazy.map(\.json), request: r, size: LMSRules.pageSizes.externalIDs)  // only the page is written
    }

    /// The mapping in the body, or the answer that refuses it.
    func mappingBody(_ r: SandboxRequest) -> (LMSMapping?, SandboxResponse?) {
        guard let body = r.jsonObject() else { return (nil, LMSAnswer.invalid("the body must be a JSON object")) }
        if let problem = BodyCheck(object: body).unknown(["platform", "targetType", "targetId", "value"]) { return (nil, LMSAnswer.invalid(problem)) }
        guard let platform = body["platform"] as? String, !platform.isEmpty, let type = body["targetType"] as? String,
            let target = body["targetId"] as? String, LMSRules.isObjectID(target), let value = body["value"] as? String, !value.isEmpty
        else {
            return (nil, LMSAnswer.invalid("a mapping needs platform, targetType, targetId (an ObjectId) and value, all strings"))
        }
        return (LMSMapping(id: "", platform: platform, targetType: type, targetID: target, value: value), nil)
    }

    func createMapping(_ r: SandboxRequest) -> SandboxResponse {
        let (parsed, refusal) = mappingBody(r)
        guard var mapping = parsed else { return refusal! }
        do {
            guard mapping.targetType != "user" || users[mapping.targetID] != nil else { return LMSAnswer.error(404, "resourceNotFound") }
            let same = mappings.values.filter { $0.platform == mapping.platform && $0.targetType == mapping.targetType }
            if same.contains(where: { $0.targetID == mapping.targetID }) { return LMSAnswer.error(400, "mappingAlreadyExists") }
            if same.contains(where: { $0.value == mapping.value }) { return LMSAnswer.error(400, "valueAlreadyUsed") }
            mapping.id = newID()
            mappings[mapping.id] = mapping
            mappingOrder.append(mapping.id)
            return .json(201, mapping.json)
        }
    }

    func replaceMapping(_ id: String, _ r: SandboxRequest) -> SandboxResponse {
        guard mappings[id] != nil else { return LMSAnswer.error(404, "mappingIdNotFound") }
        let (parsed, refusal) = mappingBody(r)
        guard var mapping = parsed else { return refusal! }
        do {
            let others = mappings.values.filter { $0.id != id && $0.platform == mapping.platform && $0.targetType == mapping.targetType }
            if others.contains(where: { $0.targetID == mapping.targetID }) { return LMSAnswer.error(400, "targetAlreadyMapped") }
            if others.contains(where: { $0.value == mapping.value }) { return LMSAnswer.error(400, "valueAlreadyUsed") }
            mapping.id = id
            mappings[id] = mapping
            return .json(200, mapping.json)
        }
    }
}
