import Foundation
import HRSyncCore
import HRSyncSpecSupport
import Testing

@testable import Personio

/// Our own payloads (Tests/Fixtures/personio) reproduce the shapes of real ones; the vendor's
/// examples are read as well when HRSYNC_VENDOR_SPECS has them.
@Suite struct EmployeeParsingTests {
    static func items(at url: URL) throws -> [JSONValue] {
        let json = try JSONValue.parse(try Data(contentsOf: url))
        switch json["data"] {
        case .array(let items)?: return items
        case let item?: return [item]
        case nil: return []
        }
    }

    func parseAll(_ url: URL) throws -> [Int: Employee] {
        var result: [Int: Employee] = [:]
        for item in try Self.items(at: url) {
            let employee = try EmployeeParser().parse(item).get()
            result[employee.id] = employee
        }
        return result
    }

    @Test func theCurrentShapeWithTypesAndNestedObjects() throws {
        let people = try parseAll(VendorSpecs.fixture("personio/employees-current-shape.json"))
        let jonas = try #require(people[8100001])
        #expect(jonas.firstName == "Jonas")
        #expect(jonas.email == "jonas.keller@acme.example")
        #expect(jonas["hire_date"] == .date("2022-01-10"), "winter date kept as the calendar day")
        #expect(jonas["probation_period_end"] == .date("2022-07-09"), "summer date kept as the calendar day")
        #expect(jonas.supervisorID == 8100002)
        #expect(jonas["office"] == .text("Berlin"))
        #expect(jonas["team"] == .text("Build Tools"))
        #expect(jonas["cost_centers"] == .empty)
        #expect(jonas["termination_type"] == .empty, "\"\" is empty")
        #expect(jonas["contract_end_date"] == .empty, "null is empty")
        #expect(jonas["weekly_working_hours"] == .text("40"))
        #expect(jonas["fix_salary"] == .text("6125.5"), "numbers printed plainly")
        #expect(jonas["hourly_salary"] == .text("0"))
        #expect(jonas["dynamic_800100"] == .empty)
        #expect(people[8100002]?["dynamic_800100"] == .text("E-0042"))
        #expect(people[8100002]?.supervisorID == nil)
    }

    @Test func theOlderShapeWithoutTypes() throws {
        let people = try parseAll(VendorSpecs.fixture("personio/employees-older-shape.json"))
        #expect(people.count == 3)
        let greta = try #require(people[7300001])
        #expect(greta["hire_date"] == .date("1998-09-01"))
        #expect(greta["dynamic_900002"] == .date("1961-03-16"))
        #expect(greta["dynamic_900003"] == .list(["First Aid", "Presentation Training", "Negotiation"]))
        #expect(greta["supervisor"] == .empty)
        #expect(greta["absence_entitlement"] == .list(["Vacation"]))
        #expect(greta.supervisorID == nil)
        #expect(people[7300003]?["hire_date"] == .date("1999-02-01"), "an odd historic offset keeps the day")
    }

    @Test func everyOwnFixtureParses() throws {
        let folder = VendorSpecs.fixture("personio")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("employee") }
        #expect(files.count == 4)
        for file in files {
            #expect(try !parseAll(folder.appendingPathComponent(file)).isEmpty, "\(file)")
        }
    }

    @Test(.enabled(if: VendorSpecs.available != nil, Comment(rawValue: VendorSpecs.skipReason)))
    func everyVendorFixtureAndSpecExampleParses() throws {
        for file in [
            "fixtures/giantswarm-personio-go__employees.json", "fixtures/at-gmbh-personio-py__get-employees.json",
            "fixtures/at-gmbh-personio-py__get-employee-ada.json", "fixtures/giantswarm-personio-go__employee-6205887.json",
            "fixtures/giantswarm-personio-go__employee-7161253.json", "examples/api-docs-v1__GET_company_employees__200.json",
            "examples/api-docs-v1__GET_company_employees_id__200.json"
        ] {
            let people = try parseAll(VendorSpecs.file("personio/" + file))
            #expect(!people.isEmpty, "\(file)")
        }
    }

    @Test(arguments: [
        (JSONValue.array([.string("CI/CD"), .string("Excel")]), AttributeValue.list(["CI/CD", "Excel"])),
        (.string("CI/CD, Excel"), .list(["CI/CD", "Excel"])),
        (.string(#"["AT Power-Point","CI/CD"]"#), .list(["AT Power-Point", "CI/CD"])),
        (.string(""), .empty),
        (.null, .empty),
        (.array([]), .empty)
    ])
    func tagsInEveryShape(value: JSONValue, expected: AttributeValue) {
        #expect(EmployeeParser.normalize(value, key: "dynamic_3", type: "tags") == expected)
    }

    @Test(arguments: [
        ("2022-01-12T00:00:00+01:00", "2022-01-12"),
        ("2022-07-01T00:00:00+02:00", "2022-07-01"),
        ("2012-02-01T00:00:00+0100", "2012-02-01"),
        ("2021-01-01", "2021-01-01"),
        ("2022-12-31T23:30:00-05:00", "2022-12-31")
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
        let employee = try parser.parse(try Self.items(at: VendorSpecs.fixture("personio/employees-current-shape.json"))[0]).get()
        #expect(Set(employee.attributes.keys) == ["first_name", "email", "status"], "salaries and the like never reach the store")
    }

    @Test func theCanonicalRecordIsStable() throws {
        let employee = Employee(id: 7, attributes: ["b": .text("x"), "a": .date("2022-01-12"), "c": .list(["1", "2"]), "s": .employee(3), "e": .empty])
        let json = String(decoding: try CanonicalJSON.encode(employee), as: UTF8.self)
        #expect(json == #"{"attributes":{"a":{"date":"2022-01-12"},"b":"x","c":{"list":["1","2"]},"e":null,"s":{"employee":3}},"id":7}"#)
        #expect(try CanonicalJSON.decode(Employee.self, from: Data(json.utf8)) == employee)
    }
}
