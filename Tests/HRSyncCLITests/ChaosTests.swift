import Foundation
import HRSyncSandbox
import HRSyncTestSupport
import Testing

/// Chaos over a history of twelve days, the real binary against the sandbox: each day HR changes
/// Personio and cron runs `apply --auto-approve`, then `gc --keep …` (a seeded policy); once, a
/// leaver is forgotten. At 20 seeded moments (which run, which step) the run is killed with
/// SIGKILL; fsck is then clean and running the same command again finishes it. At the end the
/// platform has no user twice, fsck is clean, the next apply finds nothing to do, and the revert
/// of the last day's apply (an edit and a hire) puts 360Learning back exactly as it was before it.
@Suite struct ChaosTests {
    /// A run of the history that may be killed.
    enum Run: Hashable, CustomStringConvertible {
        case apply(day: Int), gc(day: Int), forget(day: Int)
        var description: String {
            switch self {
            case .apply(let day): "apply on day \(day)"
            case .gc(let day): "gc on day \(day)"
            case .forget(let day): "forget on day \(day)"
            }
        }
    }

    /// The binary on a day of the history: HRSYNC_TEST_NOW (the recorded time) advances a minute
    /// per run from 09:00 UTC, HRSYNC_TEST_TODAY is that day.
    struct Clock {
        static let start = ISO8601DateFormatter().date(from: "2027-03-01T09:00:00Z")!
        var runner: BinaryRunner
        var day = 0
        var minute = 0

        mutating func run(_ arguments: String...) async throws -> BinaryRunner.Result {
            try await run(arguments)
        }

        mutating func run(_ arguments: [String], kill: (hook: String, at: Int)? = nil) async throws -> BinaryRunner.Result {
            let now = ISO8601DateFormatter().string(from: Self.start.addingTimeInterval(Double(day) * 86_400 + Double(minute) * 60))
            minute += 1
            var runner = self.runner
            runner.environment["HRSYNC_TEST_NOW"] = now
            runner.environment["HRSYNC_TEST_TODAY"] = String(now.prefix(10))
            if let kill { runner.environment[kill.hook] = String(kill.at) }
            return try await runner.run(arguments)
        }
    }

    static let lastDay = 11

