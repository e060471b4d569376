import Foundation
import HRSyncCore
import HRSyncSandbox
import HRSyncTestSupport
import Testing

@testable import HRSyncStore

/// `hrsync pull` and `hrsync diff`, the real binary against the sandbox.
@Suite struct PullAndDiffTests {
    @Test func aChangeBetweenTwoPullsIsExactlyWhatDiffShows() async throws {
        var settings = Sandbox.Settings()
        settings.personio.employees = 120
        settings.personio.rateLimitScale = 0
        let sandbox = try await Sandbox.start(settings)
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            let runner = try await EndToEnd.configure(scratch, personio: sandbox.personioURL)

            let first = try await runner.run("pull", "--only", "personio")
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.hasPrefix("personio: 120 employees, snapshot "))
            #expect(first.stdout.contains("first snapshot"))

            let people = await sandbox.personio.all
            let edited = people[3], leaver = people.first { $0.status == "active" && $0.id != edited.id }!
            await sandbox.personio.edit(edited.id) { $0.position = "Chief \u{1B}[31mEscaper" }
            await sandbox.personio.terminate(leaver.id)
            let hired = await sandbox.personio.hire {
                $0.firstName = "Zoë"; $0.lastName = "Neu"; $0.email = "zoe.neu@acme.example"
            }

            let second = try await runner.run("pull", "--only", "personio")
            #expect(second.status == 0, "\(second.stderr)")
            #expect(second.stdout.contains("(1 hired, 1 changed, 1 terminated, 0 left the payload)"))

            let json = try await runner.run("diff", "--json")
            let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
            let changes = document["changes"] as! [[String: Any]]
            #expect(changes.map { $0["id"] as! Int }.sorted() == [edited.id, leaver.id, hired.id].sorted())
            let edit = changes.first { $0["id"] as! Int == edited.id }!
            #expect(edit["kind"] as? String == "changed")
            let fields = edit["fields"] as! [[String: Any]]
            #expect(fields.count == 1)
            #expect(fields[0]["attribute"] as? String == "position")
            #expect(fields[0]["old"] as? String == edited.position)
            #expect(fields[0]["new"] as? String == "Chief \u{1B}[31mEscaper")
            let termination = changes.first { $0["id"] as! Int == leaver.id }!
            #expect(termination["kind"] as? String == "terminated")
            #expect((termination["fields"] as! [[String: Any]]).contains { $0["attribute"] as? String == "status" && $0["new"] as? String == "inactive" })

