import Foundation
import HRSyncCore
import HRSyncSandbox
import Testing

/// What the sandbox writes into a config is read back exactly as written, whatever it holds.
@Suite struct YAMLTextTests {
    static let awkward = [#"/tmp/x #y/state"#, "a: b", #"say "hi" and 'bye'"#, #"back\slash"#, "tab\there", "-leading", "[x]", "yes", "~"]

    @Test func aQuotedScalarReadsBackAsWritten() throws {
        for text in Self.awkward {
            let yaml =
                "personio: {}\nlearning360: {admin_email: a@b.example}\nstate:\n  dir: \(YAMLText.quoted(text))\nsync:\n  groups: [{id: '000000000000000000000000'}]\n"
            let config = try ConfigLoader.load(yaml: yaml, file: "t.yaml")
            #expect(config.state.dir == text, "\(YAMLText.quoted(text))")
        }
    }

    @Test func theSandboxConfigQuotesWhatItWrites() throws {
        let group = "64f1a2b3c4d5e6f7a8b9c0d1"
        let yaml = SandboxConfig.yaml(
            personio: URL(string: "http://127.0.0.1:1")!, learning360: URL(string: "http://127.0.0.1:2")!, group: group, writer: "w\n# injected: 1")
        let config = try ConfigLoader.load(yaml: yaml, file: "t.yaml")
        #expect(config.sync.groups.first?.id == group)
        #expect(yaml.contains("- id: \"\(group)\""), "\(yaml)")
        #expect(config.learning360.baseURL == "http://127.0.0.1:2")
        #expect(!yaml.contains("\n# injected"), "a comment stays on one line")
    }
}
