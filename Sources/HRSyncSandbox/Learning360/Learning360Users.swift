import Foundation

/// Users, managers and custom-field values.
extension Learning360Emulator {
    func listUsers(_ r: SandboxRequest) -> SandboxResponse {
        // Paged over the ids: only the page's users are copied and written (a copy of all 100,000
        // users for each page of 500 was 60 ms a request). Users are marked deleted, never removed,
        // so every id in `userOrder` is one; the check costs a count.
        var ids = userOrder.count == users.count ? userOrder : userOrder.filter { users[$0] != nil }
        for (field, op, value) in r.filters() {
            let wanted = value.lowercased()
            switch (field, op) {
            case ("mail", "eq"): ids = ids.filter { users[$0]?.mail.lowercased() == wanted }
            case ("mail", "ne"): ids = ids.filter { users[$0]?.mail.lowercased() != wanted }
            case ("status", "eq"): ids = ids.filter { users[$0]?.status == value }
            case ("status", "ne"): ids = ids.filter { users[$0]?.status != value }
            default: return LMSAnswer.error(400, "invalidFilter", "unsupported filter \(field)[\(op)]")
            }
        }
        return LMSAnswer.page(ids.lazy.map { self.users[$0]?.json ?? .null }, request: r, size: LMSRules.pageSizes.users)
    }

    func getUser(_ id: String) -> SandboxResponse {
        users[id].map { .json(200, $0.json) } ?? LMSAnswer.error(404, "userNotFound")
    }

    func createUser(_ r: SandboxRequest) -> SandboxResponse {
        guard let body = r.jsonObject() else { return LMSAnswer.invalid("the body must be a JSON object") }
        let check = BodyCheck(object: body)
        if let problem = check.unknown([
            "mail", "username", "membership", "primaryGroupId", "custom", "firstName", "lastName", "job",
            "lang", "organization", "phone", "toBeDeactivatedAt"
        ]) {
            return LMSAnswer.invalid(problem)
        }
        guard let membership = body["membership"] as? [String: Any] else { return LMSAnswer.invalid("'membership' is required") }
        guard let groupID = membership["groupId"] as? String, LMSRules.isObjectID(groupID),
            let role = membership["role"] as? String, LMSRules.bodyRoles.contains(role), membership.count == 2
        else {
            return LMSAnswer.invalid("'membership' needs groupId (an ObjectId) and role (\(LMSRules.bodyRoles.sorted().joined(separator: ", ")))")
        }
        var text: [String: String] = [:]
        for key in ["mail", "username", "firstName", "lastName", "job", "custom", "organization", "phone"] {
            switch check.string(key) {
            case .failure(let problem): return LMSAnswer.invalid(problem.message)
            case .success(let value): text[key] = value
            }
        }
        if let lang = body["lang"] {
            guard let code = lang as? String, LMSRules.languages.contains(code) else { return LMSAnswer.invalid("'lang' is not a supported language") }
        }
        guard let mail = text["mail"] else { return LMSAnswer.error(400, "mailAndUsernameUndefined") }
        guard LMSRules.isMail(mail) else { return LMSAnswer.error(400, "mailInvalid") }
        guard groups[groupID] != nil else { return LMSAnswer.error(404, "groupNotFound") }
        var deactivateAt: String?
        if body.keys.contains("toBeDeactivatedAt") {
            guard !(body["toBeDeactivatedAt"] is NSNull) else { return LMSAnswer.invalid("'toBeDeactivatedAt' must be a date-time") }
            switch deactivation(body["toBeDeactivatedAt"], user: nil) {
            case .failure(let error): return error.answer
            case .success(let value): deactivateAt = value
            }
        }
        let lang = body["lang"] as? String ?? "en"
        let sendInvitation = r.queryValue("sendInvitationEmail") != "false"
        if let existing = users.values.first(where: { $0.mail.lowercased() == mail.lowercased() }) {
            guard existing.status == "deleted" else { return LMSAnswer.error(400, "mailAlreadyUsed") }
            // Restore: the same account comes back as invited.
            var restored = existing
            restored.status = "invited"
            restored.firstName = text["firstName"] ?? restored.firstName
            restored.lastName = text["lastName"] ?? restored.lastName
            restored.job = text["job"] ?? restored.job
            restored.lang = lang
            users[existing.id] = restored
            schedule(existing.id, deactivateAt)
            addRole(role, group: groupID, user: existing.id)
            if sendInvitation { invitationsSent.append(mail) }
            return .json(200, restored.json)
        }
        let id = makeUser(mail: mail, status: "invited", firstName: text["firstName"], lastName: text["lastName"], job: text["job"], lang: lang)
        schedule(id, deactivateAt)
        addRole(role, group: groupID, user: id)
        if sendInvitation { invitationsSent.append(mail) }
        return .json(201, users[id]!.json)
    }

