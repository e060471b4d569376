import Testing

@testable import HRSyncCore

@Suite struct ShrinkGuardTests {
    @Test(arguments: [
        (nil as Int?, 0, 20.0, true),  // first pull: nothing to compare
        (100, 80, 20.0, true),  // exactly the limit is allowed
        (100, 79, 20.0, false),
        (100, 120, 20.0, true),  // growth is fine
        (10_000, 9_000, 5.0, false),
        (0, 0, 20.0, true)
    ])
    func refusesOnlyAShrinkBeyondTheLimit(previous: Int?, current: Int, limit: Double, accepted: Bool) {
        let verdict = ShrinkGuard.check(previous: previous, current: current, maxShrinkPercent: limit)
        #expect((verdict == .accept) == accepted)
    }

    @Test func theRefusalCarriesTheFigures() {
        #expect(
            ShrinkGuard.check(previous: 200, current: 100, maxShrinkPercent: 20)
                == .refuse(previous: 200, current: 100, shrinkPercent: 50, limitPercent: 20))
    }
}

@Suite struct StatusClassTests {
    @Test(arguments: [
        ("active", StatusClass.wanted), ("onboarding", .wanted), ("leave", .wanted), ("Active", .wanted),
        ("inactive", .leaver), ("", .invalid), ("terminated", .invalid)
    ])
    func statusesClassify(status: String, expected: StatusClass) {
        #expect(StatusClass.of(status) == expected)
    }

    @Test func aMissingStatusIsInvalid() {
        #expect(StatusClass.of(nil) == .invalid)
    }
}

@Suite struct EmployeeDiffTests {
    func person(_ id: Int, _ attributes: [String: AttributeValue]) -> Employee {
        Employee(id: id, attributes: attributes)
    }

    @Test func hiresEditsTerminationsAndLeavers() {
        let old = [
            1: person(1, ["first_name": .text("Ada"), "status": .text("active"), "position": .text("Engineer")]),
            2: person(2, ["first_name": .text("Bo"), "status": .text("active")]),
            3: person(3, ["first_name": .text("Cy"), "status": .text("leave")]),
            4: person(4, ["first_name": .text("Di"), "status": .text("active")])
        ]
        var new = old
        new[1]!.attributes["position"] = .text("Lead")
        new[2]!.attributes["status"] = .text("inactive")
        new[3] = nil
        new[5] = person(5, ["first_name": .text("Ed"), "status": .text("onboarding"), "hire_date": .date("2026-12-01")])
        new[4]!.attributes["supervisor"] = .employee(1)
        let diff = EmployeeDiff.between(old, new)
        #expect(diff.changes.map(\.id) == [1, 2, 3, 4, 5])
        #expect(diff.changes.map(\.kind) == [.changed, .terminated, .left, .changed, .hired])
        #expect(diff.changes[0].fields == [.init(attribute: "position", old: "Engineer", new: "Lead")])
        #expect(diff.changes[3].fields == [.init(attribute: "supervisor", old: nil, new: "#1")])
        #expect(diff.summary == "1 hired, 2 changed, 1 terminated, 1 left the payload")
    }

    @Test func anAttributeThatLeftThePayloadShowsAsAbsent() {
        let diff = EmployeeDiff.between([1: person(1, ["position": .text("X")])], [1: person(1, [:])])
        #expect(diff.changes[0].fields == [.init(attribute: "position", old: "X", new: nil)])
    }

    @Test func identicalSnapshotsHaveNoDiff() {
        let same = [1: person(1, ["status": .text("active")])]
        #expect(EmployeeDiff.between(same, same).changes.isEmpty)
    }
}

