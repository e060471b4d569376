import Foundation
import HRSyncCore
import Learning360
import Personio

/// What `hrsync discover` and `hrsync check` read, in bounded requests: Personio's attribute list and
/// the pages of employees; 360Learning's group list, custom-field definitions and the root group's
/// roles (then one read per admin or owner, a handful). No per-employee reads; nothing is stored.
public struct Discovery: Sendable {
    /// Everything read, as the core analyses it.
    public struct Reading: Sendable {
        /// The attribute list; nil when the credential may not read it (some get 403).
        public var definitions: [AttributeSurveyor.Definition]?
        /// Why the attribute list could not be read, when it could not.
        public var definitionsProblem: String?
        /// Every employee, every attribute the credential can read.
        public var employees: [Employee]
        /// Reading notes (skipped employees, odd values), as the pull words them.
        public var personioWarnings: [String]
        /// The group tree.
        public var tree: GroupTree
        /// The user custom-field definitions.
        public var customFields: [LMSFieldRecord]
        /// The platform's admins and owners (root group roles).
        public var admins: [DiscoveredAdmin]
    }

    /// Why an answer could not be used.
    public enum Failure: Error, LocalizedError {
        /// 360Learning has no root group (no group without a parent).
        case noRootGroup

        /// One line a user can act on.
        public var errorDescription: String? {
            switch self {
            case .noRootGroup: "360Learning's group list has no root group (a group without parentId): the answer looks cut short; try again"
            }
        }
    }

    let personio: any PersonioSource
    let learning360: any Learning360API

    /// Reads through these clients.
    public init(personio: any PersonioSource, learning360: any Learning360API) {
        self.personio = personio
        self.learning360 = learning360
    }

    /// Both sides, concurrently.
    public func read() async throws -> Reading {
        async let lms = readLearning360()
        let (definitions, problem, list) = try await readPersonio()
        let (tree, fields, admins) = try await lms
        return Reading(
            definitions: definitions, definitionsProblem: problem, employees: list.employees, personioWarnings: list.warnings, tree: tree,
            customFields: fields, admins: admins)
    }

    /// The attribute list (or why not) and every employee with every readable attribute.
    public func readPersonio() async throws -> ([AttributeSurveyor.Definition]?, String?, PersonioClient.EmployeeList) {
        var definitions: [AttributeSurveyor.Definition]?
        var problem: String?
        do {
            definitions = try await personio.attributeDefinitions().map { .init(key: $0.key, label: $0.label, type: $0.type) }
        } catch let error as PersonioError {
            if case .unreachable = error { throw error }
            problem = error.localizedDescription
        }
        let knownTypes = Dictionary((definitions ?? []).map { ($0.key, $0.type) }) { first, _ in first }
        let list = try await personio.allEmployees(keep: nil, knownTypes: knownTypes, progress: nil)
        return (definitions, problem, list)
    }

    /// The group tree, the user custom fields and the admins.
    public func readLearning360() async throws -> (GroupTree, [LMSFieldRecord], [DiscoveredAdmin]) {
        async let groupList = learning360.groups()
        async let fieldList = learning360.customFields()
        var records: [String: LMSGroupRecord] = [:]
        for group in try await groupList where Learning360ID.isValid(group._id) {
            records[group._id] = LMSGroupRecord(id: group._id, name: group.name, parentID: group.parentId, isPublic: group.public ?? false)
        }
        let tree = GroupTree(records)
        let fields = try await fieldList.filter { $0.targetType == "users" }.compactMap { field in
            field._id.map { LMSFieldRecord(id: $0, name: field.name, type: field.type) }
        }
        guard let root = tree.root else { throw Failure.noRootGroup }
        return (tree, fields, try await admins(root: root.id))
    }

    /// The users with `admin` or `owner` in the root group, each read once (a handful).
    func admins(root: String) async throws -> [DiscoveredAdmin] {
        var roles: [String: Set<String>] = [:]
        for row in try await learning360.roles(inGroup: root) where row.role == "admin" || row.role == "owner" {
            guard let user = row.userId, Learning360ID.isValid(user) else { continue }
            roles[user, default: []].insert(row.role)
        }
        var admins: [DiscoveredAdmin] = []
        for (id, held) in roles.sorted(by: { $0.key < $1.key }).prefix(Self.maximumAdminReads) {
            let user = try await learning360.user(id)
            admins.append(DiscoveredAdmin(id: id, mail: user.mail, status: user.status, roles: held.sorted()))
        }
        return admins.sorted { ($0.mail ?? "", $0.id) < ($1.mail ?? "", $1.id) }
    }

    /// Admins read one by one at most: a platform with more lists only these (reads stay bounded).
    public static let maximumAdminReads = 50
}