    @Test func twentyKillsOverTwelveDaysConvergeAndTheLastApplyIsRevertedExactly() async throws {
        var random = SeededRandom.forTest()
        let replay = random.replay
        let sandbox = try await Sandbox.unthrottled(employees: 20)
        try await EndToEnd.stopping(sandbox) {
            let personio = sandbox.personio, lms = sandbox.learning360
            let scratch = try Scratch()
            var clock = Clock(runner: try await EndToEnd.runner(for: sandbox, in: scratch))

            // The history's shape and the 20 moments, all from the seed: an apply every day (the last
            // day's is the one reverted, never killed), a gc every day but the first and last, the
            // forget of a leaver some days after they left.
            let forgetDay = Int.random(in: 4...9, using: &random)
            let leaverDay = Int.random(in: 1..<forgetDay - 1, using: &random)
            var others: [Run] = (0..<Self.lastDay).map { .apply(day: $0) } + (1..<Self.lastDay).map { .gc(day: $0) }
            others.shuffle(using: &random)
            let killed = Set([Run.forget(day: forgetDay)] + others.prefix(19))
            let policies = ["daily=1", "daily=2", "within=1d", "daily=1,weekly=2", "within=2d,daily=1"]
            var kills: [String] = []
            var leaver: Int?

            /// Runs ARGUMENTS as `run`: killed at a seeded step first if the moment is one of the 20
            /// (fsck must be clean after the kill), then again without the kill, which must succeed.
            func perform(_ run: Run, _ arguments: [String], killAt: (hook: String, at: Int)?) async throws {
                if let killAt {
                    let died = try await clock.run(arguments, kill: killAt)
                    let moment = "\(run), \(killAt.hook)=\(killAt.at)"
                    #expect(died.status == 9, "\(moment): not killed (status \(died.status)): \(died.stderr.suffix(500)) \(replay)")
                    kills.append(moment)
                    let fsck = try await clock.run("fsck")
                    #expect(fsck.status == 0, "\(moment): fsck after the kill: \(fsck.stdout) \(fsck.stderr) \(replay)")
                }
                let done = try await clock.run(arguments)
                #expect(done.status == 0, "\(run)\(killAt.map { " after a kill at \($0.hook)=\($0.at)" } ?? ""): \(done.stderr.suffix(800)) \(replay)")
            }

            for day in 0..<Self.lastDay {
                clock.day = day
                clock.minute = 0
                if day > 0, let left = try await Self.hrChanges(on: day, leaverDay: leaverDay, sandbox: sandbox, random: &random) { leaver = left }

                // apply: the kill point is an action index of the plan the apply will make (planned first).
                var applyKill: (hook: String, at: Int)?
                if killed.contains(.apply(day: day)) {
                    let planned = try await clock.run("plan", "--json", "-o", "review.plan")
                    let actions = (try? JSONSerialization.jsonObject(with: Data(planned.stdout.utf8)) as? [String: Any])?["actions"] as? [Any] ?? []
                    #expect(!actions.isEmpty, "day \(day) plans something: \(planned.stderr) \(replay)")
                    applyKill = (
                        Bool.random(using: &random) ? "HRSYNC_TEST_KILL_AFTER" : "HRSYNC_TEST_KILL_BEFORE_JOURNAL",
                        Int.random(in: 0..<max(1, actions.count), using: &random)
                    )
                }
                try await perform(.apply(day: day), ["apply", "--auto-approve", "--allow-deletes", "3"], killAt: applyKill)

                if day == forgetDay {
                    let target = try #require(leaver, "the leaver left on day \(leaverDay) \(replay)")
                    try await perform(
                        .forget(day: day), ["forget", String(target)],
                        killAt: ("HRSYNC_TEST_KILL_GC_AT", Int.random(in: 1...12, using: &random)))
                }

                if day > 0 {
                    // gc: the kill point is a step the run reaches (each removed object is one), from a dry run.
                    // A policy that keeps everything there is gives no step to kill at: then the strictest.
                    var keep = policies[Int.random(in: 0..<policies.count, using: &random)]
                    var gcKill: (hook: String, at: Int)?
                    if killed.contains(.gc(day: day)) {
                        var objects = 0
                        for policy in [keep, "daily=1"] where objects == 0 {
                            keep = policy
                            let dry = try await clock.run("gc", "--dry-run", "--json", "--keep", keep)
                            objects = (try? JSONSerialization.jsonObject(with: Data(dry.stdout.utf8)) as? [String: Any])?["objects"] as? Int ?? 0
                        }
                        #expect(objects > 0, "day \(day): gc --keep \(keep) has something to remove \(replay)")
                        gcKill = ("HRSYNC_TEST_KILL_GC_AT", Int.random(in: 1...max(1, objects), using: &random))
                    }
                    try await perform(.gc(day: day), ["gc", "--keep", keep], killAt: gcKill)
                }
            }
            #expect(kills.count == 20, "\(kills) \(replay)")

            // The last day: an edit and a hire, applied by cron; then nothing is left to do.
            clock.day = Self.lastDay
            clock.minute = 0
            let people = await personio.all.filter { $0.status == "active" && $0.id != 1000 }
            let edited = people[Int.random(in: 0..<people.count, using: &random)]
            await personio.edit(edited.id) {
                $0.position = "Head of Chaos"; $0.costCenter = "CC-LAST"
            }
            let model = people[Int.random(in: 0..<people.count, using: &random)]
            let hire = await personio.hire(supervisorID: model.supervisorID ?? 1000) {
                $0.email = "last.day.hire@acme.example"; $0.hireDate = (2027, 2, 1); $0.office = model.office; $0.department = model.department
            }
            let before = await lms.saved()
            let last = try await clock.run("apply", "--auto-approve")
            #expect(last.status == 0, "the last day's apply: \(last.stderr) \(replay)")
            #expect(try await clock.run("plan", "--detailed-exitcode").status == 0, "nothing left to plan after the last apply \(replay)")
            let converged = try await clock.run("apply", "--auto-approve")
            #expect(
                converged.status == 0 && converged.stdout.contains("No changes."), "converged: \(converged.stdout.suffix(800)) \(converged.stderr) \(replay)")
            let fsck = try await clock.run("fsck")
            #expect(fsck.status == 0, "\(fsck.stdout) \(fsck.stderr) \(replay)")
            let mails = await lms.allUsers().filter { $0.status != "deleted" }.map { $0.mail.lowercased() }
            #expect(Set(mails).count == mails.count, "no user twice on the platform: \(mails.sorted()) \(replay)")
            let everyone = await lms.allUsers().map { $0.mail.lowercased() }
            #expect(Set(everyone).count == everyone.count, "no user created twice, deleted or not \(replay)")
            // Converged on the platform too, not only in hrsync's eyes: every employee is a learner of
            // the groups of their placement (and the ones 360Learning copies it up to), of no other.
            let misplaced = try await Self.misplaced(sandbox)
            var stories = ""
            for line in misplaced { stories += try await clock.run("log", "--person", String(line.prefix { $0 != " " }), "--no-color").stdout }
            #expect(misplaced.isEmpty, "learner roles outside the placement: \(misplaced) (kills: \(kills)) \(replay)\n\(stories)")
            let hiredUser = try #require(await lms.userByMail(hire.email), "the last day's hire was created \(replay)")
            #expect(await lms.userByMail(edited.email)?.job == "Head of Chaos", "the last day's edit was applied \(replay)")

            // The revert of that apply: the platform as it was before it.
            let revert = try await clock.run("revert", "HEAD", "-o", "undo.plan", "--no-color")
            #expect(revert.status == 0, "\(revert.stderr) \(replay)")
            let created = Set(await lms.allUsers().map(\.id)).subtracting(before.userIDs)
            #expect(created == [hiredUser.id], "the last apply created the hire only \(replay)")
            let undo = try await clock.run("apply", "undo.plan", "--allow-deletes", String(created.count))
            #expect(undo.status == 0, "\(undo.stdout.suffix(800)) \(undo.stderr) \(replay)")
            for id in created {
                #expect(await lms.allUsers().first { $0.id == id }?.status == "deleted", "a user the apply created is deleted again \(replay)")
            }
            let expected = try Self.platform(before, without: created), actual = try Self.platform(await lms.saved(), without: created)
            #expect(
                actual == expected,
                "the platform after the revert equals the one before the last apply: \(Self.difference(expected, actual)) \(revert.stdout.suffix(1500)) \(replay)"
            )
            #expect(try await clock.run("fsck").status == 0, "\(replay)")
        }
    }

    /// One day of HR: one to three edits (position, cost center, office, department), sometimes a
    /// hire, sometimes a leaver; on `leaverDay` the leaver the forget is for (returned).
    static func hrChanges(on day: Int, leaverDay: Int, sandbox: Sandbox, random: inout SeededRandom) async throws -> Int? {
        let personio = sandbox.personio
        let active = await personio.all.filter { $0.status == "active" && $0.id != 1000 }
        let offices = Array(Set(active.compactMap(\.office))).sorted(), departments = Array(Set(active.compactMap(\.department))).sorted()
        for edit in 0..<Int.random(in: 1...3, using: &random) {
            let person = active[Int.random(in: 0..<active.count, using: &random)]
            // The first edit always changes something hrsync syncs (the day's apply has work to kill).
            switch edit == 0 ? 0 : Int.random(in: 0..<4, using: &random) {
            case 0: await personio.edit(person.id) { $0.position = "Role \(day)-\(edit)" }
            case 1: await personio.edit(person.id) { $0.costCenter = "CC-\(day)" }
            case 2: await personio.edit(person.id) { $0.office = offices[Int.random(in: 0..<offices.count, using: &random)] }
            default: await personio.edit(person.id) { $0.department = departments[Int.random(in: 0..<departments.count, using: &random)] }
            }
        }
        if Int.random(in: 0..<5, using: &random) < 2 {
            let model = active[Int.random(in: 0..<active.count, using: &random)]
            await personio.hire(supervisorID: model.supervisorID ?? 1000) {
                $0.email = "hire.day\(day)@acme.example"; $0.hireDate = (2027, 2, 1); $0.office = model.office; $0.department = model.department
            }
        }
        let leaver = active[Int.random(in: 0..<active.count, using: &random)].id
        if day == leaverDay || Int.random(in: 0..<6, using: &random) == 0 {
            await personio.terminate(leaver)
            return day == leaverDay ? leaver : nil
        }
        return nil
    }

    /// Active employees whose 360Learning user is a learner of a department group (office, then
    /// department under "Employees": nothing below it, so a role there was a placement, never
    /// copied up) that is not their placement (as SYNC-RULES §5 walks it). A learner role copied
    /// up to an office stays after a move by design (hrsync did not add it).
    static func misplaced(_ sandbox: Sandbox) async throws -> [String] {
        let saved = try JSONSerialization.jsonObject(with: JSONEncoder().encode(await sandbox.learning360.saved())) as! [String: Any]
        let groups = (saved["groups"] as? [[String: Any]] ?? []).map {
            (id: $0["id"] as! String, name: $0["name"] as! String, parent: $0["parentID"] as? String)
        }
        let top = saved["employeesGroupID"] as! String
        func chain(_ id: String) -> [String] {
            var ids = [id], current = id
            while let parent = groups.first(where: { $0.id == current })?.parent { ids.append(parent); current = parent }
            return ids
        }
        let departments = Set(groups.map(\.id).filter { chain($0).count > 2 && chain($0)[2] == top })
        var found: [String] = []
        for employee in await sandbox.personio.all where employee.status == "active" {
            guard let user = await sandbox.learning360.userByMail(employee.email), user.status != "deleted" else { continue }
            var placement = top
            for name in [employee.office, employee.department] {
                guard let name,
                    let child = groups.first(where: { $0.parent == placement && $0.name.lowercased() == name.trimmingCharacters(in: .whitespaces).lowercased() }
                    )
                else { break }
                placement = child.id
            }
            let learner = Set(await sandbox.learning360.rolesOf(user: user.id).filter { $0.value.contains("learner") }.keys).intersection(departments)
            let stray = learner.subtracting([placement])
            let path = { (id: String) in chain(id).dropLast(2).reversed().compactMap { g in groups.first { $0.id == g }?.name }.joined(separator: "/") }
            if !stray.isEmpty {
                found.append("\(employee.email) placed in \(path(placement)) but learner of \(learner.map(path).sorted())")
            }
        }
        return found
    }

    /// The platform as sorted JSON without the id counter and without the given users' own
    /// entries (profile, values, managers, roles, id mappings): what a revert leaves of a user it
    /// deletes again, and the mappings it keeps by design.
    static func platform(_ saved: Learning360Emulator.Saved, without users: Set<String>) throws -> [String: String] {
        var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(saved)) as! [String: Any]
        object["nextID"] = nil
        object["users"] = (object["users"] as? [[String: Any]] ?? []).filter { !users.contains($0["id"] as? String ?? "") }
        object["mappings"] = (object["mappings"] as? [[String: Any]] ?? []).filter { !users.contains($0["targetID"] as? String ?? "") }
        for key in ["values", "managers"] {
            object[key] = (object[key] as? [String: Any] ?? [:]).filter { !users.contains($0.key) }
        }
        object["roles"] = (object["roles"] as? [String: [String: Any]] ?? [:])
            .mapValues { $0.filter { !users.contains($0.key) && ($0.value as? [Any])?.isEmpty != true } }
            .filter { !$0.value.isEmpty }
        return try object.mapValues {
            String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
        }
    }

    /// The parts of two platforms that differ, both sides (a readable failure).
    static func difference(_ expected: [String: String], _ actual: [String: String]) -> String {
        Set(expected.keys).union(actual.keys).sorted().filter { expected[$0] != actual[$0] }
            .map { "\($0): before \(expected[$0] ?? "-") after \(actual[$0] ?? "-")" }.joined(separator: "\n")
    }
}

extension Learning360Emulator.Saved {
    var userIDs: Set<String> {
        let object = (try? JSONSerialization.jsonObject(with: JSONEncoder().encode(self))) as? [String: Any]
        return Set((object?["users"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
    }
}
