import Foundation
import HRSyncCore
import HRSyncSandbox
import HRSyncStore
import HRSyncTestSupport
import Testing

@testable import HRSyncCLI

/// `hrsync apply`, the real binary against the sandbox: the checks an admin runs when accepting
/// the integration.
@Suite struct ApplyCommandTests {
    @Test func initialSyncThenHRChangesConvergeAndASecondApplyWritesNothing() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 40)
        try await EndToEnd.stopping(sandbox) {
            let lms = sandbox.learning360
            let solo = await lms.addUser(mail: "only-in-360@acme.example", firstName: "Solo", job: "Hand-made")
            let scratch = try Scratch()
            let runner = try await EndToEnd.runner(for: sandbox, in: scratch)

            let first = try await runner.run("apply", "--auto-approve", "--no-color")
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("0 failed"), "\(first.stdout)")

            // (1) every active/onboarding/leave employee is a learner in the synced group's subtree;
            // (2) the data landed in the right fields.
            let people = await sandbox.personio.all
            let wanted = people.filter { ["active", "onboarding", "leave"].contains($0.status) }
            let employeesGroup = await lms.employeesGroupID
            for person in wanted {
                let user = try #require(await lms.userByMail(person.email), "\(person.email) was not created")
                #expect(user.firstName == person.firstName && user.lastName == person.lastName && user.job == person.position)
                #expect(await lms.rolesOf(user: user.id)[employeesGroup]?.contains("learner") == true, "learner of the synced group (propagated up)")
                let values = await lms.valuesOf(user: user.id).map(\.value)
                #expect(values.contains(String(format: "%04d-%02d-%02d", person.hireDate.0, person.hireDate.1, person.hireDate.2)))
            }
            #expect(await lms.allMappings().count == wanted.count)
            #expect(await lms.invitationsSent.count == wanted.count, "send_invitations defaults to true")

            // A second apply makes zero writes.
            let writesBefore = await lms.writesReceived
            let second = try await runner.run("apply", "--auto-approve")
            #expect(second.stdout.contains("No changes."), "\(second.stdout)")
            #expect(await lms.writesReceived == writesBefore)

            // (3) an edit, (4) a new employee, (5) a termination.
            let edited = wanted[4], leaver = wanted[6]
            await sandbox.personio.edit(edited.id) { $0.position = "Edited Role" }
            _ = await sandbox.personio.hire(supervisorID: wanted[0].id) { $0.email = "fresh.hire@acme.example" }
            await sandbox.personio.terminate(leaver.id)
            let third = try await runner.run("apply", "--auto-approve")
            #expect(third.status == 0, "\(third.stderr)")
            #expect(await lms.userByMail(edited.email)?.job == "Edited Role")
            let fresh = try #require(await lms.userByMail("fresh.hire@acme.example"))
            #expect(await lms.managersOf(user: fresh.id) == [await lms.userByMail(wanted[0].email)!.id])
            #expect(await lms.userByMail(leaver.email)?.status == "deleted")

            // A 360-only user is never touched.
            #expect(await lms.allUsers().first { $0.id == solo }?.job == "Hand-made")
            #expect(await lms.rolesOf(user: solo).isEmpty)

            // The log tells what happened; show lists an apply's actions.
            let log = try await runner.run("log", "--json")
            let events = (try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as! [String: Any])["events"] as! [[String: Any]]
            let applies = events.filter { $0["kind"] as? String == "apply" }
            #expect(applies.count == 2)
            let show = try await runner.run("show", String((applies[0]["id"] as! String).prefix(10)))
            #expect(show.stdout.contains("done         update_user"), "\(show.stdout.prefix(400))")
            #expect(show.stdout.contains("job: \(edited.position) → Edited Role"))
            #expect(try await runner.run("fsck").status == 0)
        }
    }

    @Test func guardsRefuseWithExit3() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 30)
        try await EndToEnd.stopping(sandbox) {
            await sandbox.learning360.seedSynced(from: await sandbox.personio.all)
            let scratch = try Scratch()
            let runner = try await EndToEnd.runner(for: sandbox, in: scratch)
            let active = await sandbox.personio.all.filter { $0.status == "active" }

            // The deletion guard holds the plan unless --allow-deletes covers it.
            for person in active.prefix(5) { await sandbox.personio.terminate(person.id) }
            let held = try await runner.run("apply", "--auto-approve", "--metrics-file", "held.prom")
            #expect(held.status == 3, "\(held.stderr)")
            let heldMetrics = try MetricsCheck.read(runner.directory.appendingPathComponent("held.prom"))
            #expect(
                heldMetrics.contains("hrsync_last_run_guard_held{command=\"apply\"} 1")
                    && heldMetrics.contains("hrsync_last_run_exit_status{command=\"apply\"} 3"))
            #expect(held.stderr.contains("held by the deletion guard"))
            // status says so (exit 1), and the log keeps the held night.
            let status = try await runner.run("status", "--no-color")
            #expect(
                status.status == 1 && status.stdout.contains("NOT healthy:\n  ! the last apply was held: ") && !status.stdout.contains("\\n"),
                "\(status.stdout)")
            #expect(try await runner.run("log", "-n", "1").stdout.contains("held: "))
            let allowed = try await runner.run("apply", "--auto-approve", "--allow-deletes", "5", "--metrics-file", "ok.prom")
            #expect(allowed.status == 0, "\(allowed.stderr)")
            let okMetrics = try MetricsCheck.read(runner.directory.appendingPathComponent("ok.prom"))
            #expect(okMetrics.contains("hrsync_last_run_actions{command=\"apply\",kind=\"delete_user\",status=\"done\"} 5"), "\(okMetrics)")
            #expect(okMetrics.contains("hrsync_last_run_responses{command=\"apply\",vendor=\"360learning\",status=\"200\"}"))
            #expect(okMetrics.contains("hrsync_snapshot_age_seconds{side=\"personio\"}"))
            let healthy = try await runner.run("status", "--json")
            #expect(healthy.status == 0, "\(healthy.stdout)")
            let report = try JSONSerialization.jsonObject(with: Data(healthy.stdout.utf8)) as! [String: Any]
            #expect(report["healthy"] as? Bool == true && (report["personio"] as? [String: Any])?["records"] as? Int == 30)

            // A saved plan whose users changed in 360Learning since is stale.
            await sandbox.personio.edit(active[10].id) { $0.position = "Planned Role" }
            #expect(try await runner.run("plan", "-o", "saved.plan").status == 0)
            let user = try #require(await sandbox.learning360.userByMail(active[10].email))
            await sandbox.learning360.editUser(user.id) { $0.job = "Changed by hand" }
            let stale = try await runner.run("apply", "saved.plan")
            #expect(stale.status == 3)
            #expect(stale.stderr.contains("the plan is stale"), "\(stale.stderr)")

            // A plan file is trusted only as the exact bytes this state directory stored: an edit
            // (a cleared hold, another target, values nobody reviewed) or another format is refused.
            let planFile = runner.directory.appendingPathComponent("saved.plan")
            let original = try String(contentsOf: planFile, encoding: .utf8)
            for (edit, message) in [
                (
                    original.replacingOccurrences(of: sandbox.learning360URL.absoluteString, with: "https://app.us.360learning.com"),
                    "is not a plan this state directory stored"
                ),
                (original.replacingOccurrences(of: "Planned Role", with: "Unreviewed Role"), "is not a plan this state directory stored"),
                (
                    original.replacingOccurrences(of: "\"format_version\":\"\(Plan.formatVersion)\"", with: "\"format_version\":\"99.0\""),
                    "is a plan of format 99.0"
                )
            ] {
                #expect(edit != original)
                try edit.write(to: planFile, atomically: true, encoding: .utf8)
                let refused = try await runner.run("apply", "saved.plan")
                #expect(refused.status == 3 && refused.stderr.contains(message), "\(refused.stderr)")
            }
            try original.write(to: planFile, atomically: true, encoding: .utf8)
            let elsewhere = try Scratch()
            try FileManager.default.copyItem(
                at: runner.directory.appendingPathComponent("hrsync.yaml"), to: elsewhere.url.appendingPathComponent("hrsync.yaml"))
            try FileManager.default.copyItem(at: planFile, to: elsewhere.url.appendingPathComponent("saved.plan"))
            var other = runner
            other.directory = elsewhere.url
            _ = try await other.run("init")
            let foreign = try await other.run("apply", "saved.plan")
            #expect(foreign.status == 3 && foreign.stderr.contains("is not a plan this state directory stored"), "\(foreign.stderr)")

            // The plan's own target and config are checked against the config in use.
            let configFile = runner.directory.appendingPathComponent("hrsync.yaml")
            let config = try String(contentsOf: configFile, encoding: .utf8)
            try config.replacingOccurrences(of: sandbox.learning360URL.absoluteString, with: "https://app.us.360learning.com")
                .write(to: configFile, atomically: true, encoding: .utf8)
            let otherTarget = try await runner.run("apply", "saved.plan")
            #expect(otherTarget.status == 3 && otherTarget.stderr.contains("the config targets https://app.us.360learning.com"), "\(otherTarget.stderr)")
            try (config + "\n# edited\n").write(to: configFile, atomically: true, encoding: .utf8)
            let otherConfig = try await runner.run("apply", "saved.plan")
            #expect(otherConfig.status == 3 && otherConfig.stderr.contains("another version of the config"), "\(otherConfig.stderr)")

            // log --person finds the applies by email as well as by Personio id.
            let byMail = try await runner.run("log", "--person", active[0].email)
            #expect(byMail.stdout.contains("apply "), "\(byMail.stdout)")
        }
    }
}

