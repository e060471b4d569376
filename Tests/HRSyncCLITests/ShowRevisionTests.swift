import Foundation
import HRSyncSandbox
import HRSyncTestSupport
import Testing

/// `HEAD`, `HEAD~N` name the newest applies wherever a revision is taken (the README's rollback
/// recipe runs `show HEAD`), and `show FILE.plan` shows a saved plan.
@Suite struct ShowRevisionTests {
    @Test func showTakesHEADAndASavedPlanFile() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 6)
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            let runner = try await EndToEnd.runner(for: sandbox, in: scratch)
            #expect(try await runner.run("apply", "--auto-approve").status == 0)
            let person = try #require(await sandbox.personio.all.first { $0.status == "active" })
            await sandbox.personio.edit(person.id) { $0.position = "Chief Reviewer" }
            #expect(try await runner.run("plan", "-o", "changes.plan").status == 0)

            let saved = try await runner.run("show", "changes.plan", "--no-color")
            #expect(saved.status == 0, "\(saved.stderr)")
            #expect(saved.stdout.hasPrefix("plan ") && saved.stdout.contains("Chief Reviewer"), "\(saved.stdout)")
            #expect(try await runner.run("apply", "changes.plan").status == 0)

            let applies = try await runner.run("log").stdout.split(separator: "\n").filter { $0.hasPrefix("apply ") }
            #expect(applies.count == 2)
            let newest = try #require(applies.first?.split(separator: " ")[1])
            let head = try await runner.run("show", "HEAD")
            #expect(head.status == 0 && head.stdout.hasPrefix("apply \(newest)"), "\(head.stdout)\(head.stderr)")
            let previous = try await runner.run("show", "HEAD~1")
            let older = try #require(applies.last?.split(separator: " ")[1])
            #expect(previous.stdout.hasPrefix("apply \(older)"), "\(previous.stdout)")
            let tooFar = try await runner.run("show", "HEAD~2")
            #expect(tooFar.status != 0 && tooFar.stderr.contains("the log has fewer than 3 applies"), "\(tooFar.stderr)")
            let undo = try await runner.run("revert", "HEAD", "-o", "undo.plan")
            #expect(undo.status == 0 && undo.stdout.contains("Chief Reviewer"), "revert takes the same HEAD: \(undo.stdout)\(undo.stderr)")
        }
    }
}
