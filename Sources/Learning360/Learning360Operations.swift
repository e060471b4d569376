import Foundation
import HRSyncHTTP

/// The operations the sync needs, one per vendor endpoint.
extension Learning360Client {
    // MARK: Users

    /// `GET /api/v2/users`, every page (500 users each), optionally filtered by `mail[eq]` and by
    /// `status[eq]` (`active`, `invited` or `deleted`).
    public func users(mail: String? = nil, status: String? = nil) async throws -> [LMSUserDTO] {
        var query: [(String, String)] = []
        if let mail { query.append(("mail[eq]", mail)) }
        if let status { query.append(("status[eq]", status)) }
        return try await all(LMSUserDTO.self, "/api/v2/users", query: query)
    }

    /// `GET /api/v2/users/{userId}`; an unknown id throws ``Learning360Error/api(status:code:message:endpoint:)`` with `userNotFound`.
    public func user(_ id: String) async throws -> LMSUserDTO {
        let endpoint = "GET /api/v2/users/{userId}"
        return try expect(LMSUserDTO.self, try await call("GET", url("/api/v2/users/\(PercentEncoding.pathSegment(id))"), endpoint: endpoint), endpoint)
    }

    /// Creates an invited user, or restores a deleted one with the same mail (200).
    public func createUser(_ body: CreateUserBody, sendInvitationEmail: Bool) async throws -> CreateUserOutcome {
        let endpoint = "POST /api/v2/users"
        let response = try await call(
            "POST", url("/api/v2/users", query: [("sendInvitationEmail", sendInvitationEmail ? "true" : "false")]),
            body: try json(body), endpoint: endpoint)
        if response.status == 400, Learning360Error.parse(response.body).code == "mailAlreadyUsed" { return .mailAlreadyUsed }
        let user = try expect(LMSUserDTO.self, response, endpoint, status: [200, 201])
        return response.status == 200 ? .restored(user) : .created(user)
    }

    /// PATCH with only the given fields; a nil value clears the field (sent as JSON null).
    public func updateUser(_ id: String, _ fields: [String: String?]) async throws -> LMSUserDTO {
        let endpoint = "PATCH /api/v2/users/{userId}"
        let body = try JSONSerialization.data(withJSONObject: fields.mapValues { $0 as Any? ?? NSNull() }, options: [.sortedKeys])
        return try expect(
            LMSUserDTO.self, try await call("PATCH", url("/api/v2/users/\(PercentEncoding.pathSegment(id))"), body: body, endpoint: endpoint), endpoint)
    }

    /// `DELETE /api/v2/users/{userId}`: a soft delete (`status` becomes `deleted`); creating a user with
    /// the same mail later restores the account.
    public func deleteUser(_ id: String) async throws -> WriteOutcome {
        try await write("DELETE", "/api/v2/users/\(PercentEncoding.pathSegment(id))", endpoint: "DELETE /api/v2/users/{userId}", alreadyDone: [])
    }

    // MARK: External ids

    /// Every mapping of `platform` for one target type, every page (5,000 each): the Personio id ↔ `_id`
    /// table. The query filter is `type`, although the record's field is `targetType`.
    public func externalIDs(platform: String, type: String = "user") async throws -> [ExternalIDDTO] {
        try await all(ExternalIDDTO.self, "/api/v2/external-ids", query: [("platform[eq]", platform), ("type[eq]", type)])
    }

    /// One Personio id's mapping, or one user's: the `value[eq]` / `targetId[eq]` filters.
    public func externalIDs(platform: String, value: String?, targetID: String?) async throws -> [ExternalIDDTO] {
        var query = [("platform[eq]", platform), ("type[eq]", "user")]
        if let value { query.append(("value[eq]", value)) }
        if let targetID { query.append(("targetId[eq]", targetID)) }
        return try await all(ExternalIDDTO.self, "/api/v2/external-ids", query: query)
    }