@Suite struct ApplyResilienceTests {
    @Test func faultsAndALostAnswerAfterACreateStillConvergeWithoutDuplicates() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 25)
        try await EndToEnd.stopping(sandbox) {
            let lms = sandbox.learning360
            let scratch = try Scratch()
            let runner = try await EndToEnd.runner(for: sandbox, in: scratch)
            #expect(try await runner.run("plan", "-o", "initial.plan").status == 0)

            await lms.faults.inject(.answerLost, times: 1, pathPrefix: "/api/v2/users")
            await lms.faults.inject(.status(429), times: 3, pathPrefix: "/api/v2/external-ids")
            await lms.faults.inject(.status(503), times: 2, pathPrefix: "/api/v2/groups")
            let applied = try await runner.run("apply", "initial.plan")
            #expect(applied.status == 0, "\(applied.stderr)\n\(applied.stdout)")
            #expect(applied.stdout.contains("1 already done, 0 failed"), "the lost create was adopted: \(applied.stdout)")
            let mails = await lms.allUsers().map { $0.mail.lowercased() }
            #expect(Set(mails).count == mails.count, "no user was created twice")
            let again = try await runner.run("plan", "--detailed-exitcode")
            #expect(again.status == 0, "converged: \(again.stdout.suffix(300))")
            #expect(await lms.faults.pending == 0, "the pull before that plan went through the 503s")
        }
    }
}

