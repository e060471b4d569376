import Foundation
import HRSyncSandbox
import HRSyncTestSupport
import Testing

/// `hrsync revert`, the real binary against the sandbox: the morning after a bad night.
@Suite struct RevertTests {
    /// The platform as data, without the id counter (a dump to compare before and after).
    static func dump(_ sandbox: Sandbox) async throws -> String {
        var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(await sandbox.learning360.saved())) as! [String: Any]
        object["nextID"] = nil
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    /// A synced sandbox of `employees` people (a first apply done), for `body`; stopped after it.
    static func setUp(employees: Int, extra: String = "", _ body: (Sandbox, Scratch, BinaryRunner) async throws -> Void) async throws {
        try await EndToEnd.run(try await Sandbox.unthrottled(employees: employees), extra: extra) { sandbox, scratch, runner in
            let first = try await runner.run("apply", "--auto-approve")
            #expect(first.status == 0, "\(first.stderr)")
            try await body(sandbox, scratch, runner)
        }
    }

    /// The config with "Cost center" fed from the wrong Personio attribute.
    static func breakMapping(_ scratch: Scratch) throws {
        let path = scratch.url.appendingPathComponent("hrsync.yaml")
        let yaml = try String(contentsOf: path, encoding: .utf8).replacingOccurrences(of: "personio: dynamic_1234567", with: "personio: position")
        try yaml.write(to: path, atomically: true, encoding: .utf8)
    }

    @Test func aBadMappingIsRevertedExactlyAndASecondRevertWritesNothing() async throws {
        try await Self.setUp(employees: 30) { sandbox, scratch, runner in
            let before = try await Self.dump(sandbox)
            try Self.breakMapping(scratch)
            let bad = try await runner.run("apply", "--auto-approve")
            #expect(bad.status == 0, "\(bad.stderr)")
            let badID = try #require(bad.stdout.firstMatch(of: /Apply ([0-9a-f]{12})/)?.1)
            #expect(try await Self.dump(sandbox) != before, "the bad night wrote positions into Cost center")

            // A value edited by hand since the bad apply: that user is a conflict, the others are reverted.
            let lms = sandbox.learning360
            let edited = try #require(await lms.allUsers().first { $0.mail != "lms-admin@acme.example" && $0.status != "deleted" })
            let keptByHand = await lms.valuesOf(user: edited.id).map { LMSValue(fieldID: $0.fieldID, type: $0.type, value: $0.value + " (fixed by hand)") }
            await lms.setValues(user: edited.id, keptByHand)

            let revert = try await runner.run("revert", String(badID), "-o", "revert.plan", "--no-color")
            #expect(revert.status == 0, "\(revert.stderr)")
            #expect(revert.stdout.hasPrefix("Revert of apply \(badID)"))
            #expect(
                revert.stdout.contains("Conflicts (no action):")
                    && revert.stdout.contains("set_custom_values not reverted: its custom-field values changed again since"))
            #expect(revert.stderr.contains("will want to redo what Personio still says"))
            // The bad night, as a diff of the 360Learning snapshots before and after it.
            let night = try await runner.run("diff", "360learning~1", "360learning", "--no-color")
            #expect(
                night.status == 0 && night.stdout.contains("    custom Cost center: \"") && night.stdout.contains("~ changed "), "\(night.stdout.prefix(600))")
            let stat = try await runner.run("diff", "360learning~1", "360learning", "--stat")
            #expect(stat.stdout.contains("custom Cost center: "), "\(stat.stdout)")
            let one = try await runner.run("diff", "360learning~1", "360learning", "--json", "--", edited.mail)
            let document = try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as! [String: Any]
            #expect((document["changes"] as? [[String: Any]])?.map { $0["id"] as? String } == [edited.id])
            let mixed = try await runner.run("diff", "personio", "360learning")
            #expect(mixed.status == 64, "mixing the sides is a usage error: \(mixed.stderr)")
            let applied = try await runner.run("apply", "revert.plan")
            #expect(applied.status == 0, "\(applied.stderr)")
            #expect(try await runner.run("log", "-n", "1").stdout.contains("revert of \(badID)"))

