import Foundation
import HRSyncCore
import HRSyncSandbox
import HRSyncTestSupport
import Testing

@testable import HRSyncCLI

/// The plan as one HTML page: self-contained, everything escaped, checked in a real browser.
@Suite struct HTMLReportTests {
    static let hostileNames = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(2)>", "Ev\u{202E}txt.exe", "O'Brien & <b>Sons</b>"]

    /// The rendering scenario plus employees whose names are attacks.
    static func hostilePage() throws -> (String, Plan) {
        let (plan, lms) = try PlanRenderingTests.scenario()
        var hostile = plan
        for (index, name) in hostileNames.enumerated() {
            let person = PersonRef(personioID: 100 + index, name: name, email: "h\(index)@acme.example")
            hostile.actions.append(
                PlanAction(
                    .createUser(NewUser(mail: "h\(index)@acme.example", group: "b", lang: "en", fields: [.firstName: name])),
                    person: person, user: .created(personioID: 100 + index), reason: "active in Personio"))
        }
        hostile.warnings.append("warning with <iframe src=x></iframe>")
        return (HTMLReport(plan: hostile, planID: String(repeating: "a", count: 64), lms: lms).render(), hostile)
    }

    @Test func thePageIsSelfContainedAndEscapesEverything() throws {
        let (page, _) = try Self.hostilePage()
        #expect(page.components(separatedBy: "<script").count == 2, "exactly one script: ours")
        #expect(!page.contains("<img") && !page.contains("<iframe") && !page.contains("<b>Sons"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && page.contains("O&#39;Brien &amp; &lt;b&gt;Sons&lt;/b&gt;"))
        #expect(page.contains("Ev\\u{202e}txt.exe"), "a bidi override is shown, not obeyed")
        #expect(page.contains("http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'"))
        #expect(page.range(of: #"<[a-zA-Z][^>]*\s(src|href)\s*="#, options: .regularExpression) == nil, "no element loads anything")
    }

    // MARK: - In a real browser

    static var chromium: String? {
        let environment = ProcessInfo.processInfo.environment
        let candidates = [environment["HRSYNC_CHROMIUM"]].compactMap { $0 } + ["chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"]
        let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in candidates {
            if name.hasPrefix("/"), FileManager.default.isExecutableFile(atPath: name) { return name }
            for folder in path where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") { return "\(folder)/\(name)" }
        }
        return nil
    }

    /// The DOM after Chromium loaded the page and ran its script.
    static func renderedDOM(of file: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(chromium))
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", file.absoluteString]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let dom = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return dom
    }

    @Test(.enabled(if: chromium != nil, "headless Chromium not found (Debian: apt-get install chromium-headless-shell; or set HRSYNC_CHROMIUM)"))
    func hostileStringsRenderAsTextInChromium() throws {
        let scratch = try Scratch()
        let (page, plan) = try Self.hostilePage()
        let file = scratch.url.appendingPathComponent("hostile.html")
        try page.write(to: file, atomically: true, encoding: .utf8)
        let dom = try Self.renderedDOM(of: file)
        #expect(dom.contains("<h2>Changes"), "the page rendered: \(dom.prefix(300))")
        #expect(dom.components(separatedBy: "<script").count == 2 && !dom.contains("<img") && !dom.contains("<iframe"), "no injected element")
        #expect(dom.range(of: #"<[a-zA-Z][^>]*\s(on[a-z]+|src|href)\s*="#, options: .regularExpression) == nil, "no element with a handler or a source")
        #expect(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        for person in plan.actions.compactMap(\.person) {
            #expect(dom.contains("(#\(person.personioID))"), "#\(person.personioID) is on the page")
        }
    }

    @Test(.enabled(if: chromium != nil, "headless Chromium not found (Debian: apt-get install chromium-headless-shell; or set HRSYNC_CHROMIUM)"))
    func theDemoPlanShowsEveryPersonAndCount() async throws {
        try await EndToEnd.run(Sandbox.unthrottled(employees: 40)) { sandbox, scratch, runner in
            let planned = try await runner.run("plan", "--json", "--html", "plan.html")
            #expect(planned.status == 0, "\(planned.stderr)")
            let plan = try JSONSerialization.jsonObject(with: Data(planned.stdout.utf8)) as! [String: Any]
            let dom = try Self.renderedDOM(of: scratch.url.appendingPathComponent("plan.html"))
            let summary = try #require(plan["summary"] as? [String: Int])
            for (kind, count) in summary where ["create", "update", "delete", "restore", "warnings", "conflicts"].contains(kind) {
                #expect(dom.contains("<b>\(count)</b> \(kind)"), "\(kind) count")
            }
            let people = Set((plan["actions"] as? [[String: Any]] ?? []).compactMap { ($0["person"] as? [String: Any])?["personio_id"] as? Int })
            #expect(people.count > 20)
            for id in people { #expect(dom.contains("(#\(id))"), "#\(id) is on the page") }
            #expect(dom.contains("Org chart"))
        }
    }
}
