import ArgumentParser
import Foundation
import HRSyncSandbox

/// `serve --from-state DIR`: a replica of a state directory's latest snapshots instead of a synthetic company.
struct ReplicaOptions: ParsableArguments {
    @Option(
        name: .customLong("from-state"),
        help: ArgumentHelp(
            "Serve a replica of this hrsync state directory's latest snapshots (state file default: hrsync-replica/sandbox.json).",
            valueName: "dir"))
    var stateDirectory: String?

    @Flag(name: .customLong("keep-emails"), help: "Keep the source's emails (default: rewritten to a stable address @example.invalid).")
    var keepEmails = false

    @Option(name: .customLong("max-age"), help: ArgumentHelp("Refuse snapshots older than this many days (default 7).", valueName: "days"))
    var maxAgeDays = 7.0

    @Flag(help: "Use snapshots older than --max-age.")
    var force = false

    /// Where a replica's state file goes when `--state` is not given: a directory of its own.
    static let defaultStateFile = "hrsync-replica/sandbox.json"

    func validate() throws {
        guard maxAgeDays > 0, maxAgeDays.isFinite else { throw ValidationError("--max-age must be a positive number of days") }
    }

    /// The state file's directory, created 0700; one others may read is refused (the file holds personal data).
    static func prepareDirectory(of file: String) throws {
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent().path
        var info = stat()
        if stat(directory, &info) != 0 {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            chmod(directory, 0o700)
            return
        }
        guard info.st_mode & 0o077 == 0 else {
            throw ValidationError(
                "a replica holds personal data, but \(directory) is open to other users (mode \(String(info.st_mode & 0o777, radix: 8))): give --state a file in a directory of its own (it is created 0700)"
            )
        }
    }

    /// The replica's people and platform, seeded into `sandbox`; returns what `serve` prints about its origin.
    func seed(_ sandbox: Sandbox, stateFile: String) async throws -> String {
        guard let stateDirectory else { return "" }
        // The rewrite's key lives with the replica (never in production's state directory).
        let folder = URL(fileURLWithPath: stateFile).deletingLastPathComponent().path
        var options = ReplicaSource.Options(emails: keepEmails ? nil : try ReplicaEmail.key(in: folder, source: stateDirectory))
        options.maxAge = maxAgeDays * 86_400
        options.force = force
        let replica = try ReplicaSource.load(stateDirectory: stateDirectory, options)
        await sandbox.personio.serveReplica(replica.people, origin: replica.origin)
        await sandbox.learning360.restore(replica.platform)
        return Self.describe(replica.origin, people: replica.people.count)
    }

    /// What `serve` prints about a replica, new or restored: its source, its people, its emails.
    static func describe(_ origin: ReplicaOrigin, people: Int) -> String {
        let taken = ISO8601DateFormatter().string(from: origin.takenAt)
        return "a replica of \(origin.stateDirectory) (\(people) employees, snapshots of \(taken); "
            + (origin.emailsRewritten ? "emails rewritten to @\(ReplicaEmail.domain)" : "emails kept") + "; nothing is ever sent)"
    }
}