@Suite struct ApplyJournalTests {
    /// kill -9 in the middle of an apply, at two points: after an action's journal line, and
    /// between an action taking effect and its line. Running the same plan again finishes the
    /// rest, repeats nothing that was recorded, and creates no duplicate.
    @Test(arguments: ["HRSYNC_TEST_KILL_AFTER", "HRSYNC_TEST_KILL_BEFORE_JOURNAL"])
    func aKilledApplyResumesWithoutDuplicates(hook: String) async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 25)
        try await EndToEnd.stopping(sandbox) {
            let lms = sandbox.learning360
            let scratch = try Scratch()
            let runner = try await EndToEnd.runner(for: sandbox, in: scratch)
            #expect(try await runner.run("plan", "-o", "initial.plan").status == 0)

            var killer = runner
            killer.environment[hook] = "2"  // actions 0 and 1 create the custom fields; 2 is the first user
            let killed = try await killer.run("apply", "initial.plan")
            #expect(killed.status != 0, "the run was killed")
            let journal = scratch.url.appendingPathComponent("state/journal")
            #expect(try FileManager.default.contentsOfDirectory(atPath: journal.path).count == 1, "an unfinished apply leaves its journal")
            let usersAfterKill = await lms.allUsers().count

            let resumed = try await runner.run("apply", "initial.plan")
            #expect(resumed.status == 0, "\(resumed.stderr)")
            // Up to 8 writes are in flight at the kill; those the journal missed come back as
            // "already done" (a create answered mailAlreadyUsed is adopted), never as duplicates.
            let summary = try #require(resumed.stdout.split(separator: "\n").first { $0.hasPrefix("Apply ") })
            let already = Int(summary.split(separator: ",")[1].trimmingCharacters(in: .whitespaces).split(separator: " ")[0])!
            #expect(summary.contains(" 0 failed"), "\(summary)")
            #expect(already <= 8, "\(summary)")
            #expect(usersAfterKill >= 2 && usersAfterKill <= 2 + 8, "the admin and the users created before the kill")
            let mails = await lms.allUsers().map { $0.mail.lowercased() }
            #expect(Set(mails).count == mails.count, "no duplicates")
            #expect(await lms.allFields().count == 2, "custom fields created once")
            #expect(try FileManager.default.contentsOfDirectory(atPath: journal.path).isEmpty, "a finished apply removes its journal")
            #expect(try await runner.run("plan", "--detailed-exitcode").status == 0, "converged")
            #expect(try await runner.run("fsck").status == 0)
        }
    }
}

/// The ids of the groups right below those named `name` (an office's department groups), where
/// hrsync places people; the office group itself also holds the roles 360Learning copies up.
func groupsBelow(_ name: String, in lms: Learning360Emulator) async throws -> Set<String> {
    let parents = Set(await lms.groupsNamed(name).map(\.id))
    let saved = try JSONSerialization.jsonObject(with: JSONEncoder().encode(await lms.saved())) as! [String: Any]
    return Set((saved["groups"] as! [[String: Any]]).filter { parents.contains($0["parentID"] as? String ?? "") }.compactMap { $0["id"] as? String })
}

