import ArgumentParser
import Foundation
import HRSyncCLI
import HRSyncSandbox

/// `hrsync-sandbox demo`: the whole flow, as the real `hrsync` commands an admin would type, against
/// an in-process sandbox. It lives here and not in `hrsync` so that the production binary, which
/// holds HR credentials, links neither the emulators (Hummingbird) nor their fault injector.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole hrsync flow against an in-process sandbox, in a temporary folder.",
        discussion: """
            Starts the emulated Personio and 360Learning APIs (at the vendors' real rate limits), writes an hrsync.yaml \
            for them and runs the hrsync commands an admin would: init, plan -o and apply of that plan; then HR makes \
            changes (a hire, an edit, a department move, a termination) and it runs pull, diff, plan -o, apply of that \
            plan, apply --auto-approve (the cron form: nothing left to do) and log. No credentials needed; nothing leaves this machine.
            """)

    @Option(help: "Employees in the synthetic company.")
    var employees = 20

    @Option(help: ArgumentHelp("Keep the demo's config and state in this folder (default: a temporary one, removed).", valueName: "dir"))
    var dir: String?

    @Flag(help: "No colours in hrsync's output.")
    var noColor = false

    func validate() throws {
        if !(5...2000).contains(employees) { throw ValidationError("--employees must be between 5 and 2000") }
        if let dir, FileManager.default.fileExists(atPath: dir + "/hrsync.yaml") {
            throw ValidationError("\(dir) already holds an hrsync.yaml: give an empty or new folder")
        }
    }

    func run() async throws {
        let folder = dir ?? NSTemporaryDirectory() + "hrsync-demo-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { if dir == nil { try? FileManager.default.removeItem(atPath: folder) } }
        var settings = Sandbox.Settings()
        settings.personio.employees = employees
        let sandbox = try await Sandbox.start(settings)
        do {
            try await DemoSteps(folder: folder, sandbox: sandbox, color: !noColor && isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
                .run()
        } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
        if dir != nil { FileHandle.standardOutput.write(Data("\nThe demo's config and state are in \(folder): try 'cd \(folder) && hrsync log'.\n".utf8)) }
    }
}

/// The demo's steps: each prints `$ hrsync …` and runs that command line in this process.
struct DemoSteps {
    let folder: String
    let sandbox: Sandbox
    let color: Bool

    struct StepFailed: LocalizedError {
        let command: String, status: Int32
        var errorDescription: String? { "the demo's '\(command)' exited with \(status)" }
    }

    /// Unbuffered, like hrsync's own output, so the two interleave in order.
    func line(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }

    func say(_ text: String) {
        line("\n" + (color ? "\u{1B}[1m== \(text)\u{1B}[0m" : "== \(text)"))
    }

    /// Runs `hrsync ARGS` in the demo folder; `expecting` lists the exit statuses that are part of the story.
    func hrsync(_ arguments: String..., expecting: Set<Int32> = [0]) async throws {
        line((color ? "\u{1B}[2m$ hrsync " : "$ hrsync ") + arguments.joined(separator: " ") + (color ? "\u{1B}[0m" : ""))
        let status = await HRSyncCommand.run(arguments + (color ? [] : ["--no-color"]))
        guard expecting.contains(status) else { throw StepFailed(command: "hrsync " + arguments.joined(separator: " "), status: status) }
    }

    func run() async throws {
        for (name, value) in Sandbox.credentialsEnvironment { setenv(name, value, 1) }
        let yaml = SandboxConfig.yaml(
            personio: sandbox.personioURL, learning360: sandbox.learning360URL,
            group: await sandbox.learning360.employeesGroupID, writer: "hrsync-sandbox demo")
        _ = FileManager.default.createFile(atPath: folder + "/hrsync.yaml", contents: Data(yaml.utf8), attributes: [.posixPermissions: 0o600])
        guard FileManager.default.changeCurrentDirectoryPath(folder) else { throw ValidationError("cannot enter \(folder)") }
        say(
            "Sandbox: Personio on \(sandbox.personioURL.absoluteString), 360Learning on \(sandbox.learning360URL.absoluteString); hrsync.yaml and state in \(folder)"
        )
        try await hrsync("init")

        say("The first plan: it pulls both sides; the platform is empty, so everyone is created")
        try await hrsync("plan", "-o", "first.plan")
        say("Apply exactly the plan you reviewed")
        try await hrsync("apply", "first.plan")

        say("Meanwhile in Personio: a hire, an edit, a department move, a termination")
        let people = await sandbox.personio.all.filter { $0.status == "active" }
        let hired = await sandbox.personio.hire(supervisorID: people[0].id) {
            $0.firstName = "Zoë"; $0.lastName = "Ångström"; $0.email = "zoe.angstrom@acme.example"; $0.department = "Engineering"
        }
        await sandbox.personio.edit(people[1].id) { $0.position = "Head of \($0.position)" }
        let moved = people[2]
        await sandbox.personio.edit(moved.id) { $0.department = moved.department == "Sales" ? "Marketing" : "Sales" }
        await sandbox.personio.terminate(people[3].id)
        line("hired #\(hired.id), edited #\(people[1].id), moved #\(moved.id), terminated #\(people[3].id)")

        say("Pull, and see per person and field what changed in Personio")
        try await hrsync("pull")
        try await hrsync("diff")
        say("A plan to review, saved; then exactly that plan is applied")
        try await hrsync("plan", "--offline", "-o", "changes.plan", expecting: [0, 3])
        try await hrsync("apply", "changes.plan", "--allow-deletes", "1")
        say("Nothing left to do (cron runs this every night: pull, plan and apply in one go)")
        try await hrsync("apply", "--auto-approve")
        say("The history")
        try await hrsync("log")
    }
}
