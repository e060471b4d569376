import Foundation
import Yams

/// Turns the text of `hrsync.yaml` into an `HRSyncConfig`, applying the documented defaults.
/// Pure: the caller reads the file; `file` is only used to name the place of a mistake.
public enum ConfigLoader {
    /// A config is a page of settings: far below these. They stop an alias bomb (a few hundred
    /// bytes whose aliases expand to millions of values) and runaway nesting before any walk.
    static let maximumBytes = 1 << 20, maximumValues = 20_000, maximumDepth = 32

    /// What a config is loaded for: `sync` needs every required key; `discover` runs before the
    /// admin is chosen, so `learning360.admin_email` may be missing (it is then "").
    public enum Purpose: Sendable {
        /// Every command but `discover`.
        case sync
        /// `hrsync discover`: only the connections are needed.
        case discover
    }

    /// Parses and checks `text`, filling in defaults; throws `ConfigError` for the first mistake, with its line when known.
    public static func load(yaml text: String, file: String, purpose: Purpose = .sync) throws -> HRSyncConfig {
        let reader = YAMLReader(file: file)
        guard text.utf8.count <= maximumBytes else { throw reader.fail(nil, "the file is larger than 1 MiB; a config is a page of settings") }
        // Refused before parsing: an alias used as a mapping key makes the YAML library hash the
        // whole expansion while it composes, so a bomb would hang there, before any later check.
        if let line = firstAliasLine(text) {
            throw ConfigError(
                file: file, line: line, message: "YAML aliases (*name) are not allowed in hrsync.yaml; write the value out (or quote it if it is text)")
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw reader.fail(nil, "the file is empty") }
            root = node
        } catch let error as YamlError {
            if case .duplicatedKeysInMapping(let keys, let context) = error, let key = keys.first {
                let line = secondOccurrence(of: key, in: text) ?? context.mark.line
                throw ConfigError(file: file, line: line, message: "duplicate key '\(key)'")
            }
            throw ConfigError(file: file, line: yamlErrorLine(error), message: "not valid YAML: \(yamlProblem(error))")
        }
        var budget = maximumValues
        try checkSize(root, depth: 0, budget: &budget, reader)
        let top = try reader.mapping(root, at: "the file", known: ["personio", "learning360", "state", "sync", "hooks"])
        guard let personioNode = top["personio"] else { throw reader.fail(root, "missing section 'personio'") }
        guard let learningNode = top["learning360"] else { throw reader.fail(root, "missing section 'learning360'") }
        var config = HRSyncConfig(
            personio: try personio(personioNode, reader),
            learning360: try learning360(learningNode, reader, adminRequired: purpose == .sync),
            state: try state(top["state"], reader),
            sync: try SyncSectionLoader(reader: reader).load(top["sync"]))
        config.hooks = try hooks(top["hooks"], reader)
        return config
    }

    // Constant patterns (they compile).
    static let quotedScalar = try! NSRegularExpression(pattern: #""(?:[^"\\]|\\.)*"|'(?:[^']|'')*'"#)
    static let aliasNode = try! NSRegularExpression(pattern: #"(?:^|[\[{,]|[:?-](?=\s))\s*\*[A-Za-z0-9_-]"#)

    /// The first line where a node is an alias (`*name` where a value or key can start), or nil.
    static func firstAliasLine(_ text: String) -> Int? {
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            let unquoted = quotedScalar.stringByReplacingMatches(in: line, range: NSRange(line.startIndex..., in: line), withTemplate: "\"\"")
            let code = unquoted.range(of: #"(^|\s)#"#, options: .regularExpression).map { String(unquoted[..<$0.lowerBound]) } ?? unquoted
            if aliasNode.firstMatch(in: code, range: NSRange(code.startIndex..., in: code)) != nil { return index + 1 }
        }
        return nil
    }

    /// Counts values as the loader would see them (aliases expanded), stopping at the budget.
    static func checkSize(_ node: Node, depth: Int, budget: inout Int, _ reader: YAMLReader) throws {
        budget -= 1
        guard budget >= 0 else { throw reader.fail(node, "the file expands to more than \(maximumValues) values (YAML aliases?); a config needs far fewer") }
        guard depth <= maximumDepth else { throw reader.fail(node, "values nested deeper than \(maximumDepth) levels") }
        switch node {
        case .scalar, .alias: break
        case .mapping(let mapping):
            for (key, value) in mapping {
                try checkSize(key, depth: depth + 1, budget: &budget, reader)
                try checkSize(value, depth: depth + 1, budget: &budget, reader)
            }
        case .sequence(let sequence):
            for item in sequence { try checkSize(item, depth: depth + 1, budget: &budget, reader) }
        }
    }

    static func personio(_ node: Node, _ r: YAMLReader) throws -> PersonioSettings {
        let m = try r.mapping(
            node, at: "personio",
            known: [
                "base_url", "client_id_env", "client_id_file", "client_secret_env", "client_secret_file", "app_id", "ca_file"
            ])
        let appID = try m["app_id"].map { try r.string($0, at: "personio.app_id") } ?? "HRSYNC"
        guard appID.range(of: "^[A-Z][A-Z0-9_]*$", options: .regularExpression) != nil else {
            throw r.fail(m["app_id"], "personio.app_id must be UPPER_SNAKE_CASE (like ACME_HRSYNC), got '\(appID)'")
        }
        return PersonioSettings(
            baseURL: try baseURL(m["base_url"], default: "https://api.personio.de", at: "personio.base_url", r),
            clientID: try secret(m, "client_id", default: "PERSONIO_CLIENT_ID", section: "personio", r),
            clientSecret: try secret(m, "client_secret", default: "PERSONIO_CLIENT_SECRET", section: "personio", r),
            appID: appID, caFile: try caFile(m["ca_file"], at: "personio.ca_file", r))
    }

    static func learning360(_ node: Node, _ r: YAMLReader, adminRequired: Bool = true) throws -> Learning360Settings {
        let m = try r.mapping(
            node, at: "learning360",
            known: [
                "base_url", "client_id_env", "client_id_file", "client_secret_env", "client_secret_file",
                "admin_email", "send_invitations", "default_language", "bulk", "ca_file"
            ])
        var admin = ""
        if let adminNode = m["admin_email"] {
            admin = try r.string(adminNode, at: "learning360.admin_email")
            guard EmailSyntax.isValid(admin) else { throw r.fail(adminNode, "learning360.admin_email '\(admin)' is not an email address") }
        } else if adminRequired {
            throw r.fail(node, "learning360.admin_email is required (the connector administrator's email; 'hrsync discover' lists the candidates)")
        }
        let language = try m["default_language"].map { try r.string($0, at: "learning360.default_language") } ?? "en"
        guard language.range(of: "^[a-z]{2}(-[A-Za-z]{2,4})?$", options: .regularExpression) != nil else {
            throw r.fail(m["default_language"], "learning360.default_language must be a language code like en or fr, got '\(language)'")
        }
        let bulk: BulkMode = try m["bulk"].map { try r.choice($0, at: "learning360.bulk") } ?? .auto
        return Learning360Settings(
            baseURL: try baseURL(m["base_url"], default: "https://app.360learning.com", at: "learning360.base_url", r),
            clientID: try secret(m, "client_id", default: "L360_CLIENT_ID", section: "learning360", r),
            clientSecret: try secret(m, "client_secret", default: "L360_CLIENT_SECRET", section: "learning360", r),
            adminEmail: admin,
            sendInvitations: try m["send_invitations"].map { try r.bool($0, at: "learning360.send_invitations") } ?? true,
            defaultLanguage: language, bulk: bulk, caFile: try caFile(m["ca_file"], at: "learning360.ca_file", r))
    }

    static func hooks(_ node: Node?, _ r: YAMLReader) throws -> HookSettings {
        var hooks = HookSettings()
        guard let node else { return hooks }
        let m = try r.mapping(node, at: "hooks", known: ["on_success", "on_failure", "on_hold", "include_people"])
        hooks.onSuccess = try m["on_success"].map { try r.string($0, at: "hooks.on_success") }
        hooks.onFailure = try m["on_failure"].map { try r.string($0, at: "hooks.on_failure") }
        hooks.onHold = try m["on_hold"].map { try r.string($0, at: "hooks.on_hold") }
        if let n = m["include_people"] { hooks.includePeople = try r.bool(n, at: "hooks.include_people") }
        return hooks
    }

    static func state(_ node: Node?, _ r: YAMLReader) throws -> StateSettings {
        guard let node else { return StateSettings(dir: ".hrsync", keep: .default) }
        let m = try r.mapping(node, at: "state", known: ["dir", "keep", "gc"])
        var keep = KeepPolicy.default
        if let keepNode = m["keep"] { keep = try keepPolicy(keepNode, r) }
        var autoGc = false
        if let gcNode = m["gc"] {
            let text = try r.string(gcNode, at: "state.gc")
            guard ["auto", "manual"].contains(text) else { throw r.fail(gcNode, "state.gc must be auto (apply runs gc after it) or manual, got '\(text)'") }
            autoGc = text == "auto"
        }
        return StateSettings(dir: try m["dir"].map { try r.string($0, at: "state.dir") } ?? ".hrsync", keep: keep, autoGc: autoGc)
    }

    /// `keep: 90d` or `keep: {within: 90d, daily: 30, weekly: 12, monthly: 24}` (any subset).
    static func keepPolicy(_ node: Node, _ r: YAMLReader) throws -> KeepPolicy {
        if case .mapping = node {
            let rules = try r.mapping(node, at: "state.keep", known: KeepPolicy.rules)
            guard !rules.isEmpty else { throw r.fail(node, "state.keep needs at least one of \(KeepPolicy.rules.joined(separator: ", "))") }
            var policy = KeepPolicy()
            for (rule, value) in rules.sorted(by: { $0.key < $1.key }) {
                do { try policy.set(rule, try r.string(value, at: "state.keep.\(rule)")) } catch let problem as KeepPolicy.Problem {
                    throw r.fail(value, "state.\(problem.message)")
                }
            }
            return policy
        }
        let text = try r.string(node, at: "state.keep")
        guard let days = RetentionPeriod.days(text) else {
            throw r.fail(
                node, "state.keep must be a period like 90d, 12w or 1y, or rules like {within: 90d, daily: 30, weekly: 12, monthly: 24}; got '\(text)'")
        }
        return KeepPolicy(withinDays: days)
    }

    /// `<name>_env` or `<name>_file`, never both; the env default applies when neither is given.
    static func secret(_ m: [String: Node], _ name: String, default env: String, section: String, _ r: YAMLReader) throws -> SecretSource {
        switch (m["\(name)_env"], m["\(name)_file"]) {
        case (let envNode?, _?):
            throw r.fail(envNode, "\(section): give \(name)_env or \(name)_file, not both")
        case (let envNode?, nil):
            let variable = try r.string(envNode, at: "\(section).\(name)_env")
            guard variable.range(of: "^[A-Za-z_][A-Za-z0-9_]*$", options: .regularExpression) != nil else {
                throw r.fail(envNode, "\(section).\(name)_env must name an environment variable (the secret itself never goes in this file)")
            }
            // A long mixed-case value is a pasted secret, not a variable name: refuse it without
            // echoing it (later messages would print "export <it>").
            if variable.count >= 16, variable.contains(where: \.isLowercase), variable.contains(where: \.isUppercase) || variable.contains(where: \.isNumber) {
                throw r.fail(
                    envNode,
                    "\(section).\(name)_env looks like a secret, not the name of an environment variable; put the secret in a variable (e.g. \(env)) and name that variable here"
                )
            }
            return .environment(variable)
        case (nil, let fileNode?):
            return .file(try r.string(fileNode, at: "\(section).\(name)_file"))
        case (nil, nil):
            return .environment(env)
        }
    }

    /// A path relative to the config file's folder, as `state.dir`; the file is read when a client is made.
    static func caFile(_ node: Node?, at path: String, _ r: YAMLReader) throws -> String? {
        guard let node else { return nil }
        let text = try r.string(node, at: path)
        if text.hasPrefix("/") { return text }
        let folder = PathText.folder(of: r.file)
        return folder.isEmpty ? text : "\(folder)/\(text)"
    }

    static func baseURL(_ node: Node?, default fallback: String, at path: String, _ r: YAMLReader) throws -> String {
        guard let node else { return fallback }
        let text = try r.string(node, at: path)
        switch URLPolicy.check(text) {
        case .success(let url): return url
        case .failure(let problem): throw r.fail(node, "\(path): \(problem.message)")
        }
    }

    /// The line where a duplicated key is written the second time (Yams reports only the mapping).
    private static func secondOccurrence(of key: String, in text: String) -> Int? {
        let pattern = "^\\s*(- )?\\Q\(key)\\E\\s*:"
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let hits = lines.indices.filter { lines[$0].range(of: pattern, options: .regularExpression) != nil }
        return hits.count >= 2 ? hits[1] + 1 : nil
    }

    private static func yamlErrorLine(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    private static func yamlProblem(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        case .duplicatedKeysInMapping(let duplicates, _): "duplicate keys \(duplicates.joined(separator: ", "))"
        default: "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable"
        }
    }
}