/// What a killed apply did counts as hrsync's even when cron's rerun makes a new plan (which finds
/// it done) instead of resuming: a learner role its create placed is removed on a later move.
@Suite struct KilledApplyOwnershipTests {
    @Test(arguments: [false, true])
    func aRoleTheKilledApplyPlacedIsRemovedOnAMove(killed: Bool) async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 20)
        try await EndToEnd.stopping(sandbox) {
            let personio = sandbox.personio, lms = sandbox.learning360
            let scratch = try Scratch()
            let runner = try await EndToEnd.runner(for: sandbox, in: scratch)
            if killed {
                let planned = try await runner.run("plan", "--json", "-o", "initial.plan")
                let actions = try #require((try JSONSerialization.jsonObject(with: Data(planned.stdout.utf8)) as? [String: Any])?["actions"] as? [Any]).count
                var killer = runner
                killer.environment["HRSYNC_TEST_KILL_AFTER"] = String(actions - 1)  // everything done and journaled, no record yet
                #expect(try await killer.run("apply", "--auto-approve").status == 9)
            }
            let rerun = try await runner.run("apply", "--auto-approve")
            #expect(rerun.status == 0, "\(rerun.stderr)")
            let mover = try #require(await personio.all.first { $0.status == "active" && $0.office == "Berlin" && $0.id != 1000 })
            let user = try #require(await lms.userByMail(mover.email))
            await personio.edit(mover.id) { $0.office = "Paris" }
            let move = try await runner.run("apply", "--auto-approve")
            #expect(move.status == 0, "\(move.stderr)")
            let below = try await groupsBelow("Berlin", in: lms)
            // (The learner role 360Learning copied up to Berlin itself stays: hrsync did not add it.)
            let left = await lms.rolesOf(user: user.id).filter { below.contains($0.key) && $0.value.contains("learner") }
            #expect(!below.isEmpty && left.isEmpty, "the Berlin placement hrsync made is gone after the move (killed first: \(killed)): \(left) \(move.stdout)")
            #expect(try await runner.run("plan", "--detailed-exitcode").status == 0)
        }
    }
}

/// A write in flight at the kill may take effect without its journal line: cron's rerun plans
/// anew and finds it done. A placement added so is still hrsync's, and a move back removes it.
@Suite struct UnjournaledEffectOwnershipTests {
    @Test func aPlacementAddedWithoutItsJournalLineIsRemovedOnTheNextMove() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 12)
        try await EndToEnd.stopping(sandbox) {
            let personio = sandbox.personio, lms = sandbox.learning360
            // Synced by hand before hrsync: their roles are not hrsync's, so a move only adds.
            await lms.seedSynced(from: await personio.all)
            let scratch = try Scratch()
            let runner = try await EndToEnd.runner(for: sandbox, in: scratch)
            #expect(try await runner.run("apply", "--auto-approve").status == 0)
            let people = await personio.all.filter { $0.status == "active" && $0.id != 1000 }
            let mover = try #require(people.first { $0.office == "Berlin" })
            let other = try #require(people.first { $0.id != mover.id })
            let user = try #require(await lms.userByMail(mover.email))
            let before = await lms.rolesOf(user: user.id)
            await personio.edit(other.id) { $0.position = "Another Role" }  // a journal line before the add
            await personio.edit(mover.id) { $0.office = "Paris" }
            let planned = try await runner.run("plan", "--json", "-o", "move.plan")
            let actions = try #require((try JSONSerialization.jsonObject(with: Data(planned.stdout.utf8)) as? [String: Any])?["actions"] as? [[String: Any]])
            #expect(actions.compactMap { $0["kind"] as? String }.sorted() == ["add_role", "update_user"], "\(planned.stdout)")
            let add = try #require(actions.firstIndex { $0["kind"] as? String == "add_role" })
            var killer = runner
            killer.environment["HRSYNC_TEST_KILL_BEFORE_JOURNAL"] = String(add)
            #expect(try await killer.run("apply", "--auto-approve").status == 9)
            let placed = await lms.rolesOf(user: user.id).filter { before[$0.key] == nil && $0.value.contains("learner") }
            #expect(!placed.isEmpty, "the add took effect before the kill")
            let rerun = try await runner.run("apply", "--auto-approve")
            #expect(rerun.status == 0 && rerun.stdout.contains("No changes."), "\(rerun.stdout) \(rerun.stderr)")
            await personio.edit(mover.id) { $0.office = "Berlin" }
            let back = try await runner.run("apply", "--auto-approve")
            #expect(back.status == 0, "\(back.stderr)")
            // Paris/department was hrsync's placement (Paris itself, copied up by 360Learning, stays).
            let left = await lms.rolesOf(user: user.id).filter { placed[$0.key] != nil && $0.value.contains("learner") }
            #expect(left.count < placed.count, "the Paris placement is gone after moving back: \(left) \(back.stdout)")
        }
    }
}

