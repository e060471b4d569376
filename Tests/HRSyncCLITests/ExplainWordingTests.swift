import Foundation
import HRSyncCore
import HRSyncSandbox
import HRSyncTestSupport
import Testing

@testable import HRSyncCLI

/// `explain PERSON` speaks hrsync.yaml's language: filters as the config writes them, groups by
/// path, one step per rule numbered by its section of docs/sync-rules.md, and someone filtered
/// out ends at the filter, with why and what would include them.
@Suite struct ExplainWordingTests {
    @Test func aFilteredOutPersonEndsAtTheFilter() throws {
        let platform = InMemoryPlatform(FieldOwnershipExplainTests.lms())
        var intern = FieldOwnershipExplainTests.employee(1, position: "Intern", office: "Berlin", hireDate: "2022-01-12")
        intern.attributes["department"] = .text("Interns")
        var input = try FieldOwnershipExplainTests.input([1: intern], platform, fields: "{}")
        input.config.sync.filters = [
            .condition(attribute: "employment_type", .exists), .condition(attribute: "department", .notIn(["Interns", "Working Students"]))
        ]
        let lines = ExplainView.text(ExplainView.model(for: intern, input, plan: try Planner.plan(input)))
        let text = lines.joined(separator: "\n")
        #expect(lines.contains("§1 sync.filters[0] { attribute: employment_type, exists: true }: fails (employment_type is not in the payload)"), "\(text)")
        #expect(
            lines.contains("§1 sync.filters[1] { attribute: department, not_in: [Interns, Working Students] }: fails (department is 'Interns')"), "\(text)")
        #expect(lines.contains { $0.hasPrefix("§1 in scope: no, filtered out by sync.filters[0] and sync.filters[1]") }, "\(text)")
        #expect(
            lines.contains(
                "   to include them: employment_type were set, and department were none of [Interns, Working Students] in Personio, or a change to sync.filters[0] and sync.filters[1] in hrsync.yaml"
            ), "\(text)")
        #expect(
            !text.contains("if wanted") && !text.contains("one is created") && !text.contains("§2") && !text.contains("§5") && !text.contains("notIn("),
            "\(text)")
        #expect(lines.last == "→ actions: none", "\(text)")
    }

    @Test func theFilterAndGroupsReadAsTheConfigWritesThem() async throws {
        let extra = "  filters: [{ attribute: department, not_in: [Interns] }]"
        try await EndToEnd.run(Sandbox.unthrottled(employees: 12), extra: extra) { sandbox, _, runner in
            let people = await sandbox.personio.all.filter { $0.status == "active" }
            let (intern, seller) = (people[0], people[1])
            await sandbox.personio.edit(intern.id) { $0.department = "Interns" }
            await sandbox.personio.edit(seller.id) {
                $0.office = "Berlin"
                $0.department = "Sales"
            }
            #expect(try await runner.run("pull").status == 0)

            let filtered = try await runner.run("explain", intern.email)
            #expect(filtered.status == 0, "\(filtered.stderr)")
            #expect(
                filtered.stdout.contains("§1 sync.filters[0] { attribute: department, not_in: [Interns] }: fails (department is 'Interns')"),
                "\(filtered.stdout)")
            #expect(
                filtered.stdout.contains("to include them: department were anything but Interns in Personio, or a change to sync.filters[0] in hrsync.yaml"),
                "\(filtered.stdout)")
            for wrong in ["notIn(", "created if wanted", "§2", "§5", "§7"] { #expect(!filtered.stdout.contains(wrong), "\(wrong): \(filtered.stdout)") }

            let placed = try await runner.run("explain", seller.email)
            #expect(placed.status == 0, "\(placed.stderr)")
            #expect(
                placed.stdout.contains("§1 sync.filters[0] { attribute: department, not_in: [Interns] }: passes (department is 'Sales')"), "\(placed.stdout)")
            #expect(placed.stdout.contains("§2 match by email"), "\(placed.stdout)")
            #expect(placed.stdout.contains("§5 sync.groups[0]: learner of Employees › Berlin › Sales (2 of 2 levels)"), "\(placed.stdout)")
            #expect(placed.stdout.contains("no 360Learning user: one is created") && !placed.stdout.contains("if wanted"), "\(placed.stdout)")
            #expect(placed.stdout.contains("§7 leavers: "), "\(placed.stdout)")
            let json = try await runner.run("explain", seller.email, "--json")
            let steps = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["steps"] as? [[String: Any]])
            #expect(steps.map { $0["step"] as? Int ?? 0 } == steps.map { $0["step"] as? Int ?? 0 }.sorted(), "steps in section order: \(steps)")
        }
    }
}