    /// A retried delete whose first try took effect answers 404: already done.
    public func deleteExternalID(_ id: String) async throws -> WriteOutcome {
        try await write(
            "DELETE", "/api/v2/external-ids/\(PercentEncoding.pathSegment(id))", endpoint: "DELETE /api/v2/external-ids/{mappingId}",
            alreadyDone: ["mappingIdNotFound"])
    }

    /// `DELETE /api/v2/custom-fields/{customFieldId}`; `customFieldNotFound` counts as already done.
    public func deleteCustomField(_ id: String) async throws -> WriteOutcome {
        try await write(
            "DELETE", "/api/v2/custom-fields/\(PercentEncoding.pathSegment(id))", endpoint: "DELETE /api/v2/custom-fields/{customFieldId}",
            alreadyDone: ["customFieldNotFound"])
    }

    /// `POST /api/v2/external-ids`; `mappingAlreadyExists` (one mapping per resource and platform)
    /// counts as already done.
    public func createExternalID(_ mapping: ExternalIDDTO) async throws -> WriteOutcome {
        try await write(
            "POST", "/api/v2/external-ids", body: try json(mapping), endpoint: "POST /api/v2/external-ids",
            alreadyDone: ["mappingAlreadyExists"])
    }

    /// `PUT /api/v2/external-ids/{mappingId}`: rewrites an existing mapping (the body carries no `_id`).
    public func replaceExternalID(_ mappingID: String, _ mapping: ExternalIDDTO) async throws -> WriteOutcome {
        var body = mapping
        body._id = nil
        return try await write(
            "PUT", "/api/v2/external-ids/\(PercentEncoding.pathSegment(mappingID))", body: try json(body), endpoint: "PUT /api/v2/external-ids/{mappingId}",
            alreadyDone: [])
    }

    // MARK: Custom fields

    /// Every user custom-field definition (`targetType[eq]=users`), every page.
    public func customFields() async throws -> [CustomFieldDTO] {
        try await all(CustomFieldDTO.self, "/api/v2/custom-fields", query: [("targetType[eq]", "users")])
    }

    /// `POST /api/v2/custom-fields` (201): a user field of `type` `string` or `date`, the only two
    /// types 360Learning has. A taken name fails with `nameAlreadyTaken`.
    public func createCustomField(name: String, type: String) async throws -> CustomFieldDTO {
        let endpoint = "POST /api/v2/custom-fields"
        let response = try await call("POST", url("/api/v2/custom-fields"), body: try json(CustomFieldDTO(name: name, type: type)), endpoint: endpoint)
        return try expect(CustomFieldDTO.self, response, endpoint, status: [201])
    }

    /// `GET /api/v2/users/{userId}/custom-fields/values`: every custom value the user has.
    public func customValues(of userID: String) async throws -> [CustomValueDTO] {
        let endpoint = "GET /api/v2/users/{userId}/custom-fields/values"
        return try expect(
            [CustomValueDTO].self, try await call("GET", url("/api/v2/users/\(PercentEncoding.pathSegment(userID))/custom-fields/values"), endpoint: endpoint),
            endpoint)
    }

    /// Replaces all of the user's values (the vendor's PUT semantics).
    public func replaceCustomValues(of userID: String, _ values: [CustomValueDTO]) async throws -> [CustomValueDTO] {
        struct Body: Encodable { var customValues: [CustomValueDTO] }
        let endpoint = "PUT /api/v2/users/{userId}/custom-fields/values"
        let response = try await call(
            "PUT", url("/api/v2/users/\(PercentEncoding.pathSegment(userID))/custom-fields/values"), body: try json(Body(customValues: values)),
            endpoint: endpoint)
        return try expect([CustomValueDTO].self, response, endpoint)
    }

    // MARK: Managers

    /// The `_id`s of the user's managers (360Learning allows several; there is no manager field on the user).
    public func managers(of userID: String) async throws -> [String] {
        try await all(String.self, "/api/v2/users/\(PercentEncoding.pathSegment(userID))/managers")
    }

