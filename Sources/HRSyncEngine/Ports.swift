import Foundation
import HRSyncCore
import Learning360
import Personio

/// What the engine needs from Personio: the attribute list and every employee. The real client
/// and in-memory fakes (tests) both conform.
public protocol PersonioSource: Sendable {
    /// The attributes this credential may read, with their types (some credentials get 403).
    func attributeDefinitions() async throws -> [PersonioClient.AttributeDefinition]
    /// Every employee, only the attributes in `keep` (nil: all); `progress` gets (read, total when known).
    func allEmployees(keep: Set<String>?, knownTypes: [String: String], progress: (@Sendable (Int, Int?) -> Void)?) async throws -> PersonioClient.EmployeeList
    /// One employee by id (targeted runs), with the notes of its reading; empty when Personio has none.
    func employee(id: Int, keep: Set<String>?, knownTypes: [String: String]) async throws -> PersonioClient.EmployeeList
    /// The employees with an email (targeted runs).
    func employees(email: String, keep: Set<String>?, knownTypes: [String: String]) async throws -> PersonioClient.EmployeeList
}

/// What the engine needs from 360Learning: the reads of a pull and the writes of an apply.
public protocol Learning360API: Sendable {
    /// Every user, or only those with this mail and/or status.
    func users(mail: String?, status: String?) async throws -> [LMSUserDTO]
    /// One user by id; an unknown id throws (a 404).
    func user(_ id: String) async throws -> LMSUserDTO
    /// Every group of the platform (the tree is linked by `parentId`).
    func groups() async throws -> [GroupDTO]
    /// The user custom-field definitions.
    func customFields() async throws -> [CustomFieldDTO]
    /// Every mapping of `platform` for one target type: the Personio id ↔ user id table.
    func externalIDs(platform: String, type: String) async throws -> [ExternalIDDTO]
    /// The user mappings with this value, or of this user (targeted runs).
    func externalIDs(platform: String, value: String?, targetID: String?) async throws -> [ExternalIDDTO]
    /// All of a user's custom-field values.
    func customValues(of userID: String) async throws -> [CustomValueDTO]
    /// The ids of a user's managers (360Learning allows several).
    func managers(of userID: String) async throws -> [String]
    /// The users whose manager `managerID` is: one paged read per manager rather than one per user.
    func subordinates(of managerID: String) async throws -> [String]
    /// One row per user and role in a group.
    func roles(inGroup groupID: String) async throws -> [MembershipDTO]
    /// One row per group and role a user holds (a learner shows in the groups above too).
    func roles(ofUser userID: String) async throws -> [MembershipDTO]

    /// Creates an invited user, or restores a deleted one with the same mail (§2).
    func createUser(_ body: CreateUserBody, sendInvitationEmail: Bool) async throws -> CreateUserOutcome
    /// Patches only the given fields; a nil value clears one. Returns the user as it now is.
    func updateUser(_ id: String, _ fields: [String: String?]) async throws -> LMSUserDTO
    /// Soft-deletes a user (`status` becomes `deleted`; creating one with its mail restores it).
    func deleteUser(_ id: String) async throws -> WriteOutcome
    /// Maps a user to a Personio id; a mapping that exists already counts as done.
    func createExternalID(_ mapping: ExternalIDDTO) async throws -> WriteOutcome
    /// Removes a mapping; one already gone counts as done.
    func deleteExternalID(_ id: String) async throws -> WriteOutcome
    /// Removes a field definition; one already gone counts as done.
    func deleteCustomField(_ id: String) async throws -> WriteOutcome
    /// Creates a user custom field (`string` or `date`) and returns it with its id.
    func createCustomField(name: String, type: String) async throws -> CustomFieldDTO
    /// Replaces all of a user's values at once: the whole list is sent (§4).
    func replaceCustomValues(of userID: String, _ values: [CustomValueDTO]) async throws -> [CustomValueDTO]
    /// Gives a user a role in a group (`role` as the path spells it: `learner`, …).
    func addRole(_ role: String, group groupID: String, user userID: String) async throws -> WriteOutcome
    /// Takes a role away; removing `learner` also removes it from the group's public subgroups (§5).
    func removeRole(_ role: String, group groupID: String, user userID: String) async throws -> WriteOutcome
    /// Adds a manager to a user, keeping any others.
    func addManager(_ managerID: String, to userID: String) async throws -> WriteOutcome
    /// Removes one manager link; a link already gone counts as done.
    func removeManager(_ managerID: String, from userID: String) async throws -> WriteOutcome

    /// Bulk role changes: one write request for up to 20,000 rows, run by 360Learning on its own
    /// (the operation's id comes back), then its status and per-row results (reads).
    func startBulkMemberships(remove: Bool, _ rows: [BulkMembershipRow]) async throws -> String
    /// An operation's status now, polled until it is finished.
    func bulkOperation(_ id: String) async throws -> BulkOperationDTO
    /// Every row's result of an operation.
    func bulkResults(_ id: String) async throws -> [BulkResultDTO]
}

extension PersonioClient: PersonioSource {}
extension Learning360Client: Learning360API {}
