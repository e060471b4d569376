import Foundation
import HRSyncCore
import HRSyncSandbox
import HRSyncStore
import HRSyncTestSupport
import Testing

/// `plan --offline` and `explain` read the latest snapshots: refused (exit 3) when they were pulled
/// with a config that did not ask for attributes this one needs; their age said when they predate
/// the last apply; a snapshot of an older hrsync (no attributes recorded) only warns.
@Suite struct OfflineSnapshotTests {
    @Test func aSnapshotPulledWithAnotherConfigIsRefusedAndAStaleOneSaysItsAge() async throws {
        let sandbox = try await Sandbox.unthrottled(employees: 6)
        try await EndToEnd.stopping(sandbox) {
            let scratch = try Scratch()
            let runner = try await EndToEnd.runner(for: sandbox, in: scratch)
            let email = try #require(await sandbox.personio.all.first { $0.status == "active" }?.email)
            #expect(try await runner.run("pull").status == 0)
            let fresh = try await runner.run("plan", "--offline")
            #expect(fresh.status == 0 && !fresh.stderr.contains("another config") && !fresh.stderr.contains("last apply"), "\(fresh.stderr)")

            // The config now groups by team too: the snapshot has no team for anyone.
            let config = scratch.url.appendingPathComponent("hrsync.yaml")
            let yaml = try String(contentsOf: config, encoding: .utf8)
            try yaml.replacingOccurrences(of: "hierarchy: [office, department]", with: "hierarchy: [office, department, team]")
                .write(to: config, atomically: true, encoding: .utf8)
            let refusal = "was pulled with another config (attributes team not recorded): run 'hrsync pull'"
            let offline = try await runner.run("plan", "--offline")
            #expect(offline.status == 3 && offline.stderr.contains(refusal) && offline.stdout.isEmpty, "\(offline.stdout)\(offline.stderr)")
            let explained = try await runner.run("explain", email)
            #expect(explained.status == 3 && explained.stderr.contains(refusal), "\(explained.stdout)\(explained.stderr)")
            #expect(try await runner.run("pull").status == 0)
            #expect(try await runner.run("plan", "--offline").status == 0, "a pull with this config fits it")

            // After an apply, the snapshots it was planned on no longer show 360Learning as it is.
            #expect(try await runner.run("apply", "--auto-approve").status == 0)
            let stale = try await runner.run("plan", "--offline")
            #expect(
                stale.status == 0 && stale.stderr.contains("snapshots pulled ") && stale.stderr.contains(" ago, before the last apply at "), "\(stale.stderr)")
            #expect(try await runner.run("explain", email).stderr.contains("before the last apply at "))
            #expect(try await runner.run("pull").status == 0)
            #expect(!(try await runner.run("plan", "--offline").stderr.contains("last apply")), "fresh again after a pull")

            // A snapshot an older hrsync pulled records no attributes: read, with a warning.
            let state = try StateDirectory.open(at: scratch.url.appendingPathComponent("state").path)
            let latest = try #require(try state.refs.get(Refs.personio))
            var old = try state.snapshots.read(latest)
            old.meta[AttributeSelection.metaKey] = nil
            try state.refs.set(Refs.personio, to: try state.snapshots.write(old, parent: latest))
            let unrecorded = try await runner.run("plan", "--offline")
            #expect(unrecorded.status == 0 && unrecorded.stderr.contains("does not record which attributes its pull requested"), "\(unrecorded.stderr)")
        }
    }
}