            let human = try await runner.run("diff")
            #expect(human.stdout.contains("position: \"\(edited.position)\" → \"Chief \\u{1b}[31mEscaper\""), "escaped: \(human.stdout)")
            #expect(!human.stdout.contains("\u{1B}[31m"), "no raw control characters from Personio data")
            #expect(try await runner.run("diff", "--name-only", "zoe.neu@acme.example").stdout.contains("#\(hired.id) Zoë Neu"))
            #expect(try await runner.run("diff", "--stat").stdout.hasPrefix("1 hired, 1 changed, 1 terminated, 0 left the payload"))
            #expect(try await runner.run("diff", "personio~1", "personio", "--", String(edited.id)).stdout.contains("position"))
            // PERSON as the views print it (#id), or an email with capitals and spaces: the same people as the id.
            let byHash = try await runner.run("diff", "--name-only", "#\(edited.id)", " ZOE.Neu@acme.example ")
            #expect(
                byHash.stdout.contains("#\(edited.id) ") && byHash.stdout.contains("#\(hired.id) Zoë Neu") && !byHash.stdout.contains("#\(leaver.id) "),
                "\(byHash.stdout)\(byHash.stderr)")
            // show of a pull names who changed, not only how many.
            let shown = try await runner.run("show", "personio", "--no-color")
            #expect(shown.stdout.contains("+ #\(hired.id) Zoë Neu <zoe.neu@acme.example>"), "\(shown.stdout.prefix(800))")
            // A person in neither snapshot is said to be unknown, not "no differences".
            let unknown = try await runner.run("diff", "nobody@acme.example")
            #expect(unknown.status == 1 && unknown.stderr.contains("unknown person 'nobody@acme.example'"), "\(unknown.stderr)")
            // --json follows --name-only and --stat.
            let names = try JSONSerialization.jsonObject(with: Data(try await runner.run("diff", "--json", "--name-only").stdout.utf8)) as! [String: Any]
            #expect((names["changes"] as? [[String: Any]])?.allSatisfy { $0["fields"] == nil && $0["name"] != nil } == true)
            let stats = try JSONSerialization.jsonObject(with: Data(try await runner.run("diff", "--json", "--stat").stdout.utf8)) as! [String: Any]
            #expect(stats["changes"] == nil && (stats["field_counts"] as? [String: Int])?["position"] == 1)

            let log = try await runner.run("log", "--person", String(edited.id))
            #expect(log.stdout.contains("1 hired, 1 changed, 1 terminated"))
        }
    }

    @Test func theShrinkGuardKeepsThePreviousSnapshotUnlessForced() async throws {
        var settings = Sandbox.Settings()
        settings.personio.employees = 100
        settings.personio.rateLimitScale = 0
        let sandbox = try await Sandbox.start(settings)
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            let runner = try await EndToEnd.configure(scratch, personio: sandbox.personioURL)
            #expect(try await runner.run("pull", "--only", "personio").status == 0)
            let state = try StateDirectory.open(at: scratch.url.appendingPathComponent("state").path)
            let before = try state.refs.get(Refs.personio)

            await sandbox.personio.remove((await sandbox.personio.all).prefix(25).map(\.id))
            let refused = try await runner.run("pull", "--only", "personio")
            #expect(refused.status == 3)
            #expect(
                refused.stderr.contains("Personio returned 75 employees, 25.0% fewer than the previous snapshot's 100 (sync.max_shrink is 20%)"),
                "\(refused.stderr)")
            #expect(try state.refs.get(Refs.personio) == before, "the previous ref is kept")

            let forced = try await runner.run("pull", "--only", "personio", "--force")
            #expect(forced.status == 0)
            #expect(forced.stdout.contains("25 left the payload"))
            #expect(try state.refs.get(Refs.personio) != before)
        }
    }

    @Test func bothSidesArePulledWithWhatPlansNeed() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 60)
        try await EndToEnd.stopping(sandbox) {
            let people = await sandbox.personio.all
            await sandbox.learning360.seedSynced(from: people)
            await sandbox.learning360.addUser(mail: "only-in-360@acme.example", firstName: "Solo")
            let wanted = people.filter { ["active", "onboarding", "leave"].contains($0.status) }
            let scratch = try Scratch()
            let employeesGroup = await sandbox.learning360.employeesGroupID
            let runner = try await EndToEnd.configure(scratch, personio: sandbox.personioURL, learning360: sandbox.learning360URL, group: employeesGroup)

            let first = try await runner.run("pull")
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("360learning: \(wanted.count + 2) users (\(wanted.count) read in detail)"), "\(first.stdout)")

            let state = try StateDirectory.open(at: scratch.url.appendingPathComponent("state").path)
            let lms = try LMSSnapshotRecords.decode(try state.snapshots.read(try #require(try state.refs.get(Refs.learning360))).records)
            #expect(lms.admin?.rootRoles == ["owner"])
            #expect(lms.mappings.count == wanted.count)
            #expect(lms.fields.values.map(\.name).sorted() == ["Cost center", "Department", "Hire date"])
            let solo = try #require(lms.users.values.first { $0.mail == "only-in-360@acme.example" })
            #expect(solo.managers == nil && solo.customValues == nil, "a 360-only user is not read in detail")
            let someone = try #require(lms.users.values.first { $0.mail == wanted[5].email })
            #expect(someone.customValues?.count == 3)
            #expect(someone.managers != nil)
            #expect(lms.memberships.values.contains { $0.userID == someone.id && $0.roles == ["learner"] })
            #expect(
                Set(lms.memberships.values.map(\.groupID)).isSubset(of: Set(GroupTree(lms.groups).subtree(of: employeesGroup))),
                "only the synced subtree's roles are read")
            let root = try #require(GroupTree(lms.groups).root)
            #expect(!lms.memberships.values.contains { $0.groupID == root.id }, "the root group's roles are not read")

            let second = try await runner.run("pull")
            #expect(second.stdout.contains("snapshot ") && second.stdout.contains("(no change)"), "\(second.stdout)")
            #expect(!second.stdout.contains("records"), "users, roles and values, not records: \(second.stdout)")
        }
    }

    @Test func anAttributeTheCredentialCannotReadIsReportedOnce() async throws {
        var settings = Sandbox.Settings()
        settings.personio.employees = 30
        settings.personio.rateLimitScale = 0
        settings.personio.hiddenAttributes = ["dynamic_1234567"]
        let sandbox = try await Sandbox.start(settings)
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            let runner = try await EndToEnd.configure(scratch, personio: sandbox.personioURL)
            let pull = try await runner.run("pull", "--only", "personio")
            #expect(pull.status == 0)
            #expect(pull.stderr.components(separatedBy: "attribute 'dynamic_1234567' is not in Personio's answer").count == 2, "\(pull.stderr)")
        }
    }

    @Test func secretsNeverReachTheStateDirectory() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 10)
        try await EndToEnd.stopping(sandbox) {
            await sandbox.learning360.seedSynced(from: await sandbox.personio.all)
            let scratch = try Scratch()
            let runner = try await EndToEnd.runner(for: sandbox, in: scratch)
            await sandbox.personio.hire { $0.email = "another.one@acme.example" }
            #expect(try await runner.run("pull").status == 0)
            let applied = try await runner.run("apply", "--auto-approve")
            #expect(applied.status == 0, "\(applied.stderr)")
            #expect(applied.stdout.contains("Apply "), "an apply record is in the store too")
            let statePath = scratch.url.appendingPathComponent("state").path
            for file in FileManager.default.enumerator(atPath: statePath)!.compactMap({ $0 as? String }) {
                var isDirectory: ObjCBool = false
                let path = "\(statePath)/\(file)"
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                let raw = try Data(contentsOf: URL(fileURLWithPath: path))
                let text = String(decoding: file.hasPrefix("objects/") ? try Self.inflate(raw) : raw, as: UTF8.self)
                #expect(!file.hasPrefix("objects/") || !text.isEmpty, "\(file) inflated")
                #expect(!text.contains(PersonioEmulator.clientSecret), "\(file)")
                #expect(!text.contains(Learning360Emulator.clientSecret), "\(file)")
                #expect(!text.contains("sbx."), "no 360Learning token in \(file)")
                #expect(!text.contains("papi-"), "no token in \(file)")
            }
        }
    }

    struct InflateFailed: Error {}

    /// Inflates an object file with the system's zlib through Python (independent of the store's
    /// code), given the preset dictionary objects name; throws when Python cannot.
    static func inflate(_ data: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let dictionary = Data(ObjectDictionary.version1).base64EncodedString()
        process.arguments = [
            "python3", "-c",
            "import sys,zlib,base64; z=zlib.decompressobj(zdict=base64.b64decode(sys.argv[1])); "
                + "sys.stdout.buffer.write(z.decompress(sys.stdin.buffer.read())+z.flush())", dictionary
        ]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(data)
        try input.fileHandleForWriting.close()
        let result = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw InflateFailed() }
        return result
    }
}

/// The debug build's rate-limit scale (a test hook) takes only a factor of 1 or more: 0, a
/// negative or a non-number is ignored instead of dividing by zero (it trapped before).
@Suite struct RateLimitScaleHookTests {
    @Test(arguments: ["0", "-5", "nan"])
    func aScaleBelowOneIsIgnored(scale: String) async throws {
        try await EndToEnd.run(Sandbox.unthrottled(employees: 3)) { sandbox, scratch, runner in
            var runner = runner
            runner.environment["HRSYNC_TEST_RATE_LIMIT_SCALE"] = scale
            let pull = try await runner.run("pull", "--only", "personio")
            #expect(pull.status == 0, "\(pull.stderr)")
        }
    }
}