    func patchUser(_ id: String, _ r: SandboxRequest) -> SandboxResponse {
        guard var user = users[id] else { return LMSAnswer.error(404, "userNotFound") }
        guard let body = r.jsonObject() else { return LMSAnswer.invalid("the body must be a JSON object") }
        let check = BodyCheck(object: body)
        if let problem = check.unknown([
            "firstName", "lastName", "phone", "job", "organization", "custom", "lang", "toBeDeactivatedAt",
            "mail", "primaryGroupId", "username", "profileImageId"
        ]) {
            return LMSAnswer.invalid(problem)
        }
        for key in ["firstName", "lastName", "job"] where body[key] != nil {
            switch check.string(key, nullable: true) {
            case .failure(let problem): return LMSAnswer.invalid(problem.message)
            case .success(let value):
                switch key {
                case "firstName": user.firstName = value
                case "lastName": user.lastName = value
                default: user.job = value
                }
            }
        }
        if body["mail"] != nil {
            guard case .success(let mail?) = check.string("mail") else { return LMSAnswer.invalid("'mail' must be a non-empty string") }
            guard LMSRules.isMail(mail) else { return LMSAnswer.error(400, "mailInvalid") }
            if users.values.contains(where: { $0.id != id && $0.mail.lowercased() == mail.lowercased() }) { return LMSAnswer.error(400, "mailAlreadyUsed") }
            user.mail = mail
        }
        if let lang = body["lang"] {
            guard let code = lang as? String, LMSRules.languages.contains(code) else { return LMSAnswer.invalid("'lang' is not a supported language") }
            user.lang = code
        }
        var deactivateAt = user.toBeDeactivatedAt
        if body.keys.contains("toBeDeactivatedAt") {
            switch deactivation(body["toBeDeactivatedAt"], user: user) {
            case .failure(let error): return error.answer
            case .success(let value): deactivateAt = value
            }
        }
        users[id] = user
        schedule(id, deactivateAt)
        return .json(200, users[id]!.json)
    }

    func deleteUser(_ id: String) -> SandboxResponse {
        guard var user = users[id] else { return LMSAnswer.error(404, "userNotFound") }
        if roles[rootGroupID]?[id]?.contains("owner") == true { return LMSAnswer.error(400, "userIsCompanyOwner") }
        user.status = "deleted"
        user.deletedAt.append(ISO8601DateFormatter().string(from: Date()))
        users[id] = user
        return LMSAnswer.noContent
    }

    func listManagers(_ id: String, _ r: SandboxRequest) -> SandboxResponse {
        guard users[id] != nil else { return LMSAnswer.error(404, "userNotFound") }
        return LMSAnswer.page((managers[id] ?? []).map(SandboxJSON.string), request: r, size: LMSRules.pageSizes.managers)
    }

