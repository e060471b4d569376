import Foundation
import HRSyncSandbox
import HRSyncTestSupport
import Testing

/// The README's cron line, run as cron runs it: `env -i PATH=/usr/bin:/bin /bin/sh -c COMMAND`, with
/// the credentials in files named by hrsync.yaml. A quiet night prints nothing (cron mails any
/// output); a night with changes prints a few lines.
@Suite struct CronLineTests {
    /// The command of the README's `0 2 * * *` line, with its folder and binary replaced.
    static func readmeCommand(folder: URL) throws -> String {
        let readme = try String(contentsOf: BinaryRunner.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let block = try #require(readme.components(separatedBy: "```cron\n").dropFirst().first?.components(separatedBy: "```").first)
        let line = try #require(block.split(separator: "\n").first { $0.hasPrefix("0 2 * * * ") })
        return String(line.dropFirst("0 2 * * * ".count))
            .replacingOccurrences(of: "/srv/hrsync", with: folder.path)
            .replacingOccurrences(of: "/usr/local/bin/hrsync", with: BinaryRunner.executable.path)
    }

    static func asCron(_ command: String) throws -> BinaryRunner.Result {
        var cron = BinaryRunner(directory: URL(fileURLWithPath: "/"))
        cron.program = URL(fileURLWithPath: "/usr/bin/env")
        return try cron.run("-i", "PATH=/usr/bin:/bin", "/bin/sh", "-c", command)
    }

    @Test func theReadmeCronLineIsSilentOnAQuietNightAndBriefOtherwise() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 5)
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            // The four credentials as files (0600), named in hrsync.yaml: nothing secret in the environment.
            var keys = ""
            for (section, prefix) in [("personio", "PERSONIO"), ("learning360", "L360")] {
                for (key, variable) in [("client_id", "\(prefix)_CLIENT_ID"), ("client_secret", "\(prefix)_CLIENT_SECRET")] {
                    let file = scratch.url.appendingPathComponent("\(section)_\(key)")
                    _ = FileManager.default.createFile(
                        atPath: file.path, contents: Data(Sandbox.credentialsEnvironment[variable]!.utf8), attributes: [.posixPermissions: 0o600])
                    keys += "\(section)_\(key)_file: \(file.path)\n"
                }
            }
            _ = try await EndToEnd.configure(
                scratch, personio: sandbox.personioURL, learning360: sandbox.learning360URL,
                group: await sandbox.learning360.employeesGroupID)
            var yaml = try String(contentsOf: scratch.url.appendingPathComponent("hrsync.yaml"), encoding: .utf8)
            for section in ["personio", "learning360"] {
                let lines = keys.split(separator: "\n").filter { $0.hasPrefix(section + "_") }
                    .map { "  " + $0.dropFirst(section.count + 1) }.joined(separator: "\n")
                yaml = yaml.replacingOccurrences(of: "\(section):\n", with: "\(section):\n\(lines)\n")
            }
            try yaml.write(to: scratch.url.appendingPathComponent("hrsync.yaml"), atomically: true, encoding: .utf8)
            let command = try Self.readmeCommand(folder: scratch.url)

            let first = try Self.asCron(command)
            #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
            let lines = (first.stdout + first.stderr).split(separator: "\n")
            #expect(lines.count <= 5 && first.stdout.contains("See 'hrsync show "), "a first full run mails a summary: \(lines)")

            let quiet = try Self.asCron(command)
            #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty, "a quiet night prints nothing: \(quiet.stdout)\(quiet.stderr)")

            let person = try #require(await sandbox.personio.all.first { $0.status == "active" })
            await sandbox.personio.edit(person.id) { $0.position = "Night Shift Lead" }
            let busy = try Self.asCron(command)
            #expect(busy.status == 0 && busy.stdout.contains("1 done"), "\(busy.stdout)\(busy.stderr)")
            #expect((busy.stdout + busy.stderr).split(separator: "\n").count <= 3)

            // A new warning (a hire whose email is not valid) is mailed once, in a few lines; the next night is quiet again.
            let broken = await sandbox.personio.hire { $0.email = "not-an-email" }
            let warned = try Self.asCron(command)
            #expect(warned.status == 0 && warned.stderr.isEmpty, "\(warned.stdout)\(warned.stderr)")
            #expect(warned.stdout.contains("1 new warning in plan ") && warned.stdout.contains("Personio employee \(broken.id) "), "\(warned.stdout)")
            #expect(warned.stdout.split(separator: "\n").count <= 3, "\(warned.stdout)")
            let again = try Self.asCron(command)
            #expect(again.status == 0 && again.stdout.isEmpty && again.stderr.isEmpty, "a known warning is not mailed again: \(again.stdout)\(again.stderr)")
        }
    }
}
