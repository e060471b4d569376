import Foundation
import HRSyncSandbox
import HRSyncTestSupport
import Testing

/// `show APPLY` and `log --person` name groups, custom fields and managers as the plan did (from the
/// snapshot the plan read): 360Learning ids only with `-v` and in `--json`; one header per apply.
@Suite struct ApplyNamesTests {
    /// A 360Learning id (24 hex digits) standing alone: a group, user or custom field id.
    static let vendorID = try! NSRegularExpression(pattern: #"(?<![0-9a-f])[0-9a-f]{24}(?![0-9a-f])"#)

    static func vendorIDs(in text: String) -> [String] {
        vendorID.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }

    @Test func showOfAnApplyAndLogOfAPersonNameWhatThePlanNamed() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 8)
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            let runner = try await EndToEnd.runner(for: sandbox, in: scratch)
            let plan = try await runner.run("plan", "--no-color", "-v")
            #expect(plan.status == 0, "\(plan.stderr)")
            // The names the plan view gives the groups people go to, e.g. "Berlin › Sales".
            let places = Set(
                plan.stdout.split(separator: "\n").compactMap { line -> String? in
                    guard let range = line.range(of: "learner in ") else { return nil }
                    return String(line[range.upperBound...])
                })
            #expect(!places.isEmpty && places.allSatisfy { Self.vendorIDs(in: $0).isEmpty }, "\(plan.stdout)")
            #expect(try await runner.run("apply", "--auto-approve").status == 0)

            let created = try await runner.run("show", "HEAD", "--no-color")
            #expect(places.contains { created.stdout.contains("group=\($0)") }, "\(places) in \(created.stdout)")
            #expect(created.stdout.contains("Hire date="), "custom fields by name: \(created.stdout)")
            #expect(created.stdout.contains("+ manager ") && !created.stdout.contains("+ manager created for #"), "\(created.stdout)")
            #expect(Self.vendorIDs(in: created.stdout).isEmpty, "no 360Learning ids without -v: \(created.stdout)")

            // A move: a role removed in one group and added in another, named as the plan names them.
            let people = await sandbox.personio.all.filter { $0.status == "active" }
            let mover = try #require(people.first)
            let target = try #require(people.first { $0.office != mover.office })
            await sandbox.personio.edit(mover.id) {
                $0.office = target.office; $0.department = target.department
            }
            #expect(try await runner.run("apply", "--auto-approve").status == 0)
            let shown = try await runner.run("show", "HEAD", "--no-color")
            #expect(shown.status == 0, "\(shown.stderr)")
            let headers = shown.stdout.split(separator: "\n").filter { $0.range(of: #"^apply [0-9a-f]{12}"#, options: .regularExpression) != nil }
            #expect(headers.count == 1, "one header: \(shown.stdout)")
            #expect(Self.vendorIDs(in: shown.stdout).isEmpty, "no 360Learning ids without -v: \(shown.stdout)")
            #expect(shown.stdout.contains("+ learner in Employees › \(target.office!) › \(target.department!)"), "\(shown.stdout)")
            #expect(shown.stdout.contains("- learner in Employees › \(mover.office!) › "), "\(shown.stdout)")

            let verbose = try await runner.run("show", "HEAD", "--no-color", "-v")
            #expect(!Self.vendorIDs(in: verbose.stdout).isEmpty, "-v adds the ids: \(verbose.stdout)")
            let json = try await runner.run("show", "HEAD", "--json")
            #expect(!Self.vendorIDs(in: json.stdout).isEmpty && !json.stdout.contains(" › "), "--json keeps the ids: \(json.stdout.prefix(400))")

            let log = try await runner.run("log", "--person", mover.email, "--no-color")
            #expect(log.stdout.contains("360Learning: done add_role  + learner in Employees › \(target.office!)"), "\(log.stdout)")
            #expect(Self.vendorIDs(in: log.stdout).isEmpty && log.stdout.contains("group=Employees › "), "\(log.stdout)")
            let logJSON = try await runner.run("log", "--person", mover.email, "--json")
            let document = try JSONSerialization.jsonObject(with: Data(logJSON.stdout.utf8)) as? [String: Any]
            let changes = (document?["person_changes"] as? [String: [String]])?.values.joined().joined(separator: "\n") ?? ""
            #expect(!Self.vendorIDs(in: changes).isEmpty, "--json keeps the ids: \(logJSON.stdout.prefix(600))")
        }
    }
}
