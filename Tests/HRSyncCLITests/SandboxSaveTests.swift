import Foundation
import HRSyncSandbox
import HRSyncTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `hrsync-sandbox serve` saves its state file after a change, not every 2 s whatever happened
/// (an idle 100k sandbox rewrote 100 MB every 2 s and became the bottleneck of every benchmark).
@Suite struct SandboxSaveTests {
    static func modified(_ url: URL) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
    }

    @Test func anIdleSandboxDoesNotRewriteItsFileAndAChangedOneDoes() async throws {
        let scratch = try Scratch()
        var tools = BinaryRunner(in: scratch)
        tools.program = BinaryRunner.executable.deletingLastPathComponent().appendingPathComponent("hrsync-sandbox")
        let file = scratch.url.appendingPathComponent("sandbox.json")
        let (process, out, err) = try tools.start(["serve", "--employees", "5", "--rate-limit-scale", "0"])
        defer {
            #expect(process.stop(), "the sandbox stops on SIGTERM")
            _ = out.fileHandleForReading.readDataToEndOfFile()
            _ = err.fileHandleForReading.readDataToEndOfFile()
        }
        for _ in 0..<100 where Self.modified(file) == nil { try await Task.sleep(for: .milliseconds(100)) }
        let first = try #require(Self.modified(file), "serve writes sandbox.json (the default) when it listens")
        // Reads change nothing: `list` reads the company over the control API. Nor do logins: a
        // token lives in memory only.
        #expect(try await tools.run("list").status == 0)
        let ports = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        for (port, path) in [(ports["personio_port"], "/v1/auth"), (ports["learning360_port"], "/api/v2/oauth2/token")] {
            var login = URLRequest(url: URL(string: "http://127.0.0.1:\(try #require(port as? Int))\(path)")!)
            login.httpMethod = "POST"
            _ = try await URLSession.shared.data(for: login)
        }
        try await Task.sleep(for: .seconds(4.5))
        #expect(Self.modified(file) == first, "idle (read, logged into), the file is not rewritten")

        let hired = try await tools.run("hire", "--first-name", "Ida", "--last-name", "Neu", "--status", "onboarding", "--hire-date", "2030-01-15")
        #expect(hired.status == 0 && hired.stdout.contains("2030-01-15"), "a future hire, for sync.prestart_days: \(hired.stdout)\(hired.stderr)")
        var saved: Date?
        for _ in 0..<50 {
            try await Task.sleep(for: .milliseconds(100))
            saved = Self.modified(file)
            if saved != first { break }
        }
        #expect(saved != first, "a change is saved within about 2 s")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("\"Ida\""))
        // A field the control API does not know is refused, not silently ignored.
        let port = try #require(
            (try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])?["personio_port"] as? Int)
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/_sandbox/employees/1000")!)
        request.httpMethod = "PATCH"
        request.httpBody = Data(#"{"hire_datum":"2030-01-01"}"#.utf8)
        let (body, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 400 && String(decoding: body, as: UTF8.self).contains("unknown field 'hire_datum'"))
        let mode = (try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
    }

    /// `serve --hide-attribute KEY`: the credential's whitelist, by hand, for trying discover and check.
    @Test func aHiddenAttributeIsFlaggedByCheck() async throws {
        let scratch = try Scratch()
        var tools = BinaryRunner(in: scratch)
        tools.program = BinaryRunner.executable.deletingLastPathComponent().appendingPathComponent("hrsync-sandbox")
        let (process, out, err) = try tools.start(["serve", "--employees", "5", "--rate-limit-scale", "0", "--hide-attribute", "dynamic_1234567"])
        defer {
            #expect(process.stop(), "the sandbox stops on SIGTERM")
            _ = out.fileHandleForReading.readDataToEndOfFile()
            _ = err.fileHandleForReading.readDataToEndOfFile()
        }
        let config = try await tools.run("config")
        #expect(config.status == 0, "\(config.stderr)")
        try config.stdout.write(to: scratch.url.appendingPathComponent("hrsync.yaml"), atomically: true, encoding: .utf8)
        var runner = BinaryRunner(in: scratch)
        runner.environment = Sandbox.credentialsEnvironment
        #expect(try await runner.run("init").status == 0)
        let check = try await runner.run("check", "--no-color")
        #expect(check.status == 1 && check.stdout.contains("FAIL sync.custom_fields[2] dynamic_1234567"), "\(check.stdout)\(check.stderr)")
    }
}
