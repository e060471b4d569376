import Foundation

/// Everything `hrsync discover` found, as `--json` prints it (docs/discover.schema.json) and the views and
/// `--write-config` use it.
public struct DiscoverReport: Codable, Equatable, Sendable {
    /// The Personio side.
    public var personio: PersonioSide
    /// The 360Learning side.
    public var learning360: Learning360Side
    /// The hierarchy preview, when `--group` was given.
    public var hierarchy: HierarchyPreview?

    /// What the Personio credential can see.
    public struct PersonioSide: Codable, Equatable, Sendable {
        /// `personio.base_url`.
        public var baseURL: String
        /// Employees read, all statuses.
        public var employees: Int
        /// Employees by status (`active`, `onboarding`, `leave`, `inactive`, …).
        public var byStatus: [String: Int]
        /// Why the attribute list could not be read (then only payload keys are known); nil when it was.
        public var attributeListProblem: String?
        /// Every attribute, listed ones first.
        public var attributes: [AttributeSurvey]
    }

    /// What the 360Learning credential can see.
    public struct Learning360Side: Codable, Equatable, Sendable {
        /// `learning360.base_url`.
        public var baseURL: String
        /// The group tree, depth first from the root.
        public var groups: [DiscoveredGroup]
        /// The user custom-field definitions.
        public var customFields: [DiscoveredField]
        /// The platform's admins and owners.
        public var admins: [DiscoveredAdmin]
    }

    /// A user custom-field definition.
    public struct DiscoveredField: Codable, Equatable, Sendable {
        /// Its id.
        public var id: String
        /// Its name, what `sync.custom_fields[].name` takes.
        public var name: String
        /// `string` or `date`.
        public var type: String
    }

    /// The report of these readings; `hierarchy` from `HierarchyPreview.build` when asked for.
    public init(
        personioBaseURL: String, learning360BaseURL: String, definitions: [AttributeSurveyor.Definition]?, definitionsProblem: String?,
        employees: [Employee], tree: GroupTree, customFields: [LMSFieldRecord], admins: [DiscoveredAdmin], hierarchy: HierarchyPreview? = nil
    ) {
        var byStatus: [String: Int] = [:]
        for employee in employees { byStatus[employee.status?.lowercased() ?? "(none)", default: 0] += 1 }
        personio = PersonioSide(
            baseURL: personioBaseURL, employees: employees.count, byStatus: byStatus, attributeListProblem: definitionsProblem,
            attributes: AttributeSurveyor.survey(definitions: definitions ?? [], employees: employees))
        learning360 = Learning360Side(
            baseURL: learning360BaseURL, groups: GroupListing.list(tree),
            customFields: customFields.sorted { ($0.name, $0.id) < ($1.name, $1.id) }.map { DiscoveredField(id: $0.id, name: $0.name, type: $0.type) },
            admins: admins)
        self.hierarchy = hierarchy
    }

    /// The attribute with this key, if Personio has it.
    public func attribute(_ key: String) -> AttributeSurvey? { personio.attributes.first { $0.key == key } }
}
