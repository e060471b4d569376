import Foundation
import HRSyncSandbox
import HRSyncStore
import HRSyncTestSupport
import Testing

/// `hrsync-sandbox serve --from-state DIR`, end to end: the production stand-in is a sandbox that
/// hrsync pulls from; the replica is the `hrsync-sandbox` binary seeded from that state directory.
@Suite struct ReplicaTests {
    /// Production's config for the sandbox, `hrsync.yaml` in `scratch`: groups by office only, the
    /// department kept as a custom field; and its runner.
    static func world(_ sandbox: Sandbox, _ scratch: Scratch) async throws -> BinaryRunner {
        let runner = try await EndToEnd.runner(for: sandbox, in: scratch)
        let path = scratch.url.appendingPathComponent("hrsync.yaml")
        let yaml = try String(contentsOf: path, encoding: .utf8)
            .replacingOccurrences(of: "hierarchy: [office, department]", with: "hierarchy: [office]")
            .replacingOccurrences(of: "    - personio: hire_date\n", with: "    - personio: department\n      name: Department\n    - personio: hire_date\n")
        try yaml.write(to: path, atomically: true, encoding: .utf8)
        return runner
    }

    static func sandboxRunner(_ runner: BinaryRunner) -> BinaryRunner {
        var sandbox = runner
        sandbox.program = BinaryRunner.executable.deletingLastPathComponent().appendingPathComponent("hrsync-sandbox")
        return sandbox
    }

    /// Every request either emulated API has answered so far.
    static func requests(_ sandbox: Sandbox) async -> Int {
        await sandbox.personio.requests.values.reduce(0, +) + sandbox.learning360.requests.values.reduce(0, +)
    }

    /// `serve --from-state state` in the background until `body` is done, then stopped as Ctrl-C would.
    static func withReplica<T>(_ runner: BinaryRunner, _ arguments: [String] = [], _ body: () async throws -> T) async throws -> T {
        // `config` waits for the state file: a previous replica's must not stand in for this one's.
        try? FileManager.default.removeItem(at: runner.directory.appendingPathComponent("replica/sandbox.json"))
        let (process, out, err) = try runner.start(["serve", "--from-state", "state", "--state", "replica/sandbox.json", "--rate-limit-scale", "0"] + arguments)
        defer {
            #expect(process.stop(), "the sandbox stops on SIGTERM")
            _ = out.fileHandleForReading.readDataToEndOfFile()
            _ = err.fileHandleForReading.readDataToEndOfFile()
        }
        return try await body()
    }

    /// A plan document's actions, warnings and conflicts.
    static func parts(_ text: String) throws -> NSArray {
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
        return NSArray(array: [plan["actions"] ?? [], plan["warnings"] ?? [], plan["conflicts"] ?? []])
    }

