import Foundation
import Testing

@testable import HRSyncCore

/// `hrsync discover` and `check`'s pure parts: attribute statistics, the group tree, the hierarchy
/// preview (through the planner's own `GroupPlacement`), the choices, the drafted config, the check rules.
@Suite struct DiscoverTests {
    static func person(_ id: Int, _ status: String, office: String? = nil, department: String? = nil, extra: [String: AttributeValue] = [:]) -> Employee {
        var attributes: [String: AttributeValue] = [
            "email": .text("p\(id)@acme.example"), "first_name": .text("P\(id)"), "status": .text(status), "hire_date": .date("2024-01-0\(id % 9 + 1)")
        ]
        if let office { attributes["office"] = .text(office) }
        if let department { attributes["department"] = .text(department) }
        attributes.merge(extra) { _, new in new }
        return Employee(id: id, attributes: attributes)
    }

    static let top = "64f1a2b3c4d5e6f7a8b9c0d1"

    static let tree: GroupTree = {
        let groups = [
            LMSGroupRecord(id: "root", name: "ACME", parentID: nil, isPublic: false),
            LMSGroupRecord(id: Self.top, name: "Employees", parentID: "root", isPublic: true),
            LMSGroupRecord(id: "berlin", name: "Berlin", parentID: Self.top, isPublic: true),
            LMSGroupRecord(id: "sales", name: " Sales ", parentID: "berlin", isPublic: true),
            LMSGroupRecord(id: "paris", name: "Paris", parentID: Self.top, isPublic: true)
        ]
        return GroupTree(Dictionary(uniqueKeysWithValues: groups.map { ($0.id, $0) }))
    }()

    static let definitions = [
        AttributeSurveyor.Definition(key: "office", label: "Standort", type: "standard"),
        AttributeSurveyor.Definition(key: "email", label: "E-Mail", type: "standard"),
        AttributeSurveyor.Definition(key: "hire_date", label: "Eintrittsdatum", type: "date"),
        AttributeSurveyor.Definition(key: "dynamic_1", label: "Geburtstag", type: "date"),
        AttributeSurveyor.Definition(key: "dynamic_2", label: "Kostenstelle", type: "standard")
    ]

    @Test func attributesAreCountedByStatusSampledAndFlagged() {
        let employees = [
            Self.person(1, "active", office: "Berlin", extra: ["dynamic_2": .text("CC-1")]), Self.person(2, "active", office: " berlin "),
            Self.person(3, "onboarding", office: "Paris"), Self.person(4, "leave", office: "Remote"), Self.person(5, "inactive", office: "Paris"),
            Self.person(6, "active", extra: ["dynamic_2": .empty])
        ]
        let survey = AttributeSurveyor.survey(definitions: Self.definitions, employees: employees)
        let office = survey.first { $0.key == "office" }!
        #expect(office.label == "Standort")
        #expect(office.withValue == ["active": 2, "onboarding": 1, "leave": 1])
        #expect(office.topValues == [ValueCount(value: "Berlin", count: 2), ValueCount(value: "Paris", count: 1), ValueCount(value: "Remote", count: 1)])
        #expect(!office.looksLikeDate && !office.hiddenByWhitelist)
        let email = survey.first { $0.key == "email" }!
        #expect(email.topValues == nil && email.withValue["active"] == 3)
        let hire = survey.first { $0.key == "hire_date" }!
        #expect(hire.looksLikeDate && hire.topValues != nil)
        let birthday = survey.first { $0.key == "dynamic_1" }!
        #expect(birthday.hiddenByWhitelist && birthday.carriedBy == 0 && birthday.topValues == nil)
        let cost = survey.first { $0.key == "dynamic_2" }!
        #expect(!cost.hiddenByWhitelist && cost.carriedBy == 2 && cost.withValue["active"] == 1)
        // Keys only seen in payloads come after the listed ones.
        #expect(survey.map(\.key) == ["office", "email", "hire_date", "dynamic_1", "dynamic_2", "first_name", "status"])
        #expect(survey.first { $0.key == "first_name" }?.listed == false)
    }

