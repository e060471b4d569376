import Foundation
import HRSyncSandbox

/// The end-to-end tests' setup: the real binary, a config and an initialised state directory in a
/// scratch folder, against the sandbox; and its teardown, awaited (a `defer { Task { stop() } }`
/// left servers running past their test).
public enum EndToEnd {
    /// `hrsync init` failed while a test was being set up.
    public struct SetupFailure: Error, CustomStringConvertible {
        /// The failing `hrsync init`'s exit status and stderr.
        public var description: String
    }

    /// The usual world: a config in a new scratch folder for both of the sandbox's APIs, syncing
    /// its employees group, and a runner with the test rate-limit scale (×100). Runs `body`, then
    /// stops the sandbox and waits until it has stopped, whether `body` returned or threw; the
    /// folder goes with the last runner.
    public static func run(
        _ sandbox: Sandbox, extra: String = "",
        _ body: (Sandbox, Scratch, BinaryRunner) async throws -> Void
    ) async throws {
        try await stopping(sandbox) {
            let scratch = try Scratch()
            try await body(sandbox, scratch, try await runner(for: sandbox, in: scratch, extra: extra))
        }
    }

    /// Runs `body`, then stops `sandbox` and waits until it has stopped, whether `body` returned or threw.
    public static func stopping<T>(_ sandbox: Sandbox, _ body: () async throws -> T) async throws -> T {
        try await sandbox.stopping(after: body)
    }

    /// A runner in `scratch` with a config for both of the sandbox's APIs (see `run`).
    public static func runner(for sandbox: Sandbox, in scratch: Scratch, extra: String = "") async throws -> BinaryRunner {
        var runner = try await configure(
            scratch, personio: sandbox.personioURL, learning360: sandbox.learning360URL,
            group: await sandbox.learning360.employeesGroupID, extra: extra)
        runner.environment["HRSYNC_TEST_RATE_LIMIT_SCALE"] = "100"
        return runner
    }

    /// Writes `hrsync.yaml` into `scratch` (state in `state/`, two custom fields, the group by
    /// office and department, then `extra`) and runs `hrsync init` there with the sandbox's credentials.
    public static func configure(
        _ scratch: Scratch, personio: URL, learning360: URL? = nil, group: String = "64f1a2b3c4d5e6f7a8b9c0d1",
        extra: String = ""
    ) async throws -> BinaryRunner {
        let yaml = """
            personio:
              base_url: \(personio.absoluteString)
              app_id: HRSYNC_E2E
            learning360:
              base_url: \(learning360?.absoluteString ?? "https://app.360learning.com")
              admin_email: lms-admin@acme.example
            state:
              dir: state
            sync:
              custom_fields:
                - personio: hire_date
                  name: Hire date
                - personio: dynamic_1234567
                  name: Cost center
              groups:
                - id: \(group)
                  hierarchy: [office, department]
            \(extra)
            """
        try yaml.write(to: scratch.url.appendingPathComponent("hrsync.yaml"), atomically: true, encoding: .utf8)
        var runner = BinaryRunner(in: scratch)
        runner.environment = Sandbox.credentialsEnvironment
        let initialised = try await runner.run("init")
        guard initialised.status == 0 else { throw SetupFailure(description: "hrsync init exited \(initialised.status): \(initialised.stderr)") }
        return runner
    }
}