/// The first write of an apply taking effect without its line (a create, killed before anything
/// was journaled) still leaves the journal: cron's rerun plans anew, finds the user, and records
/// the learner role the create gave as hrsync's, so a later move removes it.
@Suite struct FirstWriteUnjournaledTests {
    @Test func aCreateKilledBeforeAnyJournalLineStillOwnsItsPlacement() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 12)
        try await EndToEnd.stopping(sandbox) {
            let personio = sandbox.personio, lms = sandbox.learning360
            let scratch = try Scratch()
            let runner = try await EndToEnd.runner(for: sandbox, in: scratch)
            #expect(try await runner.run("apply", "--auto-approve").status == 0)
            let model = try #require(await personio.all.first { $0.status == "active" && $0.office == "Berlin" && $0.id != 1000 })
            let hire = await personio.hire(supervisorID: model.supervisorID ?? 1000) {
                $0.email = "first.write@acme.example"; $0.office = "Berlin"; $0.department = model.department
            }
            let planned = try await runner.run("plan", "--json", "-o", "hire.plan")
            let actions = try #require((try JSONSerialization.jsonObject(with: Data(planned.stdout.utf8)) as? [String: Any])?["actions"] as? [[String: Any]])
            #expect(actions.first?["kind"] as? String == "create_user", "\(planned.stdout)")
            var killer = runner
            killer.environment["HRSYNC_TEST_KILL_BEFORE_JOURNAL"] = "0"
            #expect(try await killer.run("apply", "--auto-approve").status == 9)
            let user = try #require(await lms.userByMail(hire.email), "the create took effect before the kill")
            let journal = scratch.url.appendingPathComponent("state/journal")
            #expect(try FileManager.default.contentsOfDirectory(atPath: journal.path).count == 1, "the killed run left its (empty) journal")
            let placed = await lms.rolesOf(user: user.id).filter { $0.value.contains("learner") }
            let rerun = try await runner.run("apply", "--auto-approve")
            #expect(rerun.status == 0, "\(rerun.stdout) \(rerun.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: journal.path).isEmpty, "the rerun closed the killed run's journal")
            let story = try await runner.run("log", "--person", hire.email, "--no-color")
            #expect(story.stdout.contains("interrupted"), "the killed run is on record: \(story.stdout)")
            await personio.edit(hire.id) { $0.office = "Paris" }
            let move = try await runner.run("apply", "--auto-approve")
            #expect(move.status == 0, "\(move.stderr)")
            // The Berlin placement was hrsync's (Berlin itself, copied up by 360Learning, stays).
            let below = try await groupsBelow("Berlin", in: lms)
            #expect(placed.keys.contains { below.contains($0) }, "the create placed the hire below Berlin: \(placed)")
            let left = await lms.rolesOf(user: user.id).filter { below.contains($0.key) && $0.value.contains("learner") }
            #expect(left.isEmpty, "the placement the killed create gave is gone after the move: \(left) \(move.stdout)")
            #expect(try await runner.run("plan", "--detailed-exitcode").status == 0)
        }
    }
}

/// Chaos: kill -9 the same apply at 20 seeded points (after a journal line, or between an action
/// taking effect and its line), running it again after each. It converges: no user or field twice,
/// the next plan empty, fsck clean.
@Suite struct ApplyChaosTests {
    @Test func twentyKillsAtSeededPointsConvergeWithoutDuplicates() async throws {
        var random = SeededRandom.forTest()
        let sandbox = try await Sandbox.unthrottled(employees: 30)
        try await EndToEnd.stopping(sandbox) {
            let lms = sandbox.learning360
            let scratch = try Scratch()
            let runner = try await EndToEnd.runner(for: sandbox, in: scratch)
            let planned = try await runner.run("plan", "--json", "-o", "initial.plan")
            let actions = try #require((try JSONSerialization.jsonObject(with: Data(planned.stdout.utf8)) as? [String: Any])?["actions"] as? [Any]).count
            #expect(actions > 60, "\(random.replay)")
            // Increasing points, so each run gets further before it dies.
            let points = (0..<actions).shuffled(using: &random).prefix(20).sorted()
            var kills = 0, finished = false
            for point in points {
                var killer = runner
                killer.environment[Bool.random(using: &random) ? "HRSYNC_TEST_KILL_AFTER" : "HRSYNC_TEST_KILL_BEFORE_JOURNAL"] = String(point)
                let run = try await killer.run("apply", "initial.plan")
                if run.status != 0 { kills += 1 }
                // A resumed run has fewer actions left than a late point: it may finish, and spend the plan.
                if run.status == 0 { finished = true }
                #expect(
                    run.status == 0 || run.status == 137 || run.status == 9 || (finished && run.status == 3),
                    "\(random.replay) point \(point): \(run.stderr)")
            }
            #expect(kills >= 10, "\(random.replay): most points were reached (\(kills) kills)")
            let last = try await runner.run("apply", "initial.plan")
            // Finished by a killed run's successor: a plan is applied once, and this one is refused as spent.
            #expect(
                finished ? last.status == 3 && last.stderr.contains("this plan was applied by apply") : last.status == 0,
                "\(random.replay): \(last.stderr)")
            let mails = await lms.allUsers().map { $0.mail.lowercased() }
            #expect(Set(mails).count == mails.count, "\(random.replay): no user created twice")
            #expect(await lms.allFields().count == 2, "\(random.replay): custom fields created once")
            #expect(try await runner.run("plan", "--detailed-exitcode").status == 0, "\(random.replay): converged")
            let fsck = try await runner.run("fsck")
            #expect(fsck.status == 0, "\(random.replay): \(fsck.stdout) \(fsck.stderr)")
        }
    }
}