    /// The users whose managers include `id`, in user order (1,000 per page, as the managers list).
    func listSubordinates(_ id: String, _ r: SandboxRequest) -> SandboxResponse {
        guard users[id] != nil else { return LMSAnswer.error(404, "userNotFound") }
        if subordinateIndex == nil {
            var index: [String: [String]] = [:]
            for user in userOrder { for manager in Set(managers[user] ?? []) { index[manager, default: []].append(user) } }
            subordinateIndex = index
        }
        let subordinates = subordinateIndex?[id] ?? []
        return LMSAnswer.page(subordinates.lazy.map(SandboxJSON.string), request: r, size: LMSRules.pageSizes.subordinates)
    }

    func addManager(_ id: String, _ managerID: String) -> SandboxResponse {
        guard let user = users[id] else { return LMSAnswer.error(404, "userNotFound") }
        guard let manager = users[managerID] else { return LMSAnswer.error(404, "managerNotFound") }
        if user.status == "deleted" { return LMSAnswer.error(400, "userDeleted") }
        if manager.status == "deleted" { return LMSAnswer.error(400, "managerDeleted") }
        if !(managers[id] ?? []).contains(managerID) { managers[id, default: []].append(managerID) }
        return LMSAnswer.noContent
    }

    func removeManager(_ id: String, _ managerID: String) -> SandboxResponse {
        guard let user = users[id] else { return LMSAnswer.error(404, "userNotFound") }
        guard users[managerID] != nil else { return LMSAnswer.error(404, "managerNotFound") }
        if user.status == "deleted" { return LMSAnswer.error(400, "userDeleted") }
        guard (managers[id] ?? []).contains(managerID) else { return LMSAnswer.error(400, "managerNotAssignedToUser") }
        managers[id]?.removeAll { $0 == managerID }
        return LMSAnswer.noContent
    }

    func listUserRoles(_ id: String, _ r: SandboxRequest) -> SandboxResponse {
        guard users[id] != nil else { return LMSAnswer.error(404, "userNotFound") }
        let entries = groupOrder.flatMap { group in (roles[group]?[id] ?? []).sorted().map { ["groupId": .string(group), "role": .string($0)] as SandboxJSON } }
        return LMSAnswer.page(entries, request: r, size: LMSRules.pageSizes.roles)
    }

    func getValues(_ id: String) -> SandboxResponse {
        guard users[id] != nil else { return LMSAnswer.error(404, "userNotFound") }
        return .json(200, .array((values[id] ?? []).map(\.json)))
    }

    /// Replaces all of the user's values, validating each against its field's type.
    func putValues(_ id: String, _ r: SandboxRequest) -> SandboxResponse {
        guard users[id] != nil else { return LMSAnswer.error(404, "userNotFound") }
        guard let body = r.jsonObject(), body.count == 1, let list = body["customValues"] as? [[String: Any]] else {
            return LMSAnswer.invalid("the body must be {\"customValues\": [...]}")
        }
        guard list.count <= 300 else { return LMSAnswer.invalid("at most 300 customValues") }
        var result: [LMSValue] = []
        for item in list {
            guard item.count == 3, let fieldID = item["customFieldId"] as? String, LMSRules.isObjectID(fieldID),
                let type = item["type"] as? String, ["string", "date"].contains(type), let value = item["value"] as? String
            else {
                return LMSAnswer.invalid("each custom value needs customFieldId, type (string|date) and a string value")
            }
            guard let field = fields[fieldID] else { return LMSAnswer.error(404, "customFieldNotFound") }
            guard field.type == type, type == "string" || LMSRules.isCalendarDate(value) else { return LMSAnswer.error(400, "wrongTypeValue") }
            guard !result.contains(where: { $0.fieldID == fieldID }) else { return LMSAnswer.error(400, "multipleValuesForSingleCustomField") }
            result.append(LMSValue(fieldID: fieldID, type: type, value: value))
        }
        values[id] = result
        return .json(200, .array(result.map(\.json)))
    }
}