    /// The ids of the users `managerID` manages (1,000 per page).
    public func subordinates(of managerID: String) async throws -> [String] {
        try await all(String.self, "/api/v2/users/\(PercentEncoding.pathSegment(managerID))/subordinates")
    }

    /// `POST /api/v2/users/{userId}/managers/{managerId}`: adds a manager, keeping any others.
    public func addManager(_ managerID: String, to userID: String) async throws -> WriteOutcome {
        try await write(
            "POST", "/api/v2/users/\(PercentEncoding.pathSegment(userID))/managers/\(PercentEncoding.pathSegment(managerID))",
            endpoint: "POST /api/v2/users/{userId}/managers/{managerId}", alreadyDone: [])
    }

    /// `DELETE /api/v2/users/{userId}/managers/{managerId}`; `managerNotAssignedToUser` counts as already done.
    public func removeManager(_ managerID: String, from userID: String) async throws -> WriteOutcome {
        try await write(
            "DELETE", "/api/v2/users/\(PercentEncoding.pathSegment(userID))/managers/\(PercentEncoding.pathSegment(managerID))",
            endpoint: "DELETE /api/v2/users/{userId}/managers/{managerId}",
            alreadyDone: ["managerNotAssignedToUser"])
    }

    // MARK: Groups and roles

    /// Every group of the platform, every page (500 each); the tree is linked by `parentId`.
    public func groups() async throws -> [GroupDTO] {
        try await all(GroupDTO.self, "/api/v2/groups")
    }

    /// `GET /api/v2/groups/{groupId}/roles`: one row per user and role in the group (1,000 per page).
    public func roles(inGroup groupID: String) async throws -> [MembershipDTO] {
        try await all(MembershipDTO.self, "/api/v2/groups/\(PercentEncoding.pathSegment(groupID))/roles")
    }

    /// `GET /api/v2/users/{userId}/roles`: one row per group and role the user holds. A learner of a
    /// public group shows up in the groups above it too (360Learning propagates it).
    public func roles(ofUser userID: String) async throws -> [MembershipDTO] {
        try await all(MembershipDTO.self, "/api/v2/users/\(PercentEncoding.pathSegment(userID))/roles")
    }

    /// `role` as the path spells it: `learner`, …, `user-admin`.
    public func addRole(_ role: String, group groupID: String, user userID: String) async throws -> WriteOutcome {
        try await write(
            "POST", "/api/v2/groups/\(PercentEncoding.pathSegment(groupID))/\(PercentEncoding.pathSegment(role))/\(PercentEncoding.pathSegment(userID))",
            endpoint: "POST /api/v2/groups/{groupId}/{role}/{userId}", alreadyDone: [])
    }

    /// `DELETE /api/v2/groups/{groupId}/{role}/{userId}`, `role` as the path spells it; `userNotFoundInGroup`
    /// counts as already done. Removing `learner` also removes it from the group's public subgroups.
    public func removeRole(_ role: String, group groupID: String, user userID: String) async throws -> WriteOutcome {
        try await write(
            "DELETE", "/api/v2/groups/\(PercentEncoding.pathSegment(groupID))/\(PercentEncoding.pathSegment(role))/\(PercentEncoding.pathSegment(userID))",
            endpoint: "DELETE /api/v2/groups/{groupId}/{role}/{userId}",
            alreadyDone: ["userNotFoundInGroup"])
    }

    // MARK: -

    /// A write whose success has no body to read (2xx), with the answers that mean "already done".
    func write(_ method: String, _ path: String, body: Data? = nil, endpoint: String, alreadyDone: Set<String>) async throws -> WriteOutcome {
        let response = try await call(method, url(path), body: body, endpoint: endpoint)
        if (200..<300).contains(response.status) { return .done }
        if let code = Learning360Error.parse(response.body).code, alreadyDone.contains(code) { return .alreadyDone(code) }
        throw failure(response, endpoint)
    }
}