/// A night with a hire and deletes over the guard: unattended, the hire is created and only the
/// deletes wait (`sync.on_guard: hold_guarded`, the default for --auto-approve); `hold_all` holds all.
@Suite struct OnGuardTests {
    @Test(arguments: ["", "on_guard: hold_all"])
    func theHireIsCreatedAndTheDeletesHeld(setting: String) async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 30)
        try await EndToEnd.stopping(sandbox) {
            let personio = sandbox.personio, lms = sandbox.learning360
            await lms.seedSynced(from: await personio.all)
            let scratch = try Scratch()
            let runner = try await EndToEnd.runner(for: sandbox, in: scratch, extra: setting.isEmpty ? "" : "  " + setting)
            let leavers = await personio.all.filter { $0.status == "active" }.prefix(4)
            for person in leavers { await personio.terminate(person.id) }
            let hire = await personio.hire { $0.email = "night.hire@acme.example" }
            let night = try await runner.run("apply", "--auto-approve")
            #expect(night.status == 3, "\(night.stderr)")
            let created = await lms.userByMail(hire.email)
            if setting.isEmpty {
                #expect(created != nil, "the hire did not wait for the guard")
                #expect(night.stderr.contains("4 deletes held by the deletion guard"), "\(night.stderr)")
                #expect(try await runner.run("log", "-n", "2").stdout.contains("4 deletes held by the deletion guard"))
                // Typed, not a message to match: the held deletes have their own status in the record,
                // the log entry counts outcomes by status, and status reads those counts.
                let applyID = try #require(night.stdout.firstMatch(of: /Apply ([0-9a-f]{12})/)?.1)
                let show = try await runner.run("show", String(applyID), "--json")
                #expect(show.stdout.components(separatedBy: "\"status\" : \"held\"").count - 1 == 4, "\(show.stdout.prefix(3000))")
                let log = try JSONSerialization.jsonObject(with: Data(try await runner.run("log", "-n", "3", "--json").stdout.utf8)) as? [String: Any]
                let outcomes = (log?["events"] as? [[String: Any]] ?? []).compactMap { $0["outcome"] as? [String: Int] }
                #expect(outcomes == [["done": 3, "held": 4]], "the hire (create, mapping, role) done, the deletes held: \(String(describing: log))")
            } else {
                #expect(created == nil, "hold_all holds everything")
            }
            for person in leavers { #expect(await lms.userByMail(person.email)?.status != "deleted") }
            let writesBefore = await lms.writesReceived
            let later = try await runner.run("apply", "--auto-approve", "--allow-deletes", "4", "--no-color")
            #expect(later.status == 0, "\(later.stderr)")
            for person in leavers { #expect(await lms.userByMail(person.email)?.status == "deleted") }
            if setting.isEmpty {
                #expect(await lms.writesReceived - writesBefore == 4, "only the deletes were left: \(later.stdout.suffix(400))")
            }
        }
    }
}

/// `hooks:` run after a run with a JSON summary on stdin, without the credentials' variables; a
/// failing hook never changes the exit status.
@Suite struct HookTests {
    @Test func hooksGetASummaryAndNoSecretsAndNeverChangeTheExitStatus() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 12)
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            let hooks = """
                hooks:
                  on_success: "env > success.env; cat > success.json; exit 7"
                  on_hold: "cat > held.json"
                """
            let runner = try await EndToEnd.runner(for: sandbox, in: scratch, extra: hooks)
            let first = try await runner.run("apply", "--auto-approve")
            #expect(first.status == 0 && first.stderr.contains("hook on_success exited 7; hrsync's own exit status is unchanged"), "\(first.stderr)")
            #expect(!first.stderr.contains("success.json"), "a hook's command line (it may hold a token) is not printed")
            let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: scratch.url.appendingPathComponent("success.json"))) as! [String: Any]
            #expect(summary["outcome"] as? String == "success" && summary["exit_status"] as? Int == 0 && summary["people"] == nil)
            #expect(((summary["actions"] as? [String: [String: Int]])?["create_user"]?["done"] ?? 0) > 5)
            let environment = try String(contentsOf: scratch.url.appendingPathComponent("success.env"), encoding: .utf8)
            #expect(!environment.contains("sandbox-personio-secret") && !environment.contains("L360_CLIENT_SECRET"), "no credentials in a hook's environment")

            for person in await sandbox.personio.all.filter({ $0.status == "active" }).prefix(5) { await sandbox.personio.terminate(person.id) }
            let held = try await runner.run("apply", "--auto-approve")
            #expect(held.status == 3)
            let heldSummary = try JSONSerialization.jsonObject(with: Data(contentsOf: scratch.url.appendingPathComponent("held.json"))) as! [String: Any]
            #expect(heldSummary["outcome"] as? String == "held" && heldSummary["exit_status"] as? Int == 3)
        }
    }
}