@Suite struct AttributeSelectionTests {
    @Test func keepsWhatTheSyncUsesAndNothingElse() throws {
        let yaml = """
            personio: {}
            learning360: {admin_email: a@b.example}
            sync:
              groups:
                - id: 64f1a2b3c4d5e6f7a8b9c0d1
                  hierarchy: [office, department]
                  filter: { attribute: employment_type, in: [internal] }
              custom_fields:
                - { personio: hire_date, name: Hire date }
              filters:
                - any: [{ attribute: team, exists: true }, { attribute: dynamic_9, equals: x }]
            """
        let keys = AttributeSelection.keys(for: try ConfigLoader.load(yaml: yaml, file: "t.yaml").sync)
        #expect(
            keys == [
                "first_name", "last_name", "email", "position", "status", "supervisor",
                "office", "department", "employment_type", "hire_date", "team", "dynamic_9",
                "termination_date"  // in every leavers mode: `upcoming` shows the coming leavers under `delete` too
            ])
    }

    @Test func anAttributeReadForTheFirstTimeAndEmptyIsNoChange() {
        let before = Employee(id: 1, attributes: ["first_name": .text("Ada"), "status": .text("active")])
        var after = before
        after.attributes["termination_date"] = .empty
        #expect(EmployeeDiff.between([1: before], [1: after]).changes.isEmpty, "newly requested, empty: nothing about Ada changed")
        after.attributes["termination_date"] = .date("2027-01-31")
        #expect(EmployeeDiff.between([1: before], [1: after]).changes.first?.fields.map(\.attribute) == ["termination_date"])
        var emptied = before
        emptied.attributes["first_name"] = .empty
        #expect(EmployeeDiff.between([1: before], [1: emptied]).changes.first?.fields.map(\.attribute) == ["first_name"], "a value that went empty is a change")
    }
}

/// What a Personio snapshot records of its pull, and what `plan --offline` and `explain` find missing.
@Suite struct RecordedAttributesTests {
    let yaml = """
        personio: {}
        learning360: {admin_email: a@b.example}
        sync:
          groups:
            - id: 64f1a2b3c4d5e6f7a8b9c0d1
              hierarchy: [office, department]
        """

    @Test func aConfigThatNeedsMoreThanThePullAskedForNamesWhatIsMissing() throws {
        let before = try ConfigLoader.load(yaml: "personio: {}\nlearning360: {admin_email: a@b.example}\n", file: "t.yaml").sync
        let after = try ConfigLoader.load(yaml: yaml, file: "t.yaml").sync
        let recorded = AttributeSelection.recorded(AttributeSelection.keys(for: before))
        #expect(!recorded.contains(" ") && recorded.split(separator: ",").sorted() == recorded.split(separator: ","))
        #expect(AttributeSelection.unrecorded(for: after, recorded: recorded) == ["department", "office"])
        #expect(AttributeSelection.unrecorded(for: before, recorded: AttributeSelection.recorded(AttributeSelection.keys(for: after))) == [])
        #expect(AttributeSelection.unrecorded(for: after, recorded: nil) == nil, "a snapshot of an older hrsync records nothing")
    }

    @Test func ageSaysSecondsMinutesHoursAndDays() {
        #expect(Age.ago(seconds: -5) == "0 s ago")
        #expect(Age.ago(seconds: 90) == "90 s ago")
        #expect(Age.ago(seconds: 600) == "10 min ago")
        #expect(Age.ago(seconds: 5 * 3600) == "5 h ago")
        #expect(Age.ago(seconds: 3 * 86_400 + 10) == "3 days ago")
    }
}

