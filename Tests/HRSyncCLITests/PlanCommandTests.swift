import Foundation
import HRSyncCore
import HRSyncSandbox
import HRSyncStore
import HRSyncTestSupport
import Testing

/// `hrsync plan`, the real binary against the sandbox.
@Suite struct PlanCommandTests {
    /// A platform already in sync with `employees` people (no apply needed), for `body`; stopped after it.
    func synced(employees: Int, _ body: (Sandbox, Scratch, BinaryRunner) async throws -> Void) async throws {
        let sandbox = try await Sandbox.unthrottled(employees: employees)
        try await EndToEnd.stopping(sandbox) {
            await sandbox.learning360.seedSynced(from: await sandbox.personio.all)
            let scratch = try Scratch()
            let runner = try await EndToEnd.configure(
                scratch, personio: sandbox.personioURL, learning360: sandbox.learning360URL,
                group: await sandbox.learning360.employeesGroupID)
            try await body(sandbox, scratch, runner)
        }
    }

    @Test func aSyncedPlatformNeedsNothingAndAnEditShowsExactly() async throws {
        try await synced(employees: 40) { sandbox, scratch, runner in
            let clean = try await runner.run("plan", "--detailed-exitcode")
            #expect(clean.status == 0, "\(clean.stderr)")
            #expect(clean.stdout.contains("Plan: 0 to create, 0 to update, 0 to delete, 0 to restore;"), "\(clean.stdout)")
            #expect(!clean.stdout.contains("+ create") && !clean.stdout.contains("~ update"))

            let people = await sandbox.personio.all.filter { $0.status == "active" }
            await sandbox.personio.edit(people[2].id) { $0.position = "Chief Planner" }
            let hired = await sandbox.personio.hire(supervisorID: people[0].id) {
                $0.email = "new.hire@acme.example"; $0.firstName = "New"; $0.lastName = "Hire"
            }
            await sandbox.personio.terminate(people[3].id)

            let changed = try await runner.run("plan", "--detailed-exitcode", "--no-color")
            #expect(changed.status == 2, "\(changed.stderr)")
            #expect(changed.stdout.contains("~ update  \(people[2].firstName) \(people[2].lastName) <\(people[2].email)> (#\(people[2].id))"))
            #expect(changed.stdout.contains("    job: \"\(people[2].position)\" → \"Chief Planner\""))
            #expect(changed.stdout.contains("+ create  New Hire <new.hire@acme.example> (#\(hired.id))"))
            #expect(changed.stdout.contains("- delete  "))
            #expect(changed.stdout.contains("Plan: 1 to create, 1 to update, 1 to delete, 0 to restore;"))

            let json = try await runner.run("plan", "--offline", "--json", "-o", "saved.plan")
            let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
            #expect(document["format_version"] as? String == "2.2")
            // The three forms of a plan document validate against the schema the repository ships.
            let saved = try Data(contentsOf: runner.directory.appendingPathComponent("saved.plan"))
            let shown = try await runner.run("show", try #require(document["id"] as? String), "--json")
            for (form, bytes) in [("plan --json", Data(json.stdout.utf8)), ("plan -o", saved), ("show PLAN --json", Data(shown.stdout.utf8))] {
                let problems = try PlanSchema.problems(bytes)
                #expect(problems == [], "\(form)")
            }
            #expect((document["summary"] as? [String: Any])?["create"] as? Int == 1)
            #expect((document["actions"] as? [[String: Any]])?.contains { $0["kind"] as? String == "create_user" } == true)
            #expect(document["target"] as? String == sandbox.learning360URL.absoluteString)
            #expect(FileManager.default.fileExists(atPath: runner.directory.appendingPathComponent("saved.plan").path))
            // plan -o writes only regular files: not through a symlink, not to a device.
            let target = runner.directory.appendingPathComponent("victim.txt")
            try Data("keep".utf8).write(to: target)
            try FileManager.default.createSymbolicLink(atPath: runner.directory.appendingPathComponent("link.plan").path, withDestinationPath: target.path)
            for (file, what) in [("link.plan", "a symbolic link"), ("/dev/full", "a device")] {
                let refused = try await runner.run("plan", "--offline", "-o", file)
                #expect(refused.status == 1 && refused.stderr.contains("is \(what), not a regular file"), "\(file): \(refused.stderr)")
            }
            #expect(try String(contentsOf: target, encoding: .utf8) == "keep")
            #expect(
                try FileManager.default.attributesOfItem(atPath: runner.directory.appendingPathComponent("saved.plan").path)[.posixPermissions] as? Int == 0o600
            )
            let log = try await runner.run("log", "-n", "1")
            #expect(log.stdout.hasPrefix("plan "))

            let explain = try await runner.run("explain", people[2].email.uppercased())
            #expect(explain.status == 0, "\(explain.stderr)")
            #expect(explain.stdout.contains("§1 status 'active' → wanted"))
            #expect(explain.stdout.contains("→ matched 360Learning user "))
            #expect(explain.stdout.contains("§3 job: Personio 'Chief Planner', 360Learning '\(people[2].position)'"))
            #expect(explain.stdout.contains("   update_user: differs from Personio"))
            #expect(explain.stdout.contains("§2 match by email \(people[2].email.lowercased()): "), "the match's keys, the verdict below: \(explain.stdout)")
            #expect(try await runner.run("explain", "nobody@acme.example").status == 1)

            // --json: one document of the same model (it printed the text before).
            let explained = try await runner.run("explain", String(people[2].id), "--json")
            #expect(explained.status == 0, "\(explained.stderr)")
            let explanation = try #require(
                try JSONSerialization.jsonObject(with: Data(explained.stdout.utf8)) as? [String: Any], "\(explained.stdout.prefix(300))")
            #expect((explanation["person"] as? [String: Any])?["personio_id"] as? Int == people[2].id)
            let steps = explanation["steps"] as? [[String: Any]] ?? []
            #expect(steps.contains { $0["step"] as? Int == 1 && $0["verdict"] as? String == "wanted" }, "\(steps)")
            #expect(steps.contains { $0["rule"] as? String == "job" && ($0["verdict"] as? String)?.hasPrefix("Personio 'Chief Planner'") == true }, "\(steps)")
            #expect((explanation["actions"] as? [[String: Any]])?.contains { $0["kind"] as? String == "update_user" } == true)
            #expect(explanation["warnings"] is [Any])
        }
    }

    @Test func aPlanOverTheDeletionGuardIsMarkedHeld() async throws {
        try await synced(employees: 40) { sandbox, scratch, runner in
            for e in (await sandbox.personio.all.filter { $0.status == "active" }).prefix(6) { await sandbox.personio.terminate(e.id) }
            let held = try await runner.run("plan", "--no-color")
            #expect(held.status == 0)
            #expect(held.stdout.contains("Held by the deletion guard: 6 deletes exceed sync.max_deletes (5%"), "\(held.stdout)")
        }
    }
}
