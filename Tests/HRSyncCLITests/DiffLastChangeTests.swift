import Foundation
import HRSyncSandbox
import HRSyncStore
import HRSyncTestSupport
import Testing

/// A bare `diff` after a normal day: plan and apply pull too, so it compares the latest pull with
/// the newest earlier one whose data differ, and says which two (and how to reach earlier ones).
@Suite struct DiffLastChangeTests {
    @Test func aBareDiffSkipsThePullsThatHeldTheSameData() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 6)
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            let runner = try await EndToEnd.configure(scratch, personio: sandbox.personioURL)
            let one = try await runner.run("diff")
            #expect(one.status != 0, "nothing to compare yet: \(one.stderr)")
            #expect(try await runner.run("pull", "--only", "personio").status == 0)
            let first = try #require(await sandbox.personio.all.last { $0.status == "active" })
            await sandbox.personio.edit(first.id) { $0.position = "Day Auditor" }
            for _ in 0..<2 { #expect(try await runner.run("pull", "--only", "personio").status == 0) }
            let person = try #require(await sandbox.personio.all.first { $0.status == "active" })
            await sandbox.personio.edit(person.id) { $0.position = "Night Auditor" }
            for _ in 0..<3 { #expect(try await runner.run("pull", "--only", "personio").status == 0) }

            let diff = try await runner.run("diff", "--no-color")
            #expect(diff.status == 0 && diff.stdout.contains("Night Auditor"), "\(diff.stdout)\(diff.stderr)")
            #expect(
                diff.stderr.contains("comparing personio~3 (pulled ") && diff.stderr.contains(") with personio (pulled ")
                    && diff.stderr.contains("the 2 pulls in between had the same data")
                    && diff.stderr.contains("the change before: 'hrsync diff personio~5 personio~3'"), "\(diff.stderr)")
            // The hint's command shows that change (never an empty diff).
            let before = try await runner.run("diff", "personio~5", "personio~3")
            #expect(before.stdout.contains("Day Auditor"), "\(before.stdout)\(before.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(try await runner.run("diff", "--json").stdout.utf8)) as? [String: Any]
            let state = try StateDirectory.open(at: scratch.url.appendingPathComponent("state").path)
            #expect(json?["from"] as? String == (try Revision.resolve("personio~3", in: state)).hex, "\(String(describing: json))")
            let latestTwo = try await runner.run("diff", "personio~1", "personio")
            #expect(latestTwo.stdout.isEmpty && latestTwo.stderr.contains("no differences"), "asked for, the latest two: \(latestTwo.stderr)")

            // Nothing changed at all since the first pull: said so, not a silent "no differences".
            let quiet = try Scratch()
            let other = try await EndToEnd.configure(quiet, personio: sandbox.personioURL)
            for _ in 0..<2 { #expect(try await other.run("pull", "--only", "personio").status == 0) }
            let same = try await other.run("diff")
            #expect(same.status == 0 && same.stderr.contains("no differences in the last 2 Personio pulls"), "\(same.stderr)")
        }
    }
}