extension HookTests {
    /// A summary far over a pipe's 64 KiB (`include_people`) to a hook that never reads it: hrsync
    /// blocked until the hook ended, then died of the broken pipe (141, or a trap: 132). Now the
    /// run's own status stands, and the hook runs after the state lock is released.
    @Test func aHookThatDoesNotReadItsSummaryRunsUnlockedAndLeavesTheExitStatus() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 3_000)
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            let runner = try await EndToEnd.runner(
                for: sandbox, in: scratch,
                extra: """
                    hooks:
                      on_success: "sh hook.sh"
                      include_people: true
                    """)
            let script = scratch.url.appendingPathComponent("hook.sh")
            try "cat > summary.json".write(to: script, atomically: true, encoding: .utf8)
            #expect(try await runner.run("pull").status == 0)
            let read = try await runner.run("plan", "--offline")
            #expect(read.status == 0, "\(read.stderr.suffix(400))")
            let summary = try Data(contentsOf: scratch.url.appendingPathComponent("summary.json"))
            #expect(summary.count > 64 << 10, "the summary is \(summary.count) bytes: it must overflow the pipe")

            // flock on the state directory is the store's lock: free (0) while the hook runs, or 75.
            try "flock -n -E 75 state true; echo $? > lock-free; exit 5".write(to: script, atomically: true, encoding: .utf8)
            let unread = try await runner.run("plan", "--offline", "--detailed-exitcode")
            #expect(unread.status == 2, "the plan's own status (changes present): \(unread.stderr.suffix(400))")
            #expect(unread.stderr.contains("hook on_success exited 5"), "\(unread.stderr.suffix(400))")
            let lock = try String(contentsOf: scratch.url.appendingPathComponent("lock-free"), encoding: .utf8)
            #expect(lock == "0\n", "the hook ran while hrsync held the state lock")
        }
    }
}

/// The deadline, driven in-process with a 1 s limit (the binary's is 60 s).
@Suite struct HookDeadlineTests {
    static let config = try! ConfigLoader.load(yaml: "personio: {}\nlearning360: {admin_email: a@b.example}\n", file: "hrsync.yaml")

    /// Gone, or a zombie its new parent has not reaped yet: either way no longer running.
    static func isRunning(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        return !stat.split(separator: ")").last!.hasPrefix(" Z")
    }

    @Test func aHookPastTheDeadlineIsStoppedWithEveryProcessItStarted() throws {
        let scratch = try Scratch()
        let child = scratch.url.appendingPathComponent("child.pid").path
        let runner = HookRunner(hooks: HookSettings(), config: Self.config, timeout: 1)
        let unread = Data(repeating: 0x20, count: 1 << 20)  // never read: the pipe fills at 64 KiB
        let started = ContinuousClock.now
        let outcome = try runner.execute("sleep 100 & echo $! > '\(child)'; sleep 100", input: unread)
        #expect(outcome == .timedOut)
        #expect(ContinuousClock.now - started < .seconds(10), "stopped at the deadline (plus a second's grace)")
        let pid = try #require(pid_t(try String(contentsOfFile: child, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        let signalled = ContinuousClock.now  // a signalled process still needs a moment to be scheduled and end
        while Self.isRunning(pid) && ContinuousClock.now - signalled < .seconds(3) { usleep(20_000) }
        #expect(!Self.isRunning(pid), "the hook's background child \(pid) was stopped with it")
    }

    /// A hook that exits without reading: a broken pipe for hrsync to ignore, not SIGPIPE (which
    /// would end this test process too).
    @Test func aHookThatExitsWithoutReadingIsAnExitStatus() throws {
        let runner = HookRunner(hooks: HookSettings(), config: Self.config, timeout: 30)
        let started = ContinuousClock.now
        #expect(try runner.execute("exit 3", input: Data(repeating: 0x20, count: 1 << 20)) == .exited(3))
        #expect(try runner.execute("kill -TERM $$", input: Data("{}".utf8)) == .signaled(SIGTERM))
        #expect(ContinuousClock.now - started < .seconds(10))
    }
}