    @Test func aPlanAgainstTheReplicaIsTheOfflinePlanOfProductionAndProductionIsNeverAsked() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 24)
        // Production has users already (with mappings, roles, values, managers) and some to create.
        await sandbox.learning360.seedSynced(from: Array(await sandbox.personio.all.prefix(14)))
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            let production = try await Self.world(sandbox, scratch)
            #expect(try await production.run("pull").status == 0)
            // The change to try: a new hierarchy level.
            let config = try String(contentsOf: scratch.url.appendingPathComponent("hrsync.yaml"), encoding: .utf8)
            let changed = config.replacingOccurrences(of: "hierarchy: [office]", with: "hierarchy: [office, department]")
            try changed.write(to: scratch.url.appendingPathComponent("changed.yaml"), atomically: true, encoding: .utf8)
            let asked = await Self.requests(sandbox)

            let tools = Self.sandboxRunner(production)
            let onReplica = try await Self.withReplica(tools) {
                let written = try await tools.run("config", "--state", "replica/sandbox.json", "--config", "changed.yaml")
                #expect(written.status == 0, "\(written.stderr)")
                #expect(written.stdout.contains("hierarchy:") && written.stdout.contains("- department"), "\(written.stdout)")
                try written.stdout.write(to: scratch.url.appendingPathComponent("replica.yaml"), atomically: true, encoding: .utf8)
                #expect(try await production.run("-c", "replica.yaml", "init").status == 0)
                return try await production.run("-c", "replica.yaml", "--json", "plan")
            }
            #expect(onReplica.status == 0, "\(onReplica.stderr)")
            #expect(await Self.requests(sandbox) == asked, "the replica run asked production nothing")

            let offline = try await production.run("-c", "changed.yaml", "--json", "plan", "--offline")
            #expect(offline.status == 0, "\(offline.stderr)")
            // Production's emails as the replica rewrote them; the longest first, so none is rewritten in part.
            var expected = offline.stdout
            let mails = await sandbox.personio.all.map(\.email) + [Learning360Emulator.adminMail]
            let emails = try Self.key(scratch.url.appendingPathComponent("replica"))
            for mail in mails.sorted(by: { $0.count > $1.count }) { expected = expected.replacingOccurrences(of: mail, with: emails.rewrite(mail)) }
            let replicaParts = try Self.parts(onReplica.stdout), productionParts = try Self.parts(expected)
            #expect(replicaParts.isEqual(productionParts), "replica:\n\(onReplica.stdout)\noffline:\n\(expected)")
            #expect(((replicaParts[0] as? [Any])?.count ?? 0) > 0, "the plan is not empty")
            // The changed level is visible: production's own config plans differently.
            let unchanged = try await production.run("--json", "plan", "--offline")
            #expect(!(try Self.parts(unchanged.stdout)).isEqual(try Self.parts(offline.stdout)))
        }
    }

    @Test func theReplicasFilesArePrivateAndHoldNoSourceEmailUnlessKept() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 10)
        await sandbox.learning360.seedSynced(from: Array(await sandbox.personio.all.prefix(6)))
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            let production = try await Self.world(sandbox, scratch)
            #expect(try await production.run("pull").status == 0)
            let tools = Self.sandboxRunner(production)
            let mails = await sandbox.personio.all.map(\.email) + [Learning360Emulator.adminMail]
            let file = scratch.url.appendingPathComponent("replica/sandbox.json").path
            for keep in [false, true] {
                try await Self.withReplica(tools, keep ? ["--keep-emails"] : []) {
                    let config = try await tools.run("config", "--state", "replica/sandbox.json", "--config", "hrsync.yaml")
                    #expect(config.status == 0, "\(config.stderr)")
                }
                let text = try String(contentsOfFile: file, encoding: .utf8)
                let found = mails.filter { text.contains($0) }
                #expect(keep ? found.count == mails.count : found.isEmpty, "keep-emails \(keep): \(found)")
                #expect(text.contains("@example.invalid") != keep)
                let fileMode = try #require(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
                let folderMode = try #require(
                    try FileManager.default.attributesOfItem(atPath: scratch.url.appendingPathComponent("replica").path)[.posixPermissions] as? Int)
                #expect(fileMode == 0o600 && folderMode == 0o700, "\(String(fileMode, radix: 8)) \(String(folderMode, radix: 8))")
            }
            // Restarted without --from-state, a replica says it is one, with its own people and admin.
            let (process, out, err) = try tools.start(["serve", "--state", "replica/sandbox.json", "--rate-limit-scale", "0"])
            var banner = ""
            while !banner.contains("State file") {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                banner += String(decoding: chunk, as: UTF8.self)
            }
            #expect(process.stop(), "the sandbox stops on SIGTERM")
            _ = err.fileHandleForReading.readDataToEndOfFile()
            #expect(banner.contains("a replica of state (10 employees"), "\(banner)")
            #expect(banner.contains("admin as in the snapshot") && !banner.contains(Learning360Emulator.adminMail), "\(banner)")
        }
    }

    /// The email key a replica in `folder` rewrote with.
    static func key(_ folder: URL) throws -> ReplicaEmail {
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasPrefix("email-key-") })
        return try ReplicaEmail.load(folder.appendingPathComponent(name).path)
    }

    @Test func aRewrittenEmailIsStablePerAddressAsMatchingComparesItAndKeyed() throws {
        let emails = ReplicaEmail(key: Data(repeating: 7, count: 32), keyFile: "k")
        #expect(emails.rewrite("Ada.Lovelace@Acme.example ") == emails.rewrite("ada.lovelace@acme.example"))
        #expect(emails.rewrite("ada@acme.example") != emails.rewrite("bob@acme.example"))
        #expect(emails.rewrite("ada@acme.example").hasSuffix("@example.invalid"))
        #expect(!emails.rewrite("ada@acme.example").contains("ada"))
        // Without the key, hashing a guessed address confirms nothing.
        #expect(ReplicaEmail(key: Data(repeating: 8, count: 32), keyFile: "k").rewrite("ada@acme.example") != emails.rewrite("ada@acme.example"))
        #expect(!emails.rewrite("ada@acme.example").contains(ObjectID.sha256(of: Data("ada@acme.example".utf8)).hex.prefix(20)))
        // One random key per source, made once in the replica's folder (0600), the same on every restart.
        let scratch = try Scratch()
        let first = try ReplicaEmail.key(in: scratch.url.path, source: "/srv/hrsync/state")
        let again = try ReplicaEmail.key(in: scratch.url.path, source: "/srv/hrsync/state")
        let other = try ReplicaEmail.key(in: scratch.url.path, source: "/srv/other/state")
        #expect(first.rewrite("ada@acme.example") == again.rewrite("ada@acme.example"))
        #expect(first.rewrite("ada@acme.example") != other.rewrite("ada@acme.example"))
        let mode = try FileManager.default.attributesOfItem(atPath: scratch.url.appendingPathComponent(first.keyFile).path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    /// Production syncs `email` into a custom field and filters one address out; the replica must
    /// hold neither address, and its config's filter must name the rewritten one.
    @Test func aSourceEmailIsRewrittenWhereverItStandsWithAKeyKeptBesideTheReplica() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 10)
        await sandbox.learning360.seedSynced(from: Array(await sandbox.personio.all.prefix(6)))
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            let production = try await Self.world(sandbox, scratch)
            let people = await sandbox.personio.all
            let config = scratch.url.appendingPathComponent("hrsync.yaml")
            let yaml = try String(contentsOf: config, encoding: .utf8)
                .replacingOccurrences(of: "    - personio: hire_date\n", with: "    - personio: email\n      name: Work email\n    - personio: hire_date\n")
            let filtered = people[8].email
            try (yaml + "\n  filters:\n    - { attribute: email, not_in: [\"\(filtered.uppercased())\"] }\n").write(
                to: config, atomically: true, encoding: .utf8)
            let applied = try await production.run("apply", "--auto-approve")
            #expect(applied.status == 0, "\(applied.stderr)")
            #expect(try await production.run("pull").status == 0)

            // A folder whose name YAML would misread unquoted: a comment, a colon, quotes.
            let folder = scratch.url.appendingPathComponent("re #p: \"q'")
            let stateFile = "re #p: \"q'/sandbox.json"
            let tools = Self.sandboxRunner(production)
            func replicaPlan() async throws -> (plan: BinaryRunner.Result, config: String) {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent("sandbox.json"))
                let (process, out, err) = try tools.start(["serve", "--from-state", "state", "--state", stateFile, "--rate-limit-scale", "0"])
                defer {
                    #expect(process.stop(), "the sandbox stops on SIGTERM")
                    _ = out.fileHandleForReading.readDataToEndOfFile()
                    _ = err.fileHandleForReading.readDataToEndOfFile()
                }
                let written = try await tools.run("config", "--state", stateFile, "--config", "hrsync.yaml")
                #expect(written.status == 0, "\(written.stderr)")
                try written.stdout.write(to: scratch.url.appendingPathComponent("replica.yaml"), atomically: true, encoding: .utf8)
                let initialised = try await production.run("-c", "replica.yaml", "init")
                #expect(initialised.status == 0, "\(initialised.stderr)")
                return (try await production.run("-c", "replica.yaml", "--json", "plan"), written.stdout)
            }
            let (onReplica, replicaConfig) = try await replicaPlan()
            #expect(onReplica.status == 0, "\(onReplica.stderr)")
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("state").path), "state.dir read back as written")

            let emails = try Self.key(folder)
            let mails = people.map(\.email) + [Learning360Emulator.adminMail]
            let text = try String(contentsOf: folder.appendingPathComponent("sandbox.json"), encoding: .utf8).lowercased()
            #expect(mails.filter { text.contains($0.lowercased()) }.isEmpty, "no source email in the replica's file")
            #expect(text.contains(emails.rewrite(people[0].email)), "custom values rewritten, not dropped")
            #expect(!replicaConfig.lowercased().contains(filtered.lowercased()), "\(replicaConfig)")
            #expect(replicaConfig.contains(emails.rewrite(filtered)), "\(replicaConfig)")
            // The key lives with the replica, never in production's state directory.
            let keyMode = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(emails.keyFile).path)[.posixPermissions] as? Int
            #expect(keyMode == 0o600)
            let stateFiles = try FileManager.default.subpathsOfDirectory(atPath: scratch.url.appendingPathComponent("state").path)
            #expect(!stateFiles.contains { $0.contains("email-key") })

            // The replica plans as production does offline, modulo the rewrite (the filter still holds).
            let offline = try await production.run("--json", "plan", "--offline")
            var expected = offline.stdout
            for mail in mails.sorted(by: { $0.count > $1.count }) { expected = expected.replacingOccurrences(of: mail, with: emails.rewrite(mail)) }
            #expect(try Self.parts(onReplica.stdout).isEqual(try Self.parts(expected)), "replica:\n\(onReplica.stdout)\noffline:\n\(expected)")
            // A restart from the same source rewrites with the same key: the same plan.
            let again = try await replicaPlan().plan
            #expect(try Self.parts(again.stdout).isEqual(try Self.parts(onReplica.stdout)), "\(again.stdout)")
        }
    }

    @Test func aPartialOrStaleSourceIsRefused() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 6)
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            let production = try await Self.world(sandbox, scratch)
            #expect(try await production.run("pull").status == 0)
            let tools = Self.sandboxRunner(production)
            // Stale: older than --max-age (here about a second), unless --force.
            try await Task.sleep(for: .seconds(1))
            let stale = try await tools.run("serve", "--from-state", "state", "--state", "replica/sandbox.json", "--max-age", "0.00001")
            #expect(stale.status != 0 && stale.stderr.contains("--max-age"), "\(stale.stderr)")
            #expect(
                try await Self.withReplica(tools, ["--max-age", "0.00001", "--force"]) {
                    try await tools.run("config", "--state", "replica/sandbox.json", "--config", "hrsync.yaml").status
                } == 0)
            // A state file inside the source state directory would overwrite production's files.
            let ref = scratch.url.appendingPathComponent("state/refs/personio")
            let before = try Data(contentsOf: ref)
            // Started, not run: a serve that accepted the path would never end.
            let started = try tools.start(["serve", "--from-state", "state", "--state", "state/refs/personio", "--force", "--rate-limit-scale", "0"])
            for _ in 0..<200 where started.0.isRunning { try await Task.sleep(for: .milliseconds(50)) }
            if started.0.isRunning { started.0.terminate() }
            let inside = tools.finish(started)
            #expect(inside.status != 0 && inside.stderr.contains("inside the state directory"), "\(inside.stderr)")
            #expect(try Data(contentsOf: ref) == before)
            // Partial: a targeted run's snapshot (refs never name one; a damaged or hand-edited directory might).
            let email = try #require(await sandbox.personio.all.first?.email)
            #expect(try await production.run("plan", "--person", email).status == 0)
            let state = try StateDirectory.open(at: scratch.url.appendingPathComponent("state").path)
            let partial = try #require(try state.history().entries(.pull).last?.writes.first?.readable)
            try state.refs.set(Refs.personio, to: partial)
            let refused = try await tools.run("serve", "--from-state", "state", "--state", "replica/sandbox.json")
            #expect(refused.status != 0 && refused.stderr.contains("partial"), "\(refused.stderr)")
            // A state file in a directory others may read (here the scratch folder itself) is refused too.
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scratch.url.path)
            let open = try await tools.run("serve", "--from-state", "state", "--state", "sandbox.json", "--force")
            #expect(open.status != 0 && open.stderr.contains("open to other users"), "\(open.stderr)")
        }
    }
}