    @Test func hierarchyPreviewUsesThePlannersMatchingAndCountsTheTop() {
        let employees = [
            Self.person(1, "active", office: "Berlin", department: "sales"), Self.person(2, "active", office: " BERLIN ", department: "Interns"),
            Self.person(3, "active", office: "Remote", department: "Sales"), Self.person(4, "leave", office: "remote"),
            Self.person(5, "onboarding"), Self.person(6, "inactive", office: "Berlin", department: "Sales"),
            Self.person(7, "active", office: "Paris", department: "Sales")
        ]
        let preview = HierarchyPreview.build(groupID: Self.top, hierarchy: ["office", "department"], employees: employees, tree: Self.tree)
        #expect(preview.people == 6)
        #expect(preview.peopleAtDepth == [3, 2, 1])
        #expect(preview.atTop == 3)
        #expect(preview.groupPath == "Employees")
        let office = preview.levels[0]
        #expect(office.matched.map(\.path) == ["Employees › Berlin", "Employees › Paris"])
        #expect(office.matched.map(\.people) == [2, 1])
        #expect(office.unmatched == [HierarchyPreview.UnmatchedValue(value: "Remote", under: "Employees", people: 2)])
        #expect(office.withoutValue == 1)
        let department = preview.levels[1]
        #expect(department.matched == [HierarchyPreview.MatchedValue(groupID: "sales", path: "Employees › Berlin ›  Sales ", people: 1)])
        #expect(Set(department.unmatched.map(\.value)) == ["Interns", "Sales"])
        // Each person lands where the planner would put them.
        for employee in employees where StatusClass.of(employee.status) == .wanted {
            let placement = GroupPlacement.place(employee, in: GroupSync(id: Self.top, hierarchy: ["office", "department"], filter: nil), tree: Self.tree)
            #expect(placement != nil)
        }
    }

    @Test func groupsResolveByIDOrPathAndListDepthFirst() {
        #expect(GroupListing.list(Self.tree).map(\.path) == ["ACME", "Employees", "Employees › Berlin", "Employees › Berlin ›  Sales ", "Employees › Paris"])
        #expect(GroupListing.resolve(" berlin ", in: Self.tree) == .success("berlin"))
        #expect(GroupListing.resolve("sales", in: Self.tree) == .success("sales"))
        #expect(GroupListing.resolve("employees / berlin", in: Self.tree) == .success("berlin"))
        #expect(GroupListing.resolve("Employees › Berlin › Sales", in: Self.tree) == .success("sales"))
        #expect(GroupListing.resolve("Employes › Paris", in: Self.tree) == .failure(.unknown("Employes › Paris", suggestion: "Employees › Paris")))
    }

    func report(admins: [DiscoveredAdmin] = [DiscoveredAdmin(id: "u1", mail: "Boss@acme.example", status: "active", roles: ["owner"])]) -> DiscoverReport {
        let employees = [Self.person(1, "active", office: "Berlin", department: "Sales"), Self.person(2, "active", office: "Remote")]
        return DiscoverReport(
            personioBaseURL: "https://api.personio.de", learning360BaseURL: "https://app.360learning.com", definitions: Self.definitions,
            definitionsProblem: nil, employees: employees, tree: Self.tree, customFields: [LMSFieldRecord(id: "f1", name: "Hire date", type: "date")],
            admins: admins,
            hierarchy: HierarchyPreview.build(groupID: Self.top, hierarchy: ["office", "department"], employees: employees, tree: Self.tree))
    }

