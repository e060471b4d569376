import Testing
@testable import HRSyncCore

@Suite struct ShrinkGuardTests {
    @Test(arguments: [
        (nil as Int?, 0, 20.0, true),       // first pull: nothing to compare
        (100, 80, 20.0, true),              // exactly the limit is allowed
        (100, 79, 20.0, false),
        (100, 120, 20.0, true),             // growth is fine
        (10_000, 9_000, 5.0, false),
        (0, 0, 20.0, true),
    ])
    func refusesOnlyAShrinkBeyondTheLimit(previous: Int?, current: Int, limit: Double, accepted: Bool) {
        let verdict = ShrinkGuard.check(previous: previous, current: current, maxShrinkPercent: limit)
        #expect((verdict == .accept) == accepted)
    }

    @Test func theRefusalCarriesTheFigures() {
        #expect(ShrinkGuard.check(previous: 200, current: 100, maxShrinkPercent: 20)
            == .refuse(previous: 200, current: 100, shrinkPercent: 50, limitPercent: 20))
    }
}

@Suite struct StatusClassTests {
    @Test(arguments: [
        ("active", StatusClass.wanted), ("onboarding", .wanted), ("leave", .wanted), ("Active", .wanted),
        ("inactive", .leaver), ("", .invalid), ("terminated", .invalid),
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
            4: person(4, ["first_name": .text("Di"), "status": .text("active")]),
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
        #expect(keys == ["first_name", "last_name", "email", "position", "status", "supervisor",
                         "office", "department", "employment_type", "hire_date", "team", "dynamic_9"])
    }
}
