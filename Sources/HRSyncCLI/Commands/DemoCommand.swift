import HRSyncEngine
import ArgumentParser
import Foundation
import HRSyncCore
import HRSyncSandbox
import HRSyncStore
import Learning360
import Personio

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole flow against the bundled sandbox in a temporary directory.",
        discussion: """
            Starts the emulated Personio and 360Learning APIs in-process, writes a config, pulls both, plans and applies \
            the initial sync, makes HR changes (a hire, an edit, a department move, a termination), pulls, diffs, plans \
            and applies again, and shows the log. \
            No credentials needed; nothing leaves this machine.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Employees in the synthetic company.")
    var employees = 50

    @Option(help: ArgumentHelp("Keep the demo's config and state in this folder (default: a temporary one, removed).", valueName: "dir"))
    var dir: String?

    func validate() throws {
        if employees < 5 { throw ValidationError("--employees must be at least 5") }
    }

    func run() async throws {
        let console = Console(global)
        let folder = dir ?? NSTemporaryDirectory() + "hrsync-demo-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if dir == nil { try? FileManager.default.removeItem(atPath: folder) } }

        var settings = Sandbox.Settings()
        settings.personio.employees = employees
        settings.personio.rateLimitScale = 20   // the real limits' shape, twenty times faster
        settings.learning360.rateLimitScale = 20
        let sandbox = try await Sandbox.start(settings)
        let demo = DemoRun(folder: folder, sandbox: sandbox, console: console)
        do {
            try await demo.run()
        } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
        if dir != nil { console.out("\nThe demo's config and state are in \(folder): try 'hrsync -c \(folder)/hrsync.yaml log'.") }
    }
}

/// The steps of `hrsync demo`, printing what an admin would see.
struct DemoRun {
    let folder: String
    let sandbox: Sandbox
    let console: Console

    func step(_ title: String) {
        console.out("\n" + console.paint("== \(title)", "1"))
    }

    func run() async throws {
        step("Sandbox: Personio on \(sandbox.personioURL.absoluteString), 360Learning on \(sandbox.learning360URL.absoluteString); config and state in \(folder)")
        let configPath = "\(folder)/hrsync.yaml"
        try PrivateFile.write(Data(SandboxConfig.yaml(personio: sandbox.personioURL, learning360: sandbox.learning360URL,
                                                      group: await sandbox.learning360.employeesGroupID, writer: "hrsync demo").utf8), to: configPath)
        let file = try ConfigFile.read(configPath)
        let (config, configBytes) = (file.config, file.bytes)
        let state = try StateDirectory.create(at: Workspace.resolve(config.state.dir, relativeTo: configPath))
        let clients = Clients(secrets: SecretReader(environment: Sandbox.credentialsEnvironment))
        defer { Task { await clients.shutdown() } }
        let client = try clients.personio(config, rateLimitScale: 20)
        let lms = try clients.learning360(config, rateLimitScale: 20)

        step("hrsync pull: the first snapshots of both sides")
        try await pullBoth(config: config, state: state, client: client, lms: lms)

        step("hrsync plan: what 360Learning needs (the start of it)")
        let initial = try showPlan(config: config, configBytes: configBytes, state: state, limit: 24)

        step("hrsync apply --auto-approve")
        try await apply(initial, config: config, configBytes: configBytes, state: state, lms: lms)

        step("Meanwhile in Personio: a hire, an edit, a department move, a termination")
        let people = await sandbox.personio.all.filter { $0.status == "active" }
        let hired = await sandbox.personio.hire(supervisorID: people[0].id) { $0.firstName = "Zoë"; $0.lastName = "Ångström"; $0.email = "zoe.angstrom@acme.example"; $0.department = "Engineering" }
        await sandbox.personio.edit(people[1].id) { $0.position = "Head of \($0.position)" }
        let moved = people[2]
        await sandbox.personio.edit(moved.id) { $0.department = moved.department == "Sales" ? "Marketing" : "Sales" }
        await sandbox.personio.terminate(people[3].id)
        console.out("hired #\(hired.id), edited #\(people[1].id), moved #\(moved.id), terminated #\(people[3].id)")

        step("hrsync pull: what changed since the previous snapshot")
        let second = try await pullBoth(config: config, state: state, client: client, lms: lms)

        step("hrsync diff: per person, per field")
        console.out(DiffView.text(second.diff, mode: .full, console: console))

        step("hrsync plan: exactly those changes")
        let changes = try showPlan(config: config, configBytes: configBytes, state: state, limit: 60)

        step("hrsync apply --auto-approve")
        try await apply(changes, config: config, configBytes: configBytes, state: state, lms: lms)

        step("hrsync plan again: nothing left to do")
        try await pullBoth(config: config, state: state, client: client, lms: lms, quiet: true)
        try showPlan(config: config, configBytes: configBytes, state: state, limit: 5)

        step("hrsync log")
        console.out(EventView.text(Array(try state.log.events().reversed()), console: console))
    }

    @discardableResult
    func pullBoth(config: HRSyncConfig, state: StateDirectory, client: PersonioClient, lms: Learning360Client, quiet: Bool = false) async throws -> PersonioPull.Outcome {
        let outcome = try await Pull(config: config, state: state, personio: client, learning360: lms).run()
        guard let people = outcome.personio, let platform = outcome.learning360 else { throw CLIError.nothingToShow("the demo's pull read no side") }
        if !quiet {
            console.out("personio: \(people.employees) employees, snapshot \(people.snapshot.short) (\(people.previous == nil ? "first snapshot" : people.diff.summary))")
            console.out("360learning: \(platform.users) users (\(platform.detailed) read in detail), \(platform.groups) groups, snapshot \(platform.snapshot.short)")
        }
        return people
    }

    @discardableResult
    func showPlan(config: HRSyncConfig, configBytes: Data, state: StateDirectory, limit: Int) throws -> PlanEngine.Outcome {
        let planned = try PlanEngine(config: config, configBytes: configBytes, state: state).run()
        let lines = PlanView.text(planned.plan, lms: planned.lms, console: console).split(separator: "\n", omittingEmptySubsequences: false)
        console.out(lines.prefix(limit).joined(separator: "\n"))
        if lines.count > limit + 1 { console.out("    … (\(lines.count - limit - 1) more lines; 'hrsync plan --offline' shows them all)\n\(lines.last!)") }
        return planned
    }

    func apply(_ planned: PlanEngine.Outcome, config: HRSyncConfig, configBytes: Data, state: StateDirectory, lms: Learning360Client) async throws {
        let (record, id) = try await ApplyEngine(config: config, configBytes: configBytes, state: state, client: lms, allowDeletes: nil)
            .run(planned.plan, planID: planned.id)
        console.out(ApplyView.text(record, id: id, console: console))
    }
}
