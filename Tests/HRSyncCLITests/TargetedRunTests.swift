import Foundation
import HRSyncSandbox
import HRSyncStore
import HRSyncTestSupport
import Testing

/// `plan|apply --person`: the real binary against the sandbox.
@Suite struct TargetedRunTests {
    static func refs(_ scratch: Scratch) throws -> [String?] {
        let state = try StateDirectory.open(at: scratch.url.appendingPathComponent("state").path)
        return [try state.refs.get(Refs.personio)?.hex, try state.refs.get(Refs.learning360)?.hex]
    }

    @Test func onlyThePeopleNamedArePlannedAndWrittenAndTheRefsStay() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 30)
        try await EndToEnd.stopping(sandbox) {
            let lms = sandbox.learning360, personio = sandbox.personio
            let scratch = try Scratch()
            let runner = try await EndToEnd.runner(for: sandbox, in: scratch)
            #expect(try await runner.run("apply", "--auto-approve").status == 0)
            let refsBefore = try Self.refs(scratch)

            let active = await personio.all.filter { $0.status == "active" }
            let hire = await personio.hire(supervisorID: active[0].id) { $0.email = "starts.today@acme.example" }
            let other = await personio.hire { $0.email = "starts.later@acme.example" }
            await personio.edit(active[3].id) { $0.position = "Edited, not targeted" }

            let planned = try await runner.run("plan", "--person", hire.email, "--json")
            #expect(planned.status == 0, "\(planned.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(planned.stdout.utf8)) as! [String: Any]
            #expect(json["targeted"] as? [String] == [hire.email])
            let people = Set((json["actions"] as! [[String: Any]]).compactMap { ($0["person"] as? [String: Any])?["personio_id"] as? Int })
            #expect(people == [hire.id], "only the hire's actions")

            let applied = try await runner.run("apply", "--person", String(hire.id), "--auto-approve")
            #expect(applied.status == 0, "\(applied.stderr)")
            #expect(applied.stdout.contains("Targeted plan"), "\(applied.stdout)")
            let user = try #require(await lms.userByMail(hire.email))
            #expect(await lms.managersOf(user: user.id) == [await lms.userByMail(active[0].email)!.id], "the supervisor was read to link the manager")
            #expect(await lms.userByMail(other.email) == nil, "someone not named is not created")
            #expect(await lms.userByMail(active[3].email)?.job != "Edited, not targeted")
            #expect(try Self.refs(scratch) == refsBefore, "partial snapshots do not move the refs")

            let log = try await runner.run("log")
            #expect(log.stdout.contains("targeted pull for \(hire.id)"), "\(log.stdout)")
            #expect(try await runner.run("fsck").status == 0)
            let gc = try await runner.run("gc")
            #expect(gc.status == 0, "\(gc.stderr)")
            let fsck = try await runner.run("fsck")
            #expect(fsck.status == 0, "partial snapshots survive gc consistently: \(fsck.stdout) \(fsck.stderr)")
            #expect(try await runner.run("show").status == 0)

            // Once applied, the same person plans nothing; nobody on either side is an error (exit 1).
            #expect(try await runner.run("plan", "--person", hire.email, "--detailed-exitcode").status == 0)
            let unknown = try await runner.run("plan", "--person", "nobody@acme.example", "--person", "99999")
            #expect(unknown.status == 1)
            #expect(unknown.stderr.contains("no Personio employee and no 360Learning user 'nobody@acme.example', '99999'"), "\(unknown.stderr)")
            #expect(try await runner.run("plan", "--person", hire.email, "--offline").status == 64)
            for bad in ["", "  ", "0", "-3", "not an email"] {
                let refused = try await runner.run("plan", "--person", bad)
                #expect(refused.status == 64, "'\(bad)': \(refused.stderr)")
            }

            // A full run afterwards does the rest and converges.
            #expect(try await runner.run("apply", "--auto-approve").status == 0)
            #expect(await lms.userByMail(other.email) != nil)
            #expect(try await runner.run("plan", "--detailed-exitcode").status == 0)
        }
    }

    /// 10,000 repeats of one person (ran past 120 s, reading them 10,000 times) are one person;
    /// more distinct people than a targeted run is for is a usage error before any read.
    @Test func repeatedPeopleAreReadOnceAndTooManyAreRefused() async throws {
        try await EndToEnd.run(Sandbox.unthrottled(employees: 10)) { sandbox, scratch, runner in
            let person = try #require(await sandbox.personio.all.first { $0.status == "active" })
            let email = person.email
            let variants = [email, " \(email.uppercased()) ", email.capitalized]
            let repeated = (0..<10_000).flatMap { ["--person", variants[$0 % variants.count]] }
            let started = ContinuousClock.now
            let planned = try await runner.run(["plan", "--json"] + repeated)
            #expect(planned.status == 0, "\(planned.stderr.prefix(400))")
            #expect(ContinuousClock.now - started < .seconds(60))
            let json = try JSONSerialization.jsonObject(with: Data(planned.stdout.utf8)) as? [String: Any]
            #expect(json?["targeted"] as? [String] == [email], "one person, as first given")
            #expect(planned.stderr.contains("targeted pull for \(email): "), "\(planned.stderr.prefix(400))")

            let many = (1...1_001).flatMap { ["--person", String($0)] }
            let refused = try await runner.run(["plan"] + many)
            #expect(refused.status == 64, "\(refused.stderr.prefix(400))")
            #expect(refused.stderr.contains("--person names 1001 people; at most 1000"), "\(refused.stderr.prefix(400))")
        }
    }

    /// The figure: 2,000 employees at the real limits (no test scale), one hire, `apply
    /// --person`: only that person's writes. The time (< 5 s) is the benchmark's target
    /// (`hrsync-bench person-2k`); here it is reported, not asserted.
    @Test func atTheRealLimitsOneHireWritesOnlyTheirActions() async throws {
        var settings = Sandbox.Settings()
        settings.personio.employees = 2_000
        let sandbox = try await Sandbox.start(settings)
        try await EndToEnd.stopping(sandbox) {
            let lms = sandbox.learning360, personio = sandbox.personio
            await lms.seedSynced(from: await personio.all)
            let scratch = try Scratch()
            let runner = try await EndToEnd.configure(
                scratch, personio: sandbox.personioURL, learning360: sandbox.learning360URL,
                group: await lms.employeesGroupID)
            let boss = try #require(await personio.all.first { $0.status == "active" })
            let hire = await personio.hire(supervisorID: boss.id) { $0.email = "first.day@acme.example" }
            let writesBefore = await lms.writesReceived
            let started = ContinuousClock.now
            let run = try await runner.run("apply", "--person", hire.email, "--auto-approve", "--json")
            let wall = ContinuousClock.now - started
            #expect(run.status == 0, "\(run.stderr)")
            let user = try #require(await lms.userByMail(hire.email))
            #expect(await lms.managersOf(user: user.id).count == 1)
            let writes = await lms.writesReceived - writesBefore
            let show = try await runner.run("show", "--json")
            let applies = (try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])?["applies"] as? [String: Any]
            let results = (applies?.values.first as? [String: Any])?["results"] as? [[String: Any]] ?? []
            let people = Set(results.compactMap { (($0["action"] as? [String: Any])?["person"] as? [String: Any])?["personio_id"] as? Int })
            #expect(writes == results.count && writes > 0, "writes \(writes), actions \(results.count): \(show.stdout.prefix(300))")
            #expect(people == [hire.id], "every write is the hire's")
            #expect(await lms.rateLimited == 0)
            print("apply --person at the real limits, 2,000 employees: \(writes) writes, wall \(wall)")
        }
    }
}
