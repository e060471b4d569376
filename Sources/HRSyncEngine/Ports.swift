import Foundation
import HRSyncCore
import Learning360
import Personio

/// What the engine needs from Personio: the attribute list and every employee. The real client
/// and in-memory fakes (tests) both conform.
public protocol PersonioSource: Sendable {
    func attributeDefinitions() async throws -> [PersonioClient.AttributeDefinition]
    func allEmployees(keep: Set<String>?, knownTypes: [String: String], progress: (@Sendable (Int, Int?) -> Void)?) async throws -> PersonioClient.EmployeeList
    /// One employee by id (targeted runs), with the notes of its reading; empty when Personio has none.
    func employee(id: Int, keep: Set<String>?, knownTypes: [String: String]) async throws -> PersonioClient.EmployeeList
    /// The employees with an email (targeted runs).
    func employees(email: String, keep: Set<String>?, knownTypes: [String: String]) async throws -> PersonioClient.EmployeeList
}

/// What the engine needs from 360Learning: the reads of a pull and the writes of an apply.
public protocol Learning360API: Sendable {
    func users(mail: String?, status: String?) async throws -> [LMSUserDTO]
    func user(_ id: String) async throws -> LMSUserDTO
    func groups() async throws -> [GroupDTO]
    func customFields() async throws -> [CustomFieldDTO]
    func externalIDs(platform: String, type: String) async throws -> [ExternalIDDTO]
    /// The user mappings with this value, or of this user (targeted runs).
    func externalIDs(platform: String, value: String?, targetID: String?) async throws -> [ExternalIDDTO]
    func customValues(of userID: String) async throws -> [CustomValueDTO]
    func managers(of userID: String) async throws -> [String]
    /// The users whose manager `managerID` is: one paged read per manager rather than one per user.
    func subordinates(of managerID: String) async throws -> [String]
    func roles(inGroup groupID: String) async throws -> [MembershipDTO]
    func roles(ofUser userID: String) async throws -> [MembershipDTO]

    func createUser(_ body: CreateUserBody, sendInvitationEmail: Bool) async throws -> CreateUserOutcome
    func updateUser(_ id: String, _ fields: [String: String?]) async throws -> LMSUserDTO
    func deleteUser(_ id: String) async throws -> WriteOutcome
    func createExternalID(_ mapping: ExternalIDDTO) async throws -> WriteOutcome
    func deleteExternalID(_ id: String) async throws -> WriteOutcome
    func deleteCustomField(_ id: String) async throws -> WriteOutcome
    func createCustomField(name: String, type: String) async throws -> CustomFieldDTO
    func replaceCustomValues(of userID: String, _ values: [CustomValueDTO]) async throws -> [CustomValueDTO]
    func addRole(_ role: String, group groupID: String, user userID: String) async throws -> WriteOutcome
    func removeRole(_ role: String, group groupID: String, user userID: String) async throws -> WriteOutcome
    func addManager(_ managerID: String, to userID: String) async throws -> WriteOutcome
    func removeManager(_ managerID: String, from userID: String) async throws -> WriteOutcome

    /// Bulk role changes: one write request for up to 20,000 rows, run by 360Learning on its own
    /// (the operation's id comes back), then its status and per-row results (reads).
    func startBulkMemberships(remove: Bool, _ rows: [BulkMembershipRow]) async throws -> String
    func bulkOperation(_ id: String) async throws -> BulkOperationDTO
    func bulkResults(_ id: String) async throws -> [BulkResultDTO]
}

extension PersonioClient: PersonioSource {}
extension Learning360Client: Learning360API {}
