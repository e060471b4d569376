import Foundation
import HRSyncCore
import HRSyncSandbox
import HRSyncTestSupport
import Testing

/// SYNC-RULES §7, blanking guard, the real binary against the sandbox: a custom field emptied in
/// Personio for 30% of the employees is held (exit 3, the field not written) while the rest
/// applies; `--allow-blanking` lets it through; one person's emptied field passes.
@Suite struct BlankingApplyTests {
    @Test func aFieldEmptiedForManyIsHeldUntilAllowedAndOnePersonsPasses() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 40)
        try await EndToEnd.stopping(sandbox) {
            let lms = sandbox.learning360
            let scratch = try Scratch()
            let runner = try await EndToEnd.runner(for: sandbox, in: scratch)
            let first = try await runner.run("apply", "--auto-approve", "--no-color")
            #expect(first.status == 0, "\(first.stderr)")

            let wanted = await sandbox.personio.all.filter { ["active", "onboarding", "leave"].contains($0.status) }
            let emptied = Array(wanted.prefix(wanted.count * 3 / 10))
            for person in emptied { await sandbox.personio.edit(person.id) { $0.costCenter = "" } }
            let renamed = wanted[wanted.count - 1]
            await sandbox.personio.edit(renamed.id) { $0.position = "Renamed Role" }
            func costCenter(_ person: SandboxEmployee) async throws -> Bool {
                let user = try #require(await lms.userByMail(person.email))
                return await lms.valuesOf(user: user.id).contains { $0.value == person.costCenter }
            }

            // A saved plan says so; applied by hand (hold_all), nothing runs.
            let plan = try await runner.run("plan", "-o", "blank.plan", "--no-color")
            #expect(plan.stdout.contains("Held by the blanking guard: Cost center emptied for \(emptied.count) users"), "\(plan.stdout)")
            #expect(plan.stdout.contains("run 'hrsync apply --allow-blanking 'Cost center'' if it is really empty now"), "\(plan.stdout)")
            let planJSON = try String(contentsOf: scratch.url.appendingPathComponent("blank.plan"), encoding: .utf8)
            #expect(planJSON.contains("\"blanking_held\""))
            let writesBefore = await lms.writesReceived
            let byHand = try await runner.run("apply", "blank.plan", "--metrics-file", "hand.prom")
            #expect(byHand.status == 3, "\(byHand.stderr)")
            #expect(
                byHand.stderr.contains("blanking guard") && byHand.stderr.contains("run 'hrsync apply blank.plan --allow-blanking 'Cost center''"),
                "\(byHand.stderr)")
            #expect(await lms.writesReceived == writesBefore)
            // Held whole, the metric still names the field.
            let handMetrics = try String(contentsOf: scratch.url.appendingPathComponent("hand.prom"), encoding: .utf8)
            #expect(handMetrics.contains("hrsync_last_run_blanking_held{command=\"apply\",field=\"Cost center\"} \(emptied.count)"), "\(handMetrics)")

            // An unknown field is a usage error with a suggestion.
            let typo = try await runner.run("apply", "--auto-approve", "--allow-blanking", "Cost centre")
            #expect(typo.status == 64 && typo.stderr.contains("did you mean 'Cost center'?"), "\(typo.stderr)")

            // Unattended (hold_guarded): the rest applies, the blanks wait; exit 3.
            let night = try await runner.run("apply", "blank.plan", "--auto-approve", "--no-color", "--metrics-file", "m.prom")
            #expect(night.status == 3, "\(night.stderr)")
            #expect(night.stderr.contains("Cost center emptied for \(emptied.count) users"), "\(night.stderr)")
            #expect(night.stderr.contains("Run 'hrsync apply --allow-blanking 'Cost center'' if they are real"), "\(night.stderr)")
            #expect(await lms.userByMail(renamed.email)?.job == "Renamed Role", "everything else was applied")
            for person in emptied { #expect(try await costCenter(person), "\(person.email)'s cost center was written") }
            let metrics = try String(contentsOf: scratch.url.appendingPathComponent("m.prom"), encoding: .utf8)
            #expect(metrics.contains("hrsync_last_run_blanking_held{command=\"apply\",field=\"Cost center\"} \(emptied.count)"), "\(metrics)")
            let status = try await runner.run("status")
            #expect(
                status.status == 1 && (status.stdout + status.stderr).contains("held by the blanking guard: Cost center emptied for \(emptied.count) users"),
                "\(status.stdout)\(status.stderr)")
            let log = try await runner.run("log", "--no-color")
            #expect(log.stdout.contains("blanking guard held Cost center (\(emptied.count) users)"), "\(log.stdout)")

            // The plan is spent, held blanks and all: releasing them takes a new plan, which the refusal says how to get.
            let writesAfterNight = await lms.writesReceived
            let spent = try await runner.run("apply", "blank.plan", "--allow-blanking", "Cost center")
            #expect(spent.status == 3, "\(spent.stderr)")
            #expect(
                spent.stderr.contains(
                    "it held the blanks of Cost center, which it did not write: to release them, run 'hrsync apply --allow-blanking 'Cost center''"),
                "\(spent.stderr)")
            #expect(await lms.writesReceived == writesAfterNight)

            // Nothing was written: the next plan shows it again, held until allowed.
            let again = try await runner.run("plan", "--no-color")
            #expect(again.stdout.contains("Held by the blanking guard: Cost center"), "\(again.stdout)")
            let allowed = try await runner.run("apply", "--auto-approve", "--allow-blanking", "Cost center")
            #expect(allowed.status == 0, "\(allowed.stderr)")
            for person in emptied { #expect(try await !costCenter(person), "\(person.email)'s cost center is still there") }

            // One person's emptied field passes.
            let one = wanted[wanted.count - 2]
            await sandbox.personio.edit(one.id) { $0.costCenter = "" }
            let single = try await runner.run("apply", "--auto-approve")
            #expect(single.status == 0, "\(single.stderr)")
            #expect(try await !costCenter(one))
        }
    }

    /// A credential that loses read access to an attribute (Personio's per-credential whitelist)
    /// empties it for everyone at once: §3 "missing is not empty" leaves the field alone with a
    /// warning, before the blanking guard is even needed.
    @Test func anAttributeDroppedFromTheWhitelistBlanksNothing() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 12)
        try await EndToEnd.stopping(sandbox) {
            let lms = sandbox.learning360
            let scratch = try Scratch()
            let runner = try await EndToEnd.runner(for: sandbox, in: scratch)
            #expect(try await runner.run("apply", "--auto-approve").status == 0)
            await sandbox.personio.setHiddenAttributes(["dynamic_1234567"])
            let writes = await lms.writesReceived
            let plan = try await runner.run("plan", "--no-color", "--detailed-exitcode")
            #expect(plan.status == 0, "no change planned: \(plan.stdout)\(plan.stderr)")
            #expect(plan.stdout.contains("attribute 'dynamic_1234567' is in no Personio employee's payload"), "\(plan.stdout)")
            let night = try await runner.run("apply", "--auto-approve")
            #expect(night.status == 0, "\(night.stderr)")
            #expect(await lms.writesReceived == writes, "nothing was written")
        }
    }
}
