import Foundation
import HRSyncSandbox
import HRSyncSpecSupport
import HRSyncTestSupport
import Testing

/// `hrsync discover` and `hrsync check`, the real binary against the sandbox: the set-up workshop
/// from a config with only the two connections, to a checked config that an apply converges with.
@Suite struct DiscoverCheckTests {
    /// A sandbox whose 360Learning has no "Remote" office group: those people stay at the top.
    static func sandbox() async throws -> Sandbox {
        var settings = Sandbox.Settings()
        settings.personio.employees = 60
        settings.personio.rateLimitScale = 0
        settings.learning360.rateLimitScale = 0
        settings.learning360.offices = ["Berlin", "München", "Paris", "Madrid"]
        return try await Sandbox.start(settings)
    }

    /// A scratch folder with `connections.yaml` (only `personio:` and `learning360:`) and a runner.
    static func runner(_ sandbox: Sandbox, _ scratch: Scratch) throws -> BinaryRunner {
        let yaml = """
            personio:
              base_url: \(sandbox.personioURL.absoluteString)
              app_id: HRSYNC_E2E
            learning360:
              base_url: \(sandbox.learning360URL.absoluteString)
            """
        try yaml.write(to: scratch.url.appendingPathComponent("connections.yaml"), atomically: true, encoding: .utf8)
        var runner = BinaryRunner(in: scratch)
        runner.environment = Sandbox.credentialsEnvironment
        runner.environment["HRSYNC_TEST_RATE_LIMIT_SCALE"] = "100"
        return runner
    }

    /// Every request either emulator saw was a read (or a token request).
    static func onlyReads(_ sandbox: Sandbox) async -> Bool {
        let lms = await sandbox.learning360.requests.keys.filter { !$0.hasPrefix("GET ") && $0 != "POST /api/v2/oauth2/token" }
        let personio = await sandbox.personio.requests.keys.filter { !$0.hasPrefix("GET ") && $0 != "POST /v1/auth" }
        let writes = await sandbox.learning360.writesReceived
        return lms.isEmpty && personio.isEmpty && writes == 0
    }

