import ArgumentParser
import Foundation
import HRSyncCore
import HRSyncEngine

struct DiscoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Read-only: what both systems hold (attributes, groups, custom fields, admins), to write a config.",
        discussion: """
            Needs only the personio: and learning360: sections (no sync:, no admin_email, no state directory) and \
            stores nothing. Reads the attribute list and the pages of employees, the group list, the custom-field \
            definitions and the platform's admins; never one read per employee. --group with --hierarchy previews \
            where people land under SYNC-RULES §5; --write-config drafts hrsync.yaml from the choices. --json: one \
            document (docs/discover.schema.json).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The synced top group, by id or path (Employees or \"Employees › Berlin\").", valueName: "id|path"))
    var group: String?

    @Option(help: ArgumentHelp("Personio attribute keys, level 1 first, comma-separated (office,department).", valueName: "keys"))
    var hierarchy: String?

    @Option(
        name: .customLong("write-config"), help: ArgumentHelp("Write a draft hrsync.yaml here (no secrets).", valueName: "file"),
        completion: .file(extensions: ["yaml", "yml"]))
    var writeConfig: String?

    @Option(
        name: .customLong("custom-field"),
        help: ArgumentHelp(
            "With --write-config: sync this Personio attribute to a 360Learning field (default name: its label); repeatable.", valueName: "key[=name]"))
    var customFields: [String] = []

    @Option(help: ArgumentHelp("With --write-config: the connector admin, an active platform admin or owner.", valueName: "email"))
    var admin: String?

    @Flag(help: "With --write-config: overwrite an existing file.")
    var force = false

    func validate() throws {
        if hierarchy != nil && group == nil { throw ValidationError("--hierarchy needs --group (the top group the levels start from)") }
        if writeConfig == nil && (!customFields.isEmpty || admin != nil || force) {
            throw ValidationError("--custom-field, --admin and --force go with --write-config FILE")
        }
    }

    func run() async throws {
        let console = Console(global)
        guard FileManager.default.fileExists(atPath: global.config) else { throw CLIError.configMissing(path: global.config) }
        let config = try ConfigFile.read(global.config, purpose: .discover).config
        if let path = writeConfig {
            if FileManager.default.fileExists(atPath: path) && !force { throw CLIError.configExists(path: path) }
        }
        let choices = DiscoverChoices(
            hierarchy: (hierarchy ?? "").split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty },
            customFields: customFields.map(DiscoverChoices.CustomField.init(argument:)), admin: admin)
        let reading = try await Clients.using(rateLimitScale: TestHooks.rateLimitScale, retryObserver: RetryAnnouncer(console)) { clients in
            try clients.checkCredentials(config)
            return try await Discovery(personio: try clients.personio(config), learning360: try clients.learning360(config)).read()
        }
        for warning in reading.personioWarnings { console.warn(warning) }
        var report = DiscoverReport(
            personioBaseURL: config.personio.baseURL, learning360BaseURL: config.learning360.baseURL, definitions: reading.definitions,
            definitionsProblem: reading.definitionsProblem, employees: reading.employees, tree: reading.tree, customFields: reading.customFields,
            admins: reading.admins)
        try choices.checkAttributes(in: report)
        if let group {
            let id: String
            switch GroupListing.resolve(group, in: reading.tree) {
            case .success(let found): id = found
            case .failure(let problem): throw DiscoverFailure.group(problem)
            }
            report.hierarchy = HierarchyPreview.build(groupID: id, hierarchy: choices.hierarchy, employees: reading.employees, tree: reading.tree)
        }
        if let path = writeConfig {
            let draft = DraftConfig(
                report: report, personio: config.personio, learning360: config.learning360, adminEmail: try choices.adminMail(in: report),
                customFields: choices.resolvedFields(report))
            try PrivateFile.write(Data(draft.render().utf8), to: path)
            console.info("wrote \(path): set the credentials' environment variables (or files), then run 'hrsync -c \(path) check'")
        }
        console.out(global.json ? try JSONOutput.snakeCase(report) : DiscoverView.text(report))
    }
}

/// `--group` named no single group (printed escaped, as every error).
enum DiscoverFailure: Error, LocalizedError {
    case group(GroupListing.Problem)

    var errorDescription: String? {
        switch self {
        case .group(.unknown(let text, let suggestion)):
            "--group \(text): no 360Learning group has this id or path\(suggestion.map { "; did you mean '\($0)'?" } ?? "") ('hrsync discover' lists the groups)"
        case .group(.ambiguous(let text, let ids)):
            "--group \(text): \(ids.count) groups have this path (\(ids.joined(separator: ", "))); give the id"
        }
    }
}