    @Test func choicesRefuseHiddenAndUnknownAttributesAndNonAdmins() throws {
        let report = report()
        #expect(throws: DiscoverChoices.Problem.hiddenAttribute(key: "dynamic_1", option: "--custom-field")) {
            try DiscoverChoices(customFields: [.init(argument: "dynamic_1=Birthday")]).checkAttributes(in: report)
        }
        #expect(throws: DiscoverChoices.Problem.unknownAttribute(key: "ofice", option: "--hierarchy", suggestion: "office")) {
            try DiscoverChoices(hierarchy: ["ofice"]).checkAttributes(in: report)
        }
        #expect(throws: DiscoverChoices.Problem.notAnAdmin(mail: "p1@acme.example", candidates: ["Boss@acme.example"])) {
            try DiscoverChoices(admin: "p1@acme.example").adminMail(in: report)
        }
        #expect(try DiscoverChoices(admin: "boss@ACME.example").adminMail(in: report) == "Boss@acme.example")
        #expect(try DiscoverChoices().adminMail(in: report) == "Boss@acme.example")
        #expect(throws: DiscoverChoices.Problem.adminNeeded(candidates: [])) { try DiscoverChoices().adminMail(in: self.report(admins: [])) }
        let fields = DiscoverChoices(customFields: [.init(argument: "hire_date"), .init(argument: "dynamic_2 = Cost: center")]).resolvedFields(report)
        #expect(fields.map(\.name) == ["Eintrittsdatum", "Cost: center"])
    }

    @Test func theDraftConfigLoadsAndNamesWhatDiscoverSaw() throws {
        let report = report()
        let personio = PersonioSettings(
            baseURL: "https://api.personio.de", clientID: .environment("PERSONIO_CLIENT_ID"), clientSecret: .file("/run/secrets/personio"), appID: "ACME")
        let learning = Learning360Settings(
            baseURL: "https://app.360learning.com", clientID: .environment("L360_CLIENT_ID"), clientSecret: .environment("L360_CLIENT_SECRET"),
            adminEmail: "", sendInvitations: false, defaultLanguage: "en")
        let text = DraftConfig(
            report: report, personio: personio, learning360: learning, adminEmail: "Boss@acme.example",
            customFields: [("hire_date", "Hire date"), ("dynamic_2", "Cost: center #1")]
        ).render()
        let config = try ConfigLoader.load(yaml: text, file: "draft.yaml")
        #expect(config.sync.groups == [GroupSync(id: Self.top, hierarchy: ["office", "department"], filter: nil)])
        #expect(config.sync.customFields.map(\.personioKey) == ["hire_date", "dynamic_2"])
        #expect(config.sync.customFields.map(\.name) == ["Hire date", "Cost: center #1"])
        #expect(config.learning360.adminEmail == "Boss@acme.example")
        #expect(config.personio.clientSecret == .file("/run/secrets/personio"))
        #expect(text.contains("1 value has no group: Remote (1 person)"))
        #expect(text.contains("; a date; the date field exists (f1)"), "\(text)")
        // Found by exact name, as the planner finds it: another case is another field.
        let other = DraftConfig(
            report: report, personio: personio, learning360: learning, adminEmail: "Boss@acme.example", customFields: [("hire_date", "hire DATE")]
        ).render()
        #expect(other.contains("no field is named exactly so (there is 'Hire date', f1): apply creates another, a date field"), "\(other)")
        // Any name reads back as written: line and paragraph separators, NEL, quotes, a comment sign.
        let odd = "A\u{2028}B\u{85}C \"#1\": x"
        let drafted = DraftConfig(report: report, personio: personio, learning360: learning, adminEmail: "Boss@acme.example", customFields: [("team", odd)])
            .render()
        #expect(try ConfigLoader.load(yaml: drafted, file: "d.yaml").sync.customFields.map(\.name) == [odd], "\(drafted)")
    }

    @Test func theConfigLoaderTakesAConnectionsOnlyConfigForDiscover() throws {
        let yaml = "personio:\n  base_url: https://api.personio.de\nlearning360:\n  base_url: https://app.360learning.com\n"
        #expect(throws: ConfigError.self) { try ConfigLoader.load(yaml: yaml, file: "c.yaml") }
        let config = try ConfigLoader.load(yaml: yaml, file: "c.yaml", purpose: .discover)
        #expect(config.learning360.adminEmail == "" && config.sync.groups.isEmpty)
    }

    @Test func preflightRulesNameTheItem() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(PreflightRules.clock(vendor: "Personio", dateHeader: "Fri, 15 Jan 2027 08:00:00 GMT", now: now).status == .fail)
        let header = PreflightRules.httpDate("Fri, 15 Jan 2027 08:00:00 GMT")!
        #expect(PreflightRules.clock(vendor: "Personio", dateHeader: "Fri, 15 Jan 2027 08:00:00 GMT", now: header.addingTimeInterval(299)).status == .pass)
        #expect(PreflightRules.clock(vendor: "Personio", dateHeader: "Fri, 15 Jan 2027 08:00:00 GMT", now: header.addingTimeInterval(-301)).status == .fail)
        #expect(PreflightRules.stateDirectory(path: "s", isDirectory: true, mode: 0o755).status == .fail)
        #expect(PreflightRules.stateDirectory(path: "s", isDirectory: true, mode: 0o700).status == .pass)
        #expect(PreflightRules.stateDirectory(path: "s", isDirectory: false, mode: nil).detail.contains("hrsync init"))
        #expect(PreflightRules.baseURL("personio.base_url", "http://127.0.0.1.nip.io").status == .fail)
        var sync = SyncSettings(
            match: [.email, .externalID], groups: [GroupSync(id: Self.top, hierarchy: ["office"], filter: nil)],
            customFields: [CustomFieldMapping(personioKey: "dynamic_1", name: "Birthday")], filters: [], filtersApplyToLeavers: false,
            maxDeletes: .percent(5), maxShrinkPercent: 20)
        let items = PreflightRules.attributes(sync, employees: [Self.person(1, "active", office: "Berlin")], listed: ["office", "dynamic_1"])
        #expect(items.map(\.status) == [.pass, .fail])
        #expect(items[1].item == "sync.custom_fields[0] dynamic_1" && items[1].detail.contains("hidden attribute"))
        sync.groups = [GroupSync(id: "nope", hierarchy: [], filter: nil)]
        #expect(PreflightRules.groups(sync.groups, tree: Self.tree).first?.status == .fail)
        let admins = [DiscoveredAdmin(id: "u1", mail: "boss@acme.example", status: "active", roles: ["admin"])]
        #expect(PreflightRules.admin("BOSS@acme.example", admins: admins).status == .pass)
        #expect(PreflightRules.admin("p1@acme.example", admins: admins).detail.contains("not an admin or owner"))
        #expect(PreflightRules.readScope(endpoint: "GET /api/v2/external-ids") == "the credential may lack externalIds:read")
        #expect(PreflightRules.readScope(endpoint: "GET /api/v2/users/{userId}/custom-fields/values").hasSuffix("customFields:read"))
    }
}
