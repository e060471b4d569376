import Testing

@testable import HRSyncCore

private func employee(_ id: Int, _ attributes: [String: AttributeValue]) -> Employee {
    Employee(id: id, attributes: attributes)
}

@Suite struct FilterRuleTests {
    let person = employee(
        1,
        [
            "employment_type": .text("Internal"), "department": .text("Sales"), "dynamic_1": .empty,
            "email": .text("ada@acme.example"), "tags": .list(["A", "B"])
        ])

    @Test(arguments: [
        (EmployeeFilter.condition(attribute: "employment_type", .equals("internal")), true),
        (.condition(attribute: "employment_type", .notEquals("internal")), false),
        (.condition(attribute: "department", .isIn(["Interns", " sales "])), true),
        (.condition(attribute: "department", .notIn(["Interns"])), true),
        (.condition(attribute: "office", .notIn(["Berlin"])), true),
        (.condition(attribute: "office", .equals("Berlin")), false),
        (.condition(attribute: "email", .matches("@acme\\.example$")), true),
        (.condition(attribute: "email", .matches("^bob")), false),
        (.condition(attribute: "tags", .matches("^A, B$")), true),
        (.condition(attribute: "department", .exists), true),
        (.condition(attribute: "dynamic_1", .exists), false),
        (.condition(attribute: "dynamic_1", .missing), true),
        (.condition(attribute: "office", .missing), true),
        (.any([.condition(attribute: "office", .equals("Berlin")), .condition(attribute: "department", .equals("Sales"))]), true),
        (.all([.condition(attribute: "office", .missing), .condition(attribute: "department", .equals("Finance"))]), false)
    ])
    func everyOperator(filter: EmployeeFilter, expected: Bool) {
        #expect(FilterRule.passes(filter, person) == expected)
    }
}

@Suite struct ScopeRuleTests {
    func sync(leavers: Bool) -> SyncSettings {
        SyncSettings(
            match: [.email, .externalID], groups: [], customFields: [],
            filters: [.condition(attribute: "employment_type", .isIn(["internal"]))],
            filtersApplyToLeavers: leavers, maxDeletes: .count(5), maxShrinkPercent: 20)
    }

    @Test(arguments: [
        ("active", "internal", false, ScopeRule.Decision.wanted),
        ("onboarding", "internal", false, .wanted),
        ("leave", "external", false, .filteredOut),
        ("inactive", "external", false, .leaver),
        ("inactive", "external", true, .filteredOut),
        ("inactive", "internal", true, .leaver),
        ("retired", "internal", false, .invalidStatus("retired"))
    ])
    func statusesAndFilters(status: String, type: String, leavers: Bool, expected: ScopeRule.Decision) {
        let person = employee(1, ["status": .text(status), "employment_type": .text(type)])
        #expect(ScopeRule.decide(person, sync(leavers: leavers)) == expected)
    }
}

@Suite struct MatchRuleTests {
    func state() -> LMSState {
        var lms = LMSState()
        lms.users["u1"] = LMSUserRecord(id: "u1", mail: "Ada@Acme.example ", status: "active", firstName: nil, lastName: nil, job: nil, lang: nil)
        lms.users["u2"] = LMSUserRecord(id: "u2", mail: "bo@acme.example", status: "active", firstName: nil, lastName: nil, job: nil, lang: nil)
        lms.users["u0"] = LMSUserRecord(id: "u0", mail: "bo@acme.example", status: "deleted", firstName: nil, lastName: nil, job: nil, lang: nil)
        lms.mappings["2"] = LMSMappingRecord(personioID: "2", userID: "u2", mappingID: "m2")
        lms.mappings["3"] = LMSMappingRecord(personioID: "3", userID: "u2", mappingID: "m3")
        return lms
    }

    @Test func emailIsTrimmedAndCaseInsensitive() {
        let people = [employee(1, ["email": .text(" ada@acme.EXAMPLE")])]
        #expect(MatchRule.match(people[0], MatchIndex(lms: state(), employees: people), order: [.email, .externalID]) == .matched(userID: "u1", by: .email))
    }

    @Test func theFirstKeyInOrderWinsAndALiveUserBeatsADeletedOne() {
        let people = [employee(2, ["email": .text("bo@acme.example")])]
        let index = MatchIndex(lms: state(), employees: people)
        #expect(MatchRule.match(people[0], index, order: [.email, .externalID]) == .matched(userID: "u2", by: .email))
        #expect(MatchRule.match(people[0], index, order: [.externalID, .email]) == .matched(userID: "u2", by: .externalID))
    }