    @Test func discoverPrintsTablesAndAPreviewThatCountsPeopleWithoutAGroupAtTheTop() async throws {
        let sandbox = try await Self.sandbox()
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            let runner = try Self.runner(sandbox, scratch)
            let wanted = await sandbox.personio.all.filter { ["active", "onboarding", "leave"].contains($0.status) }
            let remote = wanted.filter { $0.office == "Remote" }.count
            let noOffice = wanted.filter { $0.office == nil }.count
            #expect(remote > 0)

            let text = try await runner.run("-c", "connections.yaml", "discover", "--group", "Employees", "--hierarchy", "office,department")
            #expect(text.status == 0, "\(text.stderr)")
            for expected in ["KEY", "Standort", "Eintrittsdatum", "personal: counts only", "Employees › Berlin", "lms-admin@acme.example", "NO GROUP"] {
                #expect(text.stdout.contains(expected), "missing \(expected)")
            }
            #expect(text.stdout.contains("Remote (under the top group)"), "\(text.stdout)")
            let atTop = remote + noOffice
            #expect(text.stdout.contains("\(atTop) \(atTop == 1 ? "person" : "people") would stay in Employees itself"), "\(text.stdout)")

            let personioBefore = await sandbox.personio.requests, lmsBefore = await sandbox.learning360.requests
            let json = try await runner.run("-c", "connections.yaml", "--json", "discover", "--group", "Employees", "--hierarchy", "office,department")
            // The bound of #26: employee pages (1) + group, field and admin pages (1 + 1 + root roles 1 + the owner 1) + 2.
            let personioReads = (await sandbox.personio.requests).filter { $0.key.hasPrefix("GET ") }.map { $0.value - (personioBefore[$0.key] ?? 0) }
            let lmsReads = (await sandbox.learning360.requests).filter { $0.key.hasPrefix("GET ") }.map { $0.value - (lmsBefore[$0.key] ?? 0) }
            let reads: Int = personioReads.reduce(0, +) + lmsReads.reduce(0, +)
            let bound = 1 + 4 + 2
            #expect(reads <= bound)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let hierarchy = try #require(document["hierarchy"] as? [String: Any])
            #expect((hierarchy["people_at_depth"] as? [Int])?.first == remote + noOffice)
            let office = try #require((hierarchy["levels"] as? [[String: Any]])?.first)
            let unmatched = office["unmatched"] as? [[String: Any]] ?? []
            #expect(unmatched.count == 1 && unmatched.first?["value"] as? String == "Remote" && unmatched.first?["people"] as? Int == remote)
            let attributes = (document["personio"] as? [String: Any])?["attributes"] as? [[String: Any]] ?? []
            let email = try #require(attributes.first { $0["key"] as? String == "email" })
            #expect(email["top_values"] == nil, "personal attributes are counted, never sampled")

            // Read-only, bounded, and nothing stored (it may run before init).
            #expect(await Self.onlyReads(sandbox))
            #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent(".hrsync").path))
            let lmsRoutes = await sandbox.learning360.requests
            #expect(
                lmsRoutes.keys.allSatisfy {
                    [
                        "GET /api/v2/groups", "GET /api/v2/custom-fields", "GET /api/v2/groups/{groupId}/roles", "GET /api/v2/users/{userId}",
                        "POST /api/v2/oauth2/token"
                    ].contains($0)
                }, "\(lmsRoutes)")
            #expect(await sandbox.personio.requests["GET /v1/company/employees"] == 2, "one page of 60 employees per run")
        }
    }

    @Test func aWrittenConfigPassesCheckAndApplyConvergesWithItUnedited() async throws {
        let sandbox = try await Self.sandbox()
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            let runner = try Self.runner(sandbox, scratch)
            let write = try await runner.run(
                "-c", "connections.yaml", "discover", "--group", "Employees", "--hierarchy", "office,department", "--write-config", "hrsync.yaml",
                "--custom-field", "hire_date=Hire date", "--custom-field", "dynamic_1234567=Cost center", "--admin", "LMS-admin@acme.example")
            #expect(write.status == 0, "\(write.stderr)")
            let path = scratch.url.appendingPathComponent("hrsync.yaml")
            let written = try Data(contentsOf: path)
            let text = String(decoding: written, as: UTF8.self)
            #expect(text.contains("value has no group: Remote"))
            #expect(!text.contains(PersonioEmulator.clientSecret) && !text.contains(Learning360Emulator.clientSecret), "never a secret")
            let again = try await runner.run("-c", "connections.yaml", "discover", "--write-config", "hrsync.yaml", "--admin", "lms-admin@acme.example")
            #expect(again.status == 1 && again.stderr.contains("--force"))

            #expect(try await runner.run("init").status == 0)
            let stateFolder = scratch.url.appendingPathComponent(".hrsync").path
            let stateBefore = FileManager.default.subpaths(atPath: stateFolder)?.sorted()
            let check = try await runner.run("check", "--no-color")
            #expect(FileManager.default.subpaths(atPath: stateFolder)?.sorted() == stateBefore, "check stores nothing")
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
            #expect(check.stdout.contains("All checks passed.") && check.stdout.contains("needed, not verified"))
            #expect(check.stdout.contains("to create, 0 matched by email"))
            #expect(await Self.onlyReads(sandbox))

            let apply = try await runner.run("apply", "--auto-approve")
            #expect(apply.status == 0, "\(apply.stderr)")
            let second = try await runner.run("apply", "--auto-approve")
            #expect(second.stdout.contains("No changes."), "\(second.stdout)")
            #expect(try Data(contentsOf: path) == written, "the written file was used as written")
        }
    }

    @Test func checkFailsNamingTheItemAndWritesNothing() async throws {
        let sandbox = try await Self.sandbox()
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            var runner = try Self.runner(sandbox, scratch)
            let write = try await runner.run(
                "-c", "connections.yaml", "discover", "--group", "Employees", "--hierarchy", "office,department", "--write-config", "hrsync.yaml",
                "--custom-field", "dynamic_1234567=Cost center", "--admin", "lms-admin@acme.example")
            #expect(write.status == 0, "\(write.stderr)")
            #expect(try await runner.run("init").status == 0)
            let path = scratch.url.appendingPathComponent("hrsync.yaml")
            let good = try String(contentsOf: path, encoding: .utf8)
            let groupID = await sandbox.learning360.employeesGroupID

            func failing(_ item: String, _ detail: String) async throws {
                let check = try await runner.run("check", "--no-color")
                #expect(check.status == 1, "\(check.stdout)")
                let line = check.stdout.split(separator: "\n").first { $0.hasPrefix("FAIL \(item)") }
                #expect(line?.contains(detail) == true, "\(item): \(check.stdout)")
            }

            try good.replacingOccurrences(of: groupID, with: "64f1a2b3c4d5e6f7a8b9c0d1").write(to: path, atomically: true, encoding: .utf8)
            try await failing("sync.groups[0]", "does not exist")

            try good.write(to: path, atomically: true, encoding: .utf8)
            await sandbox.personio.setHiddenAttributes(["dynamic_1234567"], stillListed: true)
            try await failing("sync.custom_fields[0] dynamic_1234567", "hidden attribute")
            await sandbox.personio.setHiddenAttributes([])

            _ = await sandbox.learning360.addUser(mail: "learner@acme.example")
            try good.replacingOccurrences(of: "admin_email: lms-admin@acme.example", with: "admin_email: learner@acme.example")
                .write(to: path, atomically: true, encoding: .utf8)
            try await failing("admin_email", "not an admin or owner")

            try good.write(to: path, atomically: true, encoding: .utf8)
            runner.environment["PERSONIO_CLIENT_SECRET"] = "wrong"
            try await failing("personio credential", "Personio refused the credentials")
            #expect(await Self.onlyReads(sandbox))
        }
    }

    @Test func badInputIsOneClearLine() async throws {
        let sandbox = try await Self.sandbox()
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            var runner = try Self.runner(sandbox, scratch)
            #expect(try await runner.run("-c", "connections.yaml", "discover", "--hierarchy", "office").stderr.contains("--hierarchy needs --group"))
            let cases: [([String], String)] = [
                (["--group", "Employes"], "did you mean 'Employees'"),
                (["--group", "Employees", "--hierarchy", "offfice"], "--hierarchy: Personio has no attribute 'offfice'"),
                (["--write-config", "draft.yaml", "--admin", "nobody@acme.example"], "--admin nobody@acme.example is not an active admin or owner")
            ]
            for (arguments, expected) in cases {
                let result = try await runner.run(["-c", "connections.yaml", "discover"] + arguments)
                #expect(result.status != 0)
                let lines = result.stderr.split(separator: "\n").filter { !$0.isEmpty }
                #expect(lines.count == 1, "\(result.stderr)")
                #expect(result.stderr.contains(expected), "\(result.stderr)")
            }
            // A vendor answer cut short: one line naming the endpoint.
            await sandbox.learning360.faults.inject(.malformedBody, times: 1, pathPrefix: "/api/v2/groups")
            let cut = try await runner.run("-c", "connections.yaml", "discover")
            #expect(cut.status == 1 && cut.stderr.split(separator: "\n").count == 1 && cut.stderr.contains("/api/v2/groups"), "\(cut.stderr)")
            runner.environment["L360_CLIENT_SECRET"] = "wrong"
            let refused = try await runner.run("-c", "connections.yaml", "discover")
            #expect(refused.status == 1 && refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("draft.yaml").path))
            #expect(await Self.onlyReads(sandbox))
        }
    }
}