@Suite struct ApplyPartialFailureTests {
    @Test func failedActionsAreListedTheRestAppliedAndALaterPlanPicksThemUp() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 15)
        try await EndToEnd.stopping(sandbox) {
            let lms = sandbox.learning360
            let scratch = try Scratch()
            let runner = try await EndToEnd.runner(for: sandbox, in: scratch)
            #expect(try await runner.run("plan", "-o", "p.plan").status == 0)
            await lms.faults.inject(.status(400), times: 2, pathPrefix: "/api/v2/external-ids")
            let partial = try await runner.run("apply", "p.plan", "--no-color")
            #expect(partial.status == 4, "\(partial.stderr)")
            #expect(partial.stdout.contains("2 failed"))
            #expect(partial.stdout.components(separatedBy: "  ! create_mapping ").count == 3, "\(partial.stdout)")
            #expect(partial.stdout.contains("360Learning answered HTTP 400 on POST /api/v2/external-ids"))
            // The apply's story: which plan, each action with its status, the failures with the vendor's error.
            let applyID = try #require(partial.stdout.firstMatch(of: /Apply ([0-9a-f]{12})/)?.1)
            let story = try await runner.run("show", String(applyID), "--no-color")
            #expect(story.stdout.hasPrefix("apply \(applyID)") && story.stdout.contains("\nPlan:    "), "\(story.stdout.prefix(400))")
            #expect(story.stdout.contains("Failed (2):") && story.stdout.contains("create_mapping: 360Learning answered HTTP 400"))
            let data = try JSONSerialization.jsonObject(with: Data(try await runner.run("show", String(applyID), "--json").stdout.utf8)) as! [String: Any]
            let results = try #require(((data["applies"] as? [String: Any])?.values.first as? [String: Any])?["results"] as? [[String: Any]])
            #expect(results.filter { $0["status"] as? String == "failed" }.count == 2 && results.allSatisfy { $0["action"] != nil })
            // The same story as a page: each action's status, the vendor's error of the failed ones.
            #expect(try await runner.run("show", String(applyID), "--html", "apply.html").status == 0)
            let page = try String(contentsOf: runner.directory.appendingPathComponent("apply.html"), encoding: .utf8)
            #expect(
                page.components(separatedBy: "<span class=\"status failed\">").count == 3 && page.contains("<div class=\"error\">360Learning answered HTTP 400")
            )
            let followUp = try await runner.run("plan", "--no-color")
            #expect(followUp.stdout.components(separatedBy: "external id personio = ").count == 3, "the two missing mappings are planned again")
            #expect(try await runner.run("apply", "--auto-approve").status == 0)
            #expect(await lms.allMappings().count == (await sandbox.personio.all.filter { ["active", "onboarding", "leave"].contains($0.status) }.count))
        }
    }
}

/// A metrics file as node_exporter's textfile collector reads it: checked by `promtool check
/// metrics` where Prometheus's promtool is installed (CI), and line by line here in any case.
enum MetricsCheck {
    static func read(_ file: URL) throws -> String {
        let text = try String(contentsOf: file, encoding: .utf8)
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            #expect(line.wholeMatch(of: /hrsync_[a-z_]+\{[a-z0-9_]+="[^"]*"(,[a-z0-9_]+="[^"]*")*\} -?[0-9.]+/) != nil, "\(line)")
        }
        if let promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first(where: FileManager.default.isExecutableFile) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: promtool)
            process.arguments = ["check", "metrics"]
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = output
            try process.run()
            input.fileHandleForWriting.write(Data(text.utf8))
            try input.fileHandleForWriting.close()
            let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "promtool check metrics: \(said)")
        }
        return text
    }
}

/// `sync.prestart_days`: an onboarding hire is created on the first run inside the window, not before.
@Suite struct PrestartTests {
    @Test func anOnboardingHireIsCreatedOnlyInsideTheWindow() async throws {
        try await EndToEnd.run(Sandbox.unthrottled(employees: 10), extra: "  prestart_days: 7") { sandbox, scratch, runner in
            #expect(try await runner.run("apply", "--auto-approve").status == 0)
            let hire = await sandbox.personio.hire {
                $0.status = "onboarding"; $0.hireDate = (2027, 1, 15); $0.email = "starts.soon@acme.example"
            }
            for (today, created) in [("2027-01-07", false), ("2027-01-08", true)] {
                var day = runner
                day.environment["HRSYNC_TEST_TODAY"] = today
                let run = try await day.run("apply", "--auto-approve")
                #expect(run.status == 0, "\(run.stderr)")
                #expect((await sandbox.learning360.userByMail(hire.email) != nil) == created, "on \(today)")
                if !created {
                    let explain = try await day.run("explain", hire.email)
                    #expect(explain.stdout.contains("pre-start window: onboarding, created from 2027-01-08"), "\(explain.stdout)")
                }
            }
        }
    }
}