            // Everyone else is back; the hand-edited user keeps the hand edit.
            await lms.setValues(user: edited.id, await Self.valuesIn(before, of: edited.id))
            #expect(try await Self.dump(sandbox) == before, "the platform equals what it was before the bad apply")
            let again = try await runner.run("revert", String(badID), "--json")
            let plan = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as! [String: Any]
            #expect((plan["actions"] as? [Any])?.isEmpty == true, "a second revert writes nothing: \(again.stdout.prefix(500))")
        }
    }

    static func valuesIn(_ dump: String, of user: String) async -> [LMSValue] {
        let object = try? JSONSerialization.jsonObject(with: Data(dump.utf8)) as? [String: Any]
        let list = (object?["values"] as? [String: [[String: String]]])?[user] ?? []
        return list.map { LMSValue(fieldID: $0["fieldID"] ?? "", type: $0["type"] ?? "", value: $0["value"] ?? "") }
    }

    @Test func createsAndDeletesAreRevertedBehindTheDeletionGuard() async throws {
        try await Self.setUp(employees: 20) { sandbox, scratch, runner in
            let personio = sandbox.personio, lms = sandbox.learning360
            let leaver = try #require(await personio.all.first { $0.status == "active" && $0.id != 1000 })
            let leaverUser = try #require(await lms.userByMail(leaver.email))
            let leaverRoles = await lms.rolesOf(user: leaverUser.id), leaverManagers = await lms.managersOf(user: leaverUser.id)
            let hire = await personio.hire { $0.email = "new.hire@acme.example" }
            await personio.terminate(leaver.id)
            let night = try await runner.run("apply", "--auto-approve", "--allow-deletes", "1")
            #expect(night.status == 0, "\(night.stderr)")
            #expect(await lms.userByMail(leaver.email)?.status == "deleted")

            let revert = try await runner.run("revert", "HEAD", "-o", "undo.plan", "--no-color")
            #expect(revert.stdout.contains("- delete  ") && revert.stdout.contains("new.hire@acme.example"))
            // The revert plan is judged by the same guard before it is shown: it says held, as apply then does.
            #expect(revert.stdout.contains("Held by the deletion guard: "), "\(revert.stdout)")
            let held = try await runner.run("apply", "undo.plan")
            #expect(held.status == 3, "the revert's delete counts for the guard: \(held.stderr)")
            let applied = try await runner.run("apply", "undo.plan", "--allow-deletes", "1")
            #expect(applied.status == 0, "\(applied.stderr)")
            #expect(await lms.userByMail(hire.email)?.status == "deleted")
            // The person's history on both sides: the Personio termination, the delete, the restore.
            let history = try await runner.run("log", "--person", leaver.email, "--no-color").stdout
            #expect(history.contains("Personio: terminated") && history.contains("status: active → inactive"), "\(history)")
            #expect(history.contains("360Learning: done delete_user") && history.contains("360Learning: done restore_user"), "\(history)")
            let restored = try #require(await lms.userByMail(leaver.email))
            #expect(restored.status != "deleted" && restored.id == leaverUser.id)
            #expect(
                await lms.rolesOf(user: restored.id).filter { $0.value.contains("learner") }.keys.sorted()
                    == leaverRoles.filter { $0.value.contains("learner") }.keys.sorted())
            #expect(await lms.managersOf(user: restored.id) == leaverManagers)
        }
    }

    @Test func aHoldStopsTheCronFormUntilReleased() async throws {
        try await Self.setUp(employees: 10) { sandbox, scratch, runner in
            let revert = try await runner.run("revert", "HEAD", "--hold", "-o", "undo.plan")
            #expect(revert.status == 0, "\(revert.stderr)")
            let cron = try await runner.run("apply", "--auto-approve")
            #expect(cron.status == 3 && cron.stderr.contains("unattended applies are held"), "\(cron.stderr)")
            #expect(try await runner.run("release").stdout.contains("released the hold"))
            #expect(try await runner.run("apply", "--auto-approve").status == 0)
        }
    }

    @Test func aRevertedMoveLeavesTheRolesAsTheyWereIncludingTheOnesCopiedUp() async throws {
        try await Self.setUp(employees: 20) { sandbox, scratch, runner in
            let personio = sandbox.personio, lms = sandbox.learning360
            let mover = try #require(await personio.all.first { $0.status == "active" && $0.office == "Berlin" && $0.id != 1000 })
            let user = try #require(await lms.userByMail(mover.email))
            let before = await lms.rolesOf(user: user.id)
            await personio.edit(mover.id) { $0.office = "Paris" }
            let move = try await runner.run("apply", "--auto-approve")
            #expect(move.status == 0, "\(move.stderr)")
            #expect(await lms.rolesOf(user: user.id) != before, "the move placed them in Paris (and 360Learning copied the role up)")
            let revert = try await runner.run("revert", "HEAD", "-o", "undo.plan", "--no-color")
            #expect(revert.status == 0, "\(revert.stderr)")
            let undo = try await runner.run("apply", "undo.plan")
            #expect(undo.status == 0, "\(undo.stderr)")
            let after = await lms.rolesOf(user: user.id).filter { !$0.value.isEmpty }
            #expect(after == before, "before \(before.sorted { $0.key < $1.key }) after \(after.sorted { $0.key < $1.key }) \(move.stdout) \(revert.stdout)")
        }
    }

    @Test func includeDefinitionsAlsoDeletesTheFieldsAndMappingsTheApplyCreated() async throws {
        try await Self.setUp(employees: 8) { sandbox, scratch, runner in
            let lms = sandbox.learning360
            let fieldsBefore = await lms.allFields().count, mappingsBefore = await lms.allMappings().count
            #expect(fieldsBefore == 2 && mappingsBefore > 0)
            let kept = try await runner.run("revert", "HEAD", "--json")
            #expect(try PlanSchema.problems(Data(kept.stdout.utf8)) == [])
            #expect(kept.stdout.contains("(--include-definitions deletes it)"))
            let revert = try await runner.run("revert", "HEAD", "--include-definitions", "--json", "-o", "undo.plan")
            #expect(try PlanSchema.problems(Data(revert.stdout.utf8)) == [], "the plan validates against the schema")
            let kinds = try #require((try JSONSerialization.jsonObject(with: Data(revert.stdout.utf8)) as? [String: Any])?["actions"] as? [[String: Any]])
                .compactMap { $0["kind"] as? String }
            #expect(kinds.contains("delete_field") && kinds.contains("delete_mapping") && kinds.contains("delete_user"))
            let users = await lms.allUsers().filter { $0.status != "deleted" }.count - 1
            let applied = try await runner.run("apply", "undo.plan", "--allow-deletes", String(users))
            #expect(applied.status == 0, "\(applied.stderr)")
            let fieldsAfter = await lms.allFields().count, mappingsAfter = await lms.allMappings().count
            #expect(fieldsAfter == 0 && mappingsAfter == 0)
            #expect(await lms.allUsers().filter { $0.status != "deleted" }.map(\.mail) == ["lms-admin@acme.example"])
        }
    }
}