/// `discover --json` against docs/discover.schema.json.
@Suite struct DiscoverSchemaTests {
    @Test func theJSONDocumentFollowsItsSchema() async throws {
        let sandbox = try await DiscoverCheckTests.sandbox()
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            let runner = try DiscoverCheckTests.runner(sandbox, scratch)
            await sandbox.personio.setHiddenAttributes(["team"], stillListed: true)
            let json = try await runner.run("-c", "connections.yaml", "--json", "discover", "--group", "Employees", "--hierarchy", "office,department")
            #expect(json.status == 0, "\(json.stderr)")
            let spec = try OpenAPISpec(path: BinaryRunner.packageRoot.appendingPathComponent("docs/discover.schema.json").path)
            let value = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8))
            #expect(SchemaValidator(spec: spec).validate(value, spec.root) == [])
            let broken = try JSONSerialization.jsonObject(with: Data(#"{"personio": {}, "learning360": {}}"#.utf8))
            #expect(!SchemaValidator(spec: spec).validate(broken, spec.root).isEmpty, "the validator sees a wrong document")
            #expect(json.stdout.contains(#""hidden_by_whitelist" : true"#))
            let text = try await runner.run("-c", "connections.yaml", "discover")
            let team = text.stdout.split(separator: "\n").first { $0.hasPrefix("  team ") }
            #expect(team?.contains("HIDDEN") == true, "\(text.stdout)")
        }
    }
}