    @Test func keysPointingToDifferentUsersConflict() {
        let people = [employee(3, ["email": .text("ada@acme.example")])]
        #expect(
            MatchRule.match(people[0], MatchIndex(lms: state(), employees: people), order: [.email, .externalID])
                == .conflict(byEmail: "u1", byExternalID: "u2"))
    }

    @Test func aSharedEmailIsAConflictForBoth() {
        let people = [
            employee(7, ["email": .text("x@acme.example")]), employee(8, ["email": .text("X@acme.example")]), employee(9, ["email": .text("y@acme.example")])
        ]
        let index = MatchIndex(lms: state(), employees: people)
        #expect(MatchRule.match(people[0], index, order: [.email]) == .sharedEmail("x@acme.example"))
        #expect(MatchRule.match(people[1], index, order: [.email]) == .sharedEmail("x@acme.example"))
        #expect(MatchRule.match(people[2], index, order: [.email]) == .unmatched)
    }

    @Test func withoutEmailOnlyTheExternalIDCanMatch() {
        let people = [employee(2, [:])]
        #expect(
            MatchRule.match(people[0], MatchIndex(lms: state(), employees: people), order: [.email, .externalID]) == .matched(userID: "u2", by: .externalID))
    }
}

@Suite struct FieldMappingTests {
    let user = LMSUserRecord(id: "u", mail: "old@acme.example", status: "active", firstName: "Ada", lastName: "Lovelace", job: "Engineer", lang: "en")

    @Test func onlyDifferencesAreSentAndEmptyClears() {
        let person = employee(1, ["first_name": .text(" Ada "), "last_name": .text("King"), "position": .empty, "email": .text("old@acme.example")])
        #expect(
            FieldMapping.changes(for: person, current: user, matchedBy: .email) == [
                FieldChange(field: .lastName, before: "Lovelace", after: "King"), FieldChange(field: .job, before: "Engineer", after: nil)
            ])
    }

    @Test func aMissingAttributeLeavesTheFieldAlone() {
        let person = employee(1, ["first_name": .text("Ada")])
        #expect(FieldMapping.changes(for: person, current: user, matchedBy: .email).isEmpty)
    }

    @Test func mailChangesOnlyWhenMatchedByExternalIDAndValid() {
        let person = employee(1, ["email": .text("new@acme.example")])
        #expect(
            FieldMapping.changes(for: person, current: user, matchedBy: .externalID) == [
                FieldChange(field: .mail, before: "old@acme.example", after: "new@acme.example")
            ])
        #expect(FieldMapping.changes(for: person, current: user, matchedBy: .email).isEmpty)
        #expect(FieldMapping.changes(for: employee(1, ["email": .text("not a mail")]), current: user, matchedBy: .externalID).isEmpty)
        #expect(FieldMapping.changes(for: employee(1, ["email": .text("OLD@acme.example")]), current: user, matchedBy: .externalID).isEmpty)
    }
}

@Suite struct CustomFieldRuleTests {
    @Test func typesComeFromThePayloadOrTheAttributeList() {
        let people = [employee(1, ["hire_date": .date("2022-01-12"), "department": .text("Sales"), "x": .empty])]
        #expect(CustomFieldRule.type(of: "hire_date", in: people) == "date")
        #expect(CustomFieldRule.type(of: "department", in: people) == "string")
        #expect(CustomFieldRule.type(of: "x", in: people, attributeTypes: ["x": "date"]) == "date")
        #expect(CustomFieldRule.type(of: "x", in: people) == "string")
    }

    @Test(arguments: [
        (AttributeValue.date("2022-01-12"), "date", "2022-01-12" as String?),
        (.text("Sales"), "string", "Sales"),
        (.list(["CI/CD", "Excel"]), "string", "CI/CD, Excel"),
        (.text("40"), "string", "40"),
        (.empty, "string", nil),
        (.text("soon"), "date", nil)
    ])
    func valuesAreFormatted(value: AttributeValue, type: String, expected: String?) {
        #expect(CustomFieldRule.value(value, type: type) == expected)
    }

    @Test func theFullListKeepsUnmanagedValuesAndDropsRenamedManagedOnes() {
        let current = [
            CustomValue(field: .existing("hand"), type: "string", value: "kept"),
            CustomValue(field: .existing("old"), type: "string", value: "renamed away"),
            CustomValue(field: .existing("dept"), type: "string", value: "Sales")
        ]
        let desired = CustomFieldRule.desiredValues(
            current: current,
            configured: [
                .existing("dept"): ("string", "Finance"), .created(name: "Hire date"): ("date", "2022-01-12"),
                .existing("cc"): ("string", nil)
            ],
            managedEarlier: ["old", "dept"])
        #expect(
            desired == [
                CustomValue(field: .existing("dept"), type: "string", value: "Finance"),
                CustomValue(field: .existing("hand"), type: "string", value: "kept"),
                CustomValue(field: .created(name: "Hire date"), type: "date", value: "2022-01-12")
            ])
    }
}

