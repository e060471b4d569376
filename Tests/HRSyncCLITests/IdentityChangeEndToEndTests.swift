import Foundation
import HRSyncSandbox
import HRSyncTestSupport
import Testing

/// SYNC-RULES §2 end to end: under `match: [email]` an email changed in Personio is a new user; the
/// plan pairs it with the user mapped to that Personio id, in a warning and in `explain`.
@Suite struct IdentityChangeEndToEndTests {
    @Test func anEmailChangeUnderMatchEmailIsShownAsAPairWithTheWarning() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 8)
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            let runner = try await EndToEnd.runner(for: sandbox, in: scratch, extra: "  match: [email]")
            #expect(try await runner.run("apply", "--auto-approve").status == 0)
            let person = try #require(await sandbox.personio.all.first { $0.status == "active" })
            let oldUser = try #require(await sandbox.learning360.userByMail(person.email))
            await sandbox.personio.edit(person.id) { $0.email = "renamed.\(person.id)@acme.example" }

            let plan = try await runner.run("plan", "--no-color")
            #expect(plan.status == 0, "\(plan.stderr)")
            #expect(plan.stdout.contains("+ create  ") && plan.stdout.contains("renamed.\(person.id)@acme.example"), "\(plan.stdout)")
            #expect(plan.stdout.contains("Personio employee \(person.id)"), "\(plan.stdout)")
            #expect(plan.stdout.contains("looks like an email change: 360Learning user \(oldUser.id) is mapped to this Personio id"))
            #expect(plan.stdout.contains("with `match: [external_id, email]` this would be an update"))
            let json = try await runner.run("plan", "--offline", "--json")
            let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
            let notes = (document["warnings"] as! [[String: Any]]).filter { $0["kind"] as? String == "identity_change" }
            #expect(notes.count == 1 && (notes.first?["users"] as? [String]) == [oldUser.id])

            let explain = try await runner.run("explain", String(person.id))
            #expect(explain.stdout.contains("looks like an email change"), "\(explain.stdout)")

            // Applied, it creates the new user and leaves the mapping with the old one (360Learning
            // refuses a second mapping for an id): no failure, and the next plan has nothing to do.
            let applied = try await runner.run("apply", "--auto-approve")
            #expect(applied.status == 0, "\(applied.stdout)\(applied.stderr)")
            #expect(await sandbox.learning360.userByMail("renamed.\(person.id)@acme.example") != nil)
            let next = try await runner.run("plan", "--detailed-exitcode", "--no-color")
            #expect(next.status == 0, "\(next.stdout)")
        }
    }
}
