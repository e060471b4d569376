import HRSyncCore
import Testing

/// Filters as hrsync.yaml writes them (what `explain` prints), and what would make one hold.
struct FilterTextTests {
    @Test func aConditionReadsAsTheConfigWritesIt() {
        let filter = EmployeeFilter.condition(attribute: "department", .notIn(["Interns"]))
        #expect(filter.yaml == "{ attribute: department, not_in: [Interns] }")
        #expect(filter.wouldHoldIf == "department were anything but Interns")
        let intern = Employee(id: 1, attributes: ["department": .text("Interns")])
        #expect(filter.reading(of: intern) == "department is 'Interns'")
        #expect(filter.reading(of: Employee(id: 2, attributes: [:])) == "department is not in the payload")
    }

    @Test(arguments: [
        (FilterOperator.equals("Sales"), "equals: Sales", "were Sales"),
        (.notEquals("a, b"), "not_equals: 'a, b'", "were anything but 'a, b'"),
        (.isIn(["internal", "true"]), "in: [internal, 'true']", "were one of [internal, 'true']"),
        (.notIn(["Interns", "Working Students"]), "not_in: [Interns, Working Students]", "were none of [Interns, Working Students]"),
        (.matches("^D[0-9]+$"), "matches: '^D[0-9]+$'", "matched '^D[0-9]+$'"),
        (.exists, "exists: true", "were set"),
        (.missing, "missing: true", "were empty")
    ])
    func everyOperator(op: FilterOperator, yaml: String, words: String) {
        #expect(op.yaml == yaml)
        #expect(EmployeeFilter.condition(attribute: "x", op).wouldHoldIf == "x " + words)
    }

    @Test func anyAndAllNest() {
        let filter = EmployeeFilter.any([
            .condition(attribute: "office", .equals("Berlin")),
            .all([.condition(attribute: "office", .equals("Remote")), .condition(attribute: "team", .exists)])
        ])
        #expect(
            filter.yaml
                == "{ any: [{ attribute: office, equals: Berlin }, { all: [{ attribute: office, equals: Remote }, { attribute: team, exists: true }] }] }")
        #expect(filter.attributes == ["office", "team"])
        #expect(filter.wouldHoldIf == "office were Berlin, or office were Remote, and team were set")
    }
}