@Suite struct GroupPlacementTests {
    let tree = GroupTree(
        Dictionary(
            uniqueKeysWithValues: [
                LMSGroupRecord(id: "top", name: "Employees", parentID: "root", isPublic: true),
                LMSGroupRecord(id: "root", name: "ACME", parentID: nil, isPublic: false),
                LMSGroupRecord(id: "ber", name: "Berlin", parentID: "top", isPublic: true),
                LMSGroupRecord(id: "ber-sales", name: "Sales ", parentID: "ber", isPublic: true),
                LMSGroupRecord(id: "par", name: "Paris", parentID: "top", isPublic: true)
            ].map { ($0.id, $0) }))
    let entry = GroupSync(id: "top", hierarchy: ["office", "department"], filter: nil)

    @Test func theDeepestMatchingGroupCaseInsensitive() {
        let placement = GroupPlacement.place(employee(1, ["office": .text("berlin"), "department": .text("SALES")]), in: entry, tree: tree)
        #expect(placement?.groupID == "ber-sales")
        #expect(placement?.depth == 2)
    }

    @Test func theWalkStopsAtTheFirstLevelWithoutAMatchingChild() {
        let stopped = GroupPlacement.place(employee(1, ["office": .text("Paris"), "department": .text("Sales")]), in: entry, tree: tree)
        #expect(stopped?.groupID == "par")
        #expect(stopped?.stoppedAt?.attribute == "department")
        #expect(GroupPlacement.place(employee(1, ["office": .text("Madrid")]), in: entry, tree: tree)?.groupID == "top", "no group is created")
        #expect(GroupPlacement.place(employee(1, [:]), in: entry, tree: tree)?.groupID == "top")
        #expect(
            GroupPlacement.place(employee(1, ["office": .text("Berlin")]), in: GroupSync(id: "top", hierarchy: [], filter: nil), tree: tree)?.groupID == "top")
    }

    @Test func aValueSpelledAsOneOfTwoSameNamedGroupsFindsTheFirstByIDAsAnyOtherSpellingDoes() {
        // Children named alike but for case: the first by id, whichever spelling the value has.
        let twins = GroupTree(
            Dictionary(
                uniqueKeysWithValues: [
                    LMSGroupRecord(id: "root", name: "ACME", parentID: nil, isPublic: false),
                    LMSGroupRecord(id: "b", name: "Sales", parentID: "root", isPublic: true),
                    LMSGroupRecord(id: "a", name: " sales", parentID: "root", isPublic: true),
                    LMSGroupRecord(id: "c", name: "Straße", parentID: "root", isPublic: true)
                ].map { ($0.id, $0) }))
        for value in ["Sales", "sales", " Sales ", "SALES", "sales\n"] { #expect(twins.child(of: "root", named: value) == "a", "\(value)") }
        for value in ["Straße", "straße", "STRAßE "] { #expect(twins.child(of: "root", named: value) == "c", "\(value)") }
        #expect(twins.child(of: "root", named: "Sale") == nil)
        #expect(twins.child(of: "b", named: "Sales") == nil)
    }

    @Test func aGroupFilterOrAnUnknownGroupPlacesNowhere() {
        let filtered = GroupSync(id: "top", hierarchy: [], filter: .condition(attribute: "employment_type", .isIn(["external"])))
        #expect(GroupPlacement.place(employee(1, ["employment_type": .text("internal")]), in: filtered, tree: tree) == nil)
        #expect(GroupPlacement.place(employee(1, [:]), in: GroupSync(id: "nope", hierarchy: [], filter: nil), tree: tree) == nil)
    }
}

@Suite struct PrestartRuleTests {
    static func onboarding(_ hire: String, status: String = "onboarding") -> Employee {
        Employee(id: 1, attributes: ["status": .text(status), "hire_date": .date(hire)])
    }

    @Test(arguments: [
        ("2027-03-01", 7, "2027-02-21", "2027-02-22"),  // across a month end
        ("2028-03-01", 1, "2028-02-28", "2028-02-29"),  // a leap day
        ("2027-01-03", 10, "2026-12-23", "2026-12-24")  // across a year end
    ])
    func theWindowOpensNDaysBeforeTheHireDate(hire: String, days: Int, dayBefore: String, firstDay: String) {
        #expect(PrestartRule.waitsUntil(Self.onboarding(hire), days: days, today: dayBefore) == firstDay)
        #expect(PrestartRule.waitsUntil(Self.onboarding(hire), days: days, today: firstDay) == nil)
    }

    @Test func onlyOnboardingEmployeesWithAHireDateWait() {
        #expect(PrestartRule.waitsUntil(Self.onboarding("2030-01-01", status: "active"), days: 7, today: "2027-01-01") == nil)
        #expect(PrestartRule.waitsUntil(Employee(id: 1, attributes: ["status": .text("onboarding")]), days: 7, today: "2027-01-01") == nil)
        #expect(PrestartRule.waitsUntil(Self.onboarding("2030-01-01"), days: nil, today: "2027-01-01") == nil)
    }
}
