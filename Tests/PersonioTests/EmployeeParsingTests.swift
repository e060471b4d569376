import Foundation
import Testing
import HRSyncCore
@testable import Personio

@Suite struct EmployeeParsingTests {
    static let personioRef = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/ref/personio").standardized

    func items(_ file: String) throws -> [JSONValue] {
        let data = try Data(contentsOf: Self.personioRef.appendingPathComponent(file))
        let json = try JSONValue.parse(data)
        switch json["data"] {
        case .array(let items)?: return items
        case let item?: return [item]
        case nil: return []
        }
    }

    func parseAll(_ file: String) throws -> [Int: Employee] {
        var result: [Int: Employee] = [:]
        for item in try items(file) {
            let employee = try EmployeeParser().parse(item).get()
            result[employee.id] = employee
        }
        return result
    }

    @Test func theCurrentShapeWithTypesAndNestedObjects() throws {
        let people = try parseAll("fixtures/giantswarm-personio-go__employees.json")
        let gonzo = try #require(people[6205887])
        #expect(gonzo.firstName == "El")
        #expect(gonzo.email == "gonzo@giantswarm.io")
        #expect(gonzo["hire_date"] == .date("2022-01-12"), "winter date kept as the calendar day")
        #expect(gonzo["probation_period_end"] == .date("2022-08-05"), "summer date kept as the calendar day")
        #expect(gonzo.supervisorID == 7161253)
        #expect(gonzo["office"] == .text("Remote"))
        #expect(gonzo["team"] == .text("Cozy Plumbers"))
        #expect(gonzo["cost_centers"] == .empty)
        #expect(gonzo["termination_type"] == .empty, "\"\" is empty")
        #expect(gonzo["contract_end_date"] == .empty, "null is empty")
        #expect(gonzo["weekly_working_hours"] == .text("40"))
        #expect(gonzo["fix_salary"] == .text("7042.42"), "numbers printed plainly")
        #expect(gonzo["hourly_salary"] == .text("0"))
        #expect(gonzo["dynamic_700551"] == .empty)
    }

    @Test func theOlderShapeWithoutTypes() throws {
        let people = try parseAll("fixtures/at-gmbh-personio-py__get-employees.json")
        #expect(people.count == 3)
        let rms = try #require(people[2116366])
        #expect(rms["hire_date"] == .date("1983-09-01"))
        #expect(rms["dynamic_1146666"] == .date("1953-03-16"))
        #expect(rms["dynamic_1146716"] == .list(["CI/CD", "Presentation Training", "Communication Training"]))
        #expect(rms["supervisor"] == .empty)
        #expect(rms["absence_entitlement"] == .list(["Vacation"]))
        #expect(rms.supervisorID == nil)
    }

    @Test func everyFixtureAndSpecExampleParses() throws {
        for file in ["fixtures/at-gmbh-personio-py__get-employee-ada.json", "fixtures/giantswarm-personio-go__employee-6205887.json",
                     "fixtures/giantswarm-personio-go__employee-7161253.json", "examples/api-docs-v1__GET_company_employees__200.json",
                     "examples/api-docs-v1__GET_company_employees_id__200.json"] {
            let people = try parseAll(file)
            #expect(!people.isEmpty, "\(file)")
        }
    }

    @Test(arguments: [
        (JSONValue.array([.string("CI/CD"), .string("Excel")]), AttributeValue.list(["CI/CD", "Excel"])),
        (.string("CI/CD, Excel"), .list(["CI/CD", "Excel"])),
        (.string(#"["AT Power-Point","CI/CD"]"#), .list(["AT Power-Point", "CI/CD"])),
        (.string(""), .empty),
        (.null, .empty),
        (.array([]), .empty),
    ])
    func tagsInEveryShape(value: JSONValue, expected: AttributeValue) {
        #expect(EmployeeParser.normalize(value, key: "dynamic_3", type: "tags") == expected)
    }

    @Test(arguments: [
        ("2022-01-12T00:00:00+01:00", "2022-01-12"),
        ("2022-07-01T00:00:00+02:00", "2022-07-01"),
        ("2012-02-01T00:00:00+0100", "2012-02-01"),
        ("2021-01-01", "2021-01-01"),
        ("2022-12-31T23:30:00-05:00", "2022-12-31"),
    ])
    func datesKeepTheCalendarDay(raw: String, day: String) {
        #expect(EmployeeParser.normalize(.string(raw), key: "hire_date", type: "date") == .date(day))
        #expect(EmployeeParser.normalize(.string(raw), key: "dynamic_9", type: nil) == .date(day), "dates are recognised without a type too")
    }

    @Test func valuesAreTrimmedAndNumbersAsStringsStayText() {
        #expect(EmployeeParser.normalize(.string("  Lead Piper \n"), key: "position", type: "standard") == .text("Lead Piper"))
        #expect(EmployeeParser.normalize(.string("38.5"), key: "weekly_working_hours", type: "standard") == .text("38.5"))
        #expect(EmployeeParser.normalize(.int(40), key: "weekly_working_hours", type: nil) == .text("40"))
        #expect(EmployeeParser.normalize(.double(40.0), key: "x", type: "decimal") == .text("40"))
    }

    @Test func aBareSupervisorIDOrAStringIDIsRead() throws {
        let nested = JSONValue.object(["type": .string("Employee"), "attributes": .object(["id": .object(["value": .string("77")])])])
        #expect(EmployeeParser.normalize(nested, key: "supervisor", type: "standard") == .employee(77))
        let item = JSONValue.object(["type": .string("Employee"), "attributes": .object(["id": .object(["label": .string("ID"), "value": .string("12")])])])
        #expect(try EmployeeParser().parse(item).get().id == 12)
    }

    @Test func onlyKeptAttributesSurvive() throws {
        let parser = EmployeeParser(keep: ["first_name", "email", "status"])
        let employee = try parser.parse(try items("fixtures/giantswarm-personio-go__employees.json")[0]).get()
        #expect(Set(employee.attributes.keys) == ["first_name", "email", "status"], "salaries and the like never reach the store")
    }

    @Test func theCanonicalRecordIsStable() throws {
        let employee = Employee(id: 7, attributes: ["b": .text("x"), "a": .date("2022-01-12"), "c": .list(["1", "2"]), "s": .employee(3), "e": .empty])
        let json = String(decoding: try CanonicalJSON.encode(employee), as: UTF8.self)
        #expect(json == #"{"attributes":{"a":{"date":"2022-01-12"},"b":"x","c":{"list":["1","2"]},"e":null,"s":{"employee":3}},"id":7}"#)
        #expect(try CanonicalJSON.decode(Employee.self, from: Data(json.utf8)) == employee)
    }
}
