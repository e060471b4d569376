import Foundation
import HRSyncSandbox
import HRSyncTestSupport
import Testing

/// `status` is what monitoring reads: a damaged state directory is never "healthy", and `--json`
/// always prints a document saying what is wrong.
@Suite struct StatusDamageTests {
    /// A healthy state directory (a plan made) for `body`; the sandbox is stopped after it.
    static func pulled(_ body: (Sandbox, Scratch, BinaryRunner) async throws -> Void) async throws {
        try await EndToEnd.run(try await Sandbox.unthrottled(employees: 5)) { sandbox, scratch, runner in
            #expect(try await runner.run("plan").status == 0)
            #expect(try await runner.run("status").status == 0, "healthy before the damage")
            try await body(sandbox, scratch, runner)
        }
    }

    /// The JSON document `status --json` printed (exit 1): its problems.
    static func problems(_ runner: BinaryRunner) async throws -> [String] {
        let status = try await runner.run("status", "--json")
        #expect(status.status == 1, "\(status.stdout) \(status.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any], "\(status.stderr)")
        #expect(document["healthy"] as? Bool == false)
        return document["problems"] as? [String] ?? []
    }

    @Test(arguments: ["every object deleted", "a ref naming a missing object", "another ref naming a missing object"])
    func missingObjectsAreUnhealthy(damage: String) async throws {
        try await Self.pulled { sandbox, scratch, runner in
            let state = scratch.url.appendingPathComponent("state")
            if damage == "every object deleted" {
                try FileManager.default.removeItem(at: state.appendingPathComponent("objects"))
                try FileManager.default.createDirectory(at: state.appendingPathComponent("objects"), withIntermediateDirectories: false)
            } else {
                let ref = damage.hasPrefix("another") ? "refs/later" : "refs/personio"
                try (String(repeating: "ab", count: 32) + "\n").write(to: state.appendingPathComponent(ref), atomically: true, encoding: .utf8)
            }
            let problems = try await Self.problems(runner)
            #expect(problems.contains { $0.contains("is missing from the store") }, "\(damage): \(problems)")
        }
    }

    @Test(arguments: ["refs/360learning", "hold"])
    func aCorruptRefOrHoldIsADocumentNotSilence(file: String) async throws {
        try await Self.pulled { sandbox, scratch, runner in
            try "garbage\n".write(to: scratch.url.appendingPathComponent("state/\(file)"), atomically: true, encoding: .utf8)
            let problems = try await Self.problems(runner)
            #expect(problems.contains { $0.contains("state/\(file)") }, "\(problems)")
        }
    }

    @Test func anotherFormatIsNamedAndInitRefusesIt() async throws {
        try await Self.pulled { sandbox, scratch, runner in
            let format = scratch.url.appendingPathComponent("state/FORMAT")
            try "hrsync-state 999\n".write(to: format, atomically: true, encoding: .utf8)
            let said = "state directory format 999 is not supported by this hrsync (supports 2)"
            #expect(try await Self.problems(runner).contains { $0.contains(said) })
            let fsck = try await runner.run("fsck")
            #expect(fsck.status == 1 && fsck.stderr.contains(said), "\(fsck.stderr)")
            let initialize = try await runner.run("init")
            #expect(initialize.status == 1 && initialize.stderr.contains(said) && !initialize.stderr.contains("ready"), "\(initialize.stderr)")
            #expect(try String(contentsOf: format, encoding: .utf8) == "hrsync-state 999\n", "left as it was")

            try "not a format line".write(to: format, atomically: true, encoding: .utf8)
            #expect(try await Self.problems(runner).contains { $0.contains("FORMAT is damaged") })
            #expect(try await runner.run("init").status == 1)
        }
    }
}