@Suite struct LMSSnapshotRecordsTests {
    @Test func theStateRoundTripsThroughRecords() throws {
        var state = LMSState()
        state.users["u1"] = LMSUserRecord(
            id: "u1", mail: "a@b.example", status: "active", firstName: "A", lastName: nil, job: "J", lang: "en",
            customValues: [LMSCustomValue(fieldID: "f1", type: "date", value: "2022-01-12")], managers: ["u2"])
        state.users["u2"] = LMSUserRecord(id: "u2", mail: nil, status: "deleted", firstName: nil, lastName: nil, job: nil, lang: nil)
        state.mappings["1001"] = LMSMappingRecord(personioID: "1001", userID: "u1", mappingID: "m1")
        state.fields["f1"] = LMSFieldRecord(id: "f1", name: "Hire date", type: "date")
        state.groups["g1"] = LMSGroupRecord(id: "g1", name: "Root", parentID: nil, isPublic: false)
        state.groups["g2"] = LMSGroupRecord(id: "g2", name: "Berlin", parentID: "g1", isPublic: true)
        state.memberships[RoleKey(group: "g2", user: "u1")] = LMSMembershipRecord(groupID: "g2", userID: "u1", roles: ["learner"])
        state.admin = LMSAdminRecord(mail: "admin@b.example", userID: "u2", status: "active", rootRoles: ["owner"])
        let records = try LMSSnapshotRecords.encode(state)
        #expect(Set(records.keys) == ["user:u1", "user:u2", "map:1001", "field:f1", "group:g1", "group:g2", "role:g2/u1", "admin"])
        #expect(try LMSSnapshotRecords.decode(records) == state)
        // The pull's way (emptying the state as it goes) writes the same records and leaves nothing behind.
        var drained = state
        #expect(try LMSSnapshotRecords.encode(draining: &drained) == records)
        #expect(drained == LMSState())
    }

    /// An external-id value that starts with a combining mark: its "map:" key fuses the colon with
    /// the mark into one Character; the record must still read back (found by Fuzz/manifest).
    @Test func aKeyWhoseValueStartsWithACombiningMarkReadsBack() throws {
        var state = LMSState()
        state.mappings["\u{301}1001"] = LMSMappingRecord(personioID: "\u{301}1001", userID: "u1", mappingID: "m1")
        #expect(try LMSSnapshotRecords.decode(try LMSSnapshotRecords.encode(state)) == state)
    }

    @Test func aGroupsPathLeavesTheRootOutAndSurvivesACycle() {
        let tree = GroupTree(
            Dictionary(
                uniqueKeysWithValues: [
                    LMSGroupRecord(id: "r", name: "ACME", parentID: nil, isPublic: false),
                    LMSGroupRecord(id: "e", name: "Employees", parentID: "r", isPublic: true),
                    LMSGroupRecord(id: "b", name: "Berlin", parentID: "e", isPublic: true),
                    LMSGroupRecord(id: "x", name: "X", parentID: "y", isPublic: true),
                    LMSGroupRecord(id: "y", name: "Y", parentID: "x", isPublic: true)
                ].map { ($0.id, $0) }))
        #expect(tree.path(of: "b") == "Employees › Berlin")
        #expect(tree.path(of: "r") == "ACME")
        #expect(tree.path(of: "nope") == nil)
        #expect(tree.path(of: "x")?.hasSuffix("Y › X") == true, "a cycle (damage) ends, it does not hang")
    }

    @Test func theGroupTreeFindsRootsAndSubtrees() {
        let groups = Dictionary(
            uniqueKeysWithValues: [
                LMSGroupRecord(id: "r", name: "Root", parentID: nil, isPublic: false),
                LMSGroupRecord(id: "e", name: "Employees", parentID: "r", isPublic: true),
                LMSGroupRecord(id: "b", name: "Berlin", parentID: "e", isPublic: true),
                LMSGroupRecord(id: "s", name: "Sales", parentID: "b", isPublic: true),
                LMSGroupRecord(id: "p", name: "Partners", parentID: "r", isPublic: false)
            ].map { ($0.id, $0) })
        let tree = GroupTree(groups)
        #expect(tree.root?.id == "r")
        #expect(tree.subtree(of: "e") == ["e", "b", "s"])
        #expect(tree.subtree(of: "missing") == [])
        #expect(tree.children(of: "r").map(\.id) == ["e", "p"])
    }
}

/// `PathText.folder` stands in for `NSString.deletingLastPathComponent`, which traps on one character.
@Suite struct PathTextTests {
    @Test(arguments: [
        ("-", ""), ("a", ""), ("ab", ""), ("x/", ""), ("a/b", "a"), ("/a", "/"), ("/", "/"), ("", ""), ("a/b/", "a"), ("./p.plan", "."),
        ("dir/sub/file.yaml", "dir/sub")
    ])
    func theFolderOfAPath(path: String, folder: String) {
        #expect(PathText.folder(of: path) == folder)
    }
}
