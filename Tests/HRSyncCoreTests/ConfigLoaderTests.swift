import Foundation
import Testing

@testable import HRSyncCore

@Suite struct ConfigLoaderTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let minimal = """
        personio:
          app_id: ACME_HRSYNC
        learning360:
          admin_email: lms-admin@acme.example
        """

    static let example = packageRoot.appendingPathComponent("Tests/Fixtures/hrsync.example.yaml")

    /// The product contract's example, when it is beside the package, is the one we ship.
    @Test(
        .enabled(
            if: FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent("../shared/spec/hrsync.example.yaml").path),
            "the product contract (../shared/spec) is not beside this clone"))
    func theShippedExampleIsTheContractsOwn() throws {
        let contract = try Data(contentsOf: Self.packageRoot.appendingPathComponent("../shared/spec/hrsync.example.yaml"))
        #expect(try Data(contentsOf: Self.example) == contract)
    }

    @Test func theExampleLoads() throws {
        let text = try String(contentsOf: Self.example, encoding: .utf8)
        let config = try ConfigLoader.load(yaml: text, file: "hrsync.example.yaml")
        #expect(config.personio.baseURL == "https://api.personio.de")
        #expect(config.personio.clientSecret == .environment("PERSONIO_CLIENT_SECRET"))
        #expect(config.personio.appID == "ACME_HRSYNC")
        #expect(config.learning360.adminEmail == "lms-admin@acme.example")
        #expect(config.learning360.sendInvitations)
        #expect(config.state == StateSettings(dir: ".hrsync", keep: KeepPolicy(withinDays: 90)))
        #expect(config.sync.match == [.email, .externalID])
        #expect(config.sync.groups == [GroupSync(id: "64f1a2b3c4d5e6f7a8b9c0d1", hierarchy: ["office", "department"], filter: nil)])
        #expect(config.sync.customFields.map(\.name) == ["Hire date", "Department", "Cost center"])
        #expect(config.sync.customFields[2].personioKey == "dynamic_1234567")
        #expect(
            config.sync.filters == [
                .condition(attribute: "employment_type", .isIn(["internal"])),
                .condition(attribute: "department", .notIn(["Interns"]))
            ])
        #expect(config.sync.maxDeletes == .percent(5))
        #expect(config.sync.maxShrinkPercent == 20)
    }

    @Test func defaultsApplyToAMinimalFile() throws {
        let config = try ConfigLoader.load(yaml: Self.minimal, file: "min.yaml")
        #expect(config.learning360.baseURL == "https://app.360learning.com")
        #expect(config.learning360.clientID == .environment("L360_CLIENT_ID"))
        #expect(config.learning360.defaultLanguage == "en")
        #expect(config.sync.maxDeletes == .percent(5))
        #expect(config.sync.filtersApplyToLeavers == false)
        #expect(config.state.dir == ".hrsync")
    }

    @Test func filtersWithAnyAndEveryOperator() throws {
        let yaml =
            Self.minimal + """

                sync:
                  filters:
                    - any:
                        - { attribute: office, equals: Berlin }
                        - { attribute: office, not_equals: Paris }
                    - { attribute: email, matches: "@acme\\\\.example$" }
                    - { attribute: dynamic_1, exists: true }
                    - { attribute: dynamic_2, missing: true }
                  max_deletes: 25
                """
        let sync = try ConfigLoader.load(yaml: yaml, file: "f.yaml").sync
        #expect(
            sync.filters == [
                .any([.condition(attribute: "office", .equals("Berlin")), .condition(attribute: "office", .notEquals("Paris"))]),
                .condition(attribute: "email", .matches(#"@acme\.example$"#)),
                .condition(attribute: "dynamic_1", .exists),
                .condition(attribute: "dynamic_2", .missing)
            ])
        #expect(sync.maxDeletes == .count(25))
    }

    @Test func secretsComeFromFilesWhenNamed() throws {
        let yaml = """
            personio:
              client_secret_file: /run/credentials/hrsync/personio_secret
            learning360:
              admin_email: a@b.example
            """
        let config = try ConfigLoader.load(yaml: yaml, file: "s.yaml")
        #expect(config.personio.clientSecret == .file("/run/credentials/hrsync/personio_secret"))
        #expect(config.personio.clientID == .environment("PERSONIO_CLIENT_ID"))
    }

    /// Each kind of mistake names the file, the line and what is wrong.
    @Test(arguments: [
        (
            "personio:\n  app_id: ACME\n  base_urll: https://x.example\nlearning360:\n  admin_email: a@b.example\n", 3,
            "unknown key 'base_urll' in personio; did you mean 'base_url'?"
        ),
        ("personio: {}\nlearning360:\n  admin_email: a@b.example\n  send_invitations: maybe\n", 4, "learning360.send_invitations must be true or false"),
        ("personio:\n  base_url: http://api.personio.de\nlearning360:\n  admin_email: a@b.example\n", 2, "must use https"),
        ("personio: {}\nlearning360:\n  admin_email: not-an-email\n", 3, "is not an email address"),
        ("personio: {}\nlearning360:\n  admin_email: a@b.example\nsync:\n  max_deletes: lots\n", 5, "sync.max_deletes must be a count (25) or a share (5%)"),
        ("personio: {}\nlearning360:\n  admin_email: a@b.example\nsync:\n  match: [email, name]\n", 5, "unknown key 'name'"),
        ("personio: {}\nlearning360:\n  admin_email: a@b.example\nsync:\n  groups:\n    - id: 123\n", 6, "is not a 360Learning group id"),
        ("personio: {}\nlearning360:\n  admin_email: a@b.example\nsync:\n  filters:\n    - { attribute: office, like: Berlin }\n", 6, "unknown key 'like'"),
        (
            "personio: {}\nlearning360:\n  admin_email: a@b.example\nsync:\n  filters:\n    - { attribute: office, matches: \"(\" }\n", 6,
            "not a valid regular expression"
        ),
        ("personio: {}\nlearning360:\n  admin_email: a@b.example\nsync:\n  custom_fields:\n    - personio: hire_date\n", 6, "needs both 'personio'"),
        ("personio: {}\nlearning360:\n  admin_email: a@b.example\nsync:\n  groups: {id: 1}\n", 5, "sync.groups must be a list"),
        ("personio: {}\nlearning360:\n  admin_email: a@b.example\nstate:\n  keep: forever\n", 5, "state.keep must be a period"),
        ("personio: {}\nlearning360:\n  admin_email: a@b.example\nstate:\n  keep: 99999999999999999y\n", 5, "state.keep must be a period"),
        ("personio: {}\nlearning360:\n  admin_email: a@b.example\nstate:\n  keep: {within: 90d, hourly: 3}\n", 5, "unknown key 'hourly' in state.keep"),
        ("personio: {}\nlearning360:\n  admin_email: a@b.example\nstate:\n  keep:\n    daily: lots\n", 6, "state.keep.daily must be a count"),
        ("personio:\n  client_secret_env: PERSONIO_SECRET\n  client_secret_file: /x\nlearning360:\n  admin_email: a@b.example\n", 2, "not both"),
        ("personio:\n  client_secret_env: \"abc-123 secret\"\nlearning360:\n  admin_email: a@b.example\n", 2, "must name an environment variable"),
        ("personio:\n  app_id: acme\nlearning360:\n  admin_email: a@b.example\n", 2, "UPPER_SNAKE_CASE"),
        ("personio: {}\nlearning360:\n  admin_email: a@b.example\n  admin_email: c@d.example\n", 4, "duplicate"),
        ("personio: {}\nlearning360: [\n", 3, "not valid YAML"),
        ("personio: {}\n", 1, "missing section 'learning360'")
    ])
    func mistakesNameFileAndLine(yaml: String, line: Int, message: String) {
        do {
            _ = try ConfigLoader.load(yaml: yaml, file: "conf/hrsync.yaml")
            Issue.record("accepted: \(yaml)")
        } catch let error as ConfigError {
            #expect(error.file == "conf/hrsync.yaml")
            #expect(error.line == line, "\(error)")
            #expect(error.description.contains(message), "\(error)")
            #expect(error.description.hasPrefix("conf/hrsync.yaml:\(line): "))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func urlPolicyAllowsHttpOnlyOnLoopback() {
        #expect((try? URLPolicy.check("http://127.0.0.1:8080/").get()) == "http://127.0.0.1:8080")
        #expect((try? URLPolicy.check("http://localhost:9").get()) == "http://localhost:9")
        #expect((try? URLPolicy.check("http://10.0.0.1").get()) == nil)
        #expect((try? URLPolicy.check("https://app.us.360learning.com").get()) == "https://app.us.360learning.com")
        #expect((try? URLPolicy.check("ftp://x.example").get()) == nil)
    }

    @Test func deletionLimitCountsAndShares() {
        #expect(DeletionLimit.count(25).allowedDeletes(syncedUsers: 10) == 25)
        #expect(DeletionLimit.percent(5).allowedDeletes(syncedUsers: 1000) == 50)
        #expect(DeletionLimit.percent(5).allowedDeletes(syncedUsers: 39) == 1)
    }
}

/// Plain http only on a literal loopback address: a name that starts with "127." resolves anywhere
/// and would carry the client secret in clear.
@Suite struct LoopbackTests {
    @Test(arguments: [
        ("http://127.0.0.1:8080", true), ("http://127.255.0.9", true), ("http://localhost:1", true), ("http://LOCALHOST:1", true),
        ("http://[::1]:9", true), ("https://127.0.0.1.nip.io", true),
        ("http://127.0.0.1.nip.io:8080", false), ("http://127.evil.example", false), ("http://127.0.0.256", false),
        ("http://1270.0.0.1", false), ("http://127.0.0", false), ("http://127.0.0.1x", false), ("http://localhost.evil.example", false),
        ("http://127.0.0.08:8080", false), ("http://127.0.0.010", false), ("http://127.00.0.1", false), ("http://0127.0.0.1", false)
    ])
    func plainHTTPOnlyOnALiteralLoopbackAddress(url: String, allowed: Bool) {
        switch URLPolicy.check(url) {
        case .success: #expect(allowed, "\(url) was accepted")
        case .failure(let problem): #expect(!allowed, "\(url): \(problem.message)")
        }
    }

    /// The host part alone: only canonical literals are loopback; everything else is resolved by DNS.
    @Test(arguments: [
        ("127.0.0.1", true), ("127.255.255.255", true), ("127.10.200.3", true), ("localhost", true), ("[::1]", true),
        ("127.0.0.08", false), ("127.0.0.01", false), ("127.000.0.1", false), ("127.0.0.00", false), ("127.0.0.256", false),
        ("127.0.0.1.", false), ("127.0.1", false), ("127.0.0.+1", false), ("127.0.0.٣", false), ("127.0.0.0x1", false),
        ("localhost.", false), ("::2", false), ("128.0.0.1", false), ("", false)
    ])
    func onlyCanonicalLiteralsAreLoopback(host: String, loopback: Bool) {
        #expect(URLPolicy.isLoopback(host) == loopback, "\(host)")
    }
}

/// Hostile or careless config files: refused with a located message, quickly, never echoing a secret.
@Suite struct HostileConfigTests {
    static let head = "personio: {}\nlearning360: {admin_email: a@b.example}\n"

    /// 9 levels of 9 aliases: about 500 bytes of text, 387 million values once expanded. Used as a
    /// mapping key, the YAML library hashes the whole expansion while parsing (a hang before).
    @Test(arguments: ["", "    - {attribute: office, in: [x], *i : y}\n"])
    func anAliasBombIsRefusedBeforeParsing(tail: String) throws {
        var yaml = Self.head + "sync:\n  filters:\n    - &a [x, x, x, x, x, x, x, x, x]\n"
        let names = Array("abcdefghi")
        for level in 1..<names.count {
            let previous = names[level - 1]
            yaml += "    - &\(names[level]) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        yaml += tail
        #expect(yaml.utf8.count < 1000)
        #expect { try ConfigLoader.load(yaml: yaml, file: "bomb.yaml") } throws: { error in
            (error as? ConfigError)
                == ConfigError(
                    file: "bomb.yaml", line: 6, message: "YAML aliases (*name) are not allowed in hrsync.yaml; write the value out (or quote it if it is text)")
        }
    }

    @Test(arguments: ["a: *x", "- *x", "[1, *x]", "{k: *x}", "? *x", "<<: *base", "  - {a: b, *k : v}"])
    func aliasesAreFoundWhereANodeStarts(line: String) {
        #expect(ConfigLoader.firstAliasLine("x: 1\n" + line) == 2)
    }

    @Test(arguments: ["matches: ^a *b$", #"matches: "*x""#, "matches: '*x'", "name: Bob # *not an alias", "pattern: a*b"])
    func anAsteriskInsideTextIsNotAnAlias(line: String) {
        #expect(ConfigLoader.firstAliasLine(line) == nil)
    }

    @Test func tooManyValuesOrTooDeepAreRefused() throws {
        let wide = Self.head + "sync:\n  filters: [" + Array(repeating: "x", count: 20_001).joined(separator: ",") + "]\n"
        #expect { try ConfigLoader.load(yaml: wide, file: "wide.yaml") } throws: {
            ($0 as? ConfigError)?.message.contains("expands to more than 20000 values") == true
        }
        let deep = Self.head + "sync:\n  filters: " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "\n"
        #expect { try ConfigLoader.load(yaml: deep, file: "deep.yaml") } throws: {
            ($0 as? ConfigError)?.message.contains("nested deeper than 32 levels") == true
        }
    }

    @Test func aSecretPastedIntoAnEnvKeyIsRefusedWithoutEchoingIt() throws {
        let pasted = "sk9Xq2LrT7bVw4ZpHn3J"
        let yaml = "personio:\n  client_secret_env: \(pasted)\nlearning360: {admin_email: a@b.example}\n"
        #expect { try ConfigLoader.load(yaml: yaml, file: "h.yaml") } throws: { error in
            let message = "\(error.localizedDescription)"
            return message.contains("h.yaml:2") && message.contains("looks like a secret") && !message.contains(pasted)
        }
        // A conventional variable name is fine, however long.
        let named = "personio:\n  client_secret_env: ACME_PERSONIO_CLIENT_SECRET_PROD\nlearning360: {admin_email: a@b.example}\n"
        #expect(try ConfigLoader.load(yaml: named, file: "h.yaml").personio.clientSecret == .environment("ACME_PERSONIO_CLIENT_SECRET_PROD"))
    }

    /// `ca_file` per vendor, relative to the config file's folder like `state.dir`; an empty one is a mistake at its line.
    @Test func caFilesAreResolvedAgainstTheConfigsFolder() throws {
        let yaml = "personio:\n  ca_file: certs/proxy.pem\nlearning360:\n  admin_email: a@b.example\n  ca_file: /etc/ssl/acme.pem\n"
        let config = try ConfigLoader.load(yaml: yaml, file: "/etc/hrsync/hrsync.yaml")
        #expect(config.personio.caFile == "/etc/hrsync/certs/proxy.pem")
        #expect(config.learning360.caFile == "/etc/ssl/acme.pem")
        #expect(try ConfigLoader.load(yaml: yaml, file: "hrsync.yaml").personio.caFile == "certs/proxy.pem")
        #expect(try ConfigLoader.load(yaml: ConfigLoaderTests.minimal, file: "h.yaml").personio.caFile == nil)
        let empty = "personio:\n  ca_file: ''\nlearning360: {admin_email: a@b.example}\n"
        #expect(throws: ConfigError(file: "h.yaml", line: 2, message: "personio.ca_file must not be empty")) {
            try ConfigLoader.load(yaml: empty, file: "h.yaml")
        }
    }
}
