import Foundation

/// The `hrsync.yaml` that `discover --write-config` drafts: the connections as configured, the real
/// group id, the chosen hierarchy and custom fields and the admin, each commented with what discover
/// saw. Secrets are only named (environment variables or files), never written. Pure.
public struct DraftConfig: Sendable {
    /// What discover found.
    public var report: DiscoverReport
    /// The connections, as the config that discover ran with names them.
    public var personio: PersonioSettings
    /// As `personio`, for 360Learning.
    public var learning360: Learning360Settings
    /// The connector admin's mail (checked by `DiscoverChoices.adminMail`).
    public var adminEmail: String
    /// The custom fields, names settled.
    public var customFields: [(key: String, name: String)]
    /// The state directory to write (relative to the config file).
    public var stateDir = ".hrsync"

    /// A draft of these findings and choices.
    public init(
        report: DiscoverReport, personio: PersonioSettings, learning360: Learning360Settings, adminEmail: String,
        customFields: [(key: String, name: String)]
    ) {
        self.report = report
        self.personio = personio
        self.learning360 = learning360
        self.adminEmail = adminEmail
        self.customFields = customFields
    }

    /// The file's text.
    public func render() -> String {
        let p = report.personio, l = report.learning360
        let statuses = AttributeSurveyor.statuses.map { "\(p.byStatus[$0] ?? 0) \($0)" }.joined(separator: ", ")
        var lines = [
            "# hrsync.yaml drafted by 'hrsync discover'. Secrets are never written here: each *_env key names an",
            "# environment variable, each *_file key a file holding the secret. Check it with 'hrsync check'.",
            "# Personio: \(p.employees) employees (\(statuses)), \(p.attributes.count) attributes readable.",
            "# 360Learning: \(Plural.count(l.groups.count, "group")), \(Plural.count(l.customFields.count, "user custom field")), "
                + "\(Plural.count(l.admins.filter(\.qualifies).count, "active admin or owner", "active admins or owners")).",
            "",
            "personio:",
            "  base_url: \(Self.scalar(personio.baseURL))"
        ]
        lines += secretLines(personio.clientID, "client_id") + secretLines(personio.clientSecret, "client_secret")
        lines.append("  app_id: \(personio.appID)")
        if let ca = personio.caFile { lines.append("  ca_file: \(Self.scalar(ca))") }
        lines += ["", "learning360:", "  base_url: \(Self.scalar(learning360.baseURL))"]
        lines += secretLines(learning360.clientID, "client_id") + secretLines(learning360.clientSecret, "client_secret")
        let admins = l.admins.filter(\.qualifies).compactMap(\.mail)
        lines.append("  admin_email: \(Self.scalar(adminEmail))  # \(Self.comment("active admins and owners found: " + admins.joined(separator: ", ")))")
        lines.append("  send_invitations: \(learning360.sendInvitations)")
        if let ca = learning360.caFile { lines.append("  ca_file: \(Self.scalar(ca))") }
        lines += ["", "state:", "  dir: \(Self.scalar(stateDir))", "", "sync:"]
        lines += groupLines() + fieldLines()
        return lines.joined(separator: "\n") + "\n"
    }

    func secretLines(_ source: SecretSource, _ name: String) -> [String] {
        switch source {
        case .environment(let variable): ["  \(name)_env: \(variable)"]
        case .file(let path): ["  \(name)_file: \(Self.scalar(path))"]
        }
    }

    func groupLines() -> [String] {
        guard let preview = report.hierarchy else {
            return ["  groups: []  # no --group given: 'hrsync discover --group ID|PATH' picks one"]
        }
        let depths = preview.peopleAtDepth.enumerated().reversed().filter { $0.element > 0 }
            .map { "\($0.element) at level \($0.offset)" }.joined(separator: ", ")
        var lines = [
            "  groups:",
            "    - id: \(preview.groupID)  # \(Self.comment(preview.groupPath)): \(Plural.count(preview.people, "person", "people")) placed (\(depths.isEmpty ? "none" : depths)); \(preview.atTop) stay\(preview.atTop == 1 ? "s" : "") here"
        ]
        guard !preview.hierarchy.isEmpty else { return lines }
        lines.append("      hierarchy: [\(preview.hierarchy.map(Self.scalar).joined(separator: ", "))]")
        for level in preview.levels {
            var text = "\(level.attribute): \(Plural.count(level.matched.count, "group")) matched"
            if !level.unmatched.isEmpty {
                let shown = level.unmatched.prefix(5).map { "\($0.value) (\(Plural.count($0.people, "person", "people")))" }
                let more = level.unmatched.count > 5 ? ", …" : ""
                text += "; \(level.unmatched.count) value\(level.unmatched.count == 1 ? " has" : "s have") no group: \(shown.joined(separator: ", "))\(more)"
            }
            if level.withoutValue > 0 { text += "; \(Plural.count(level.withoutValue, "person", "people")) without a value" }
            lines.append("      # \(Self.comment(text))")
        }
        return lines
    }

    func fieldLines() -> [String] {
        guard !customFields.isEmpty else { return ["  custom_fields: []  # add with 'hrsync discover --write-config FILE --custom-field KEY[=NAME]'"] }
        var lines = ["  custom_fields:"]
        for field in customFields {
            let survey = report.attribute(field.key)
            let people = survey.map { $0.withValue.values.reduce(0, +) } ?? 0
            var note = "\(survey?.label.isEmpty == false ? survey!.label + ", " : "")\(Plural.count(people, "person", "people")) with a value"
            let wanted = survey?.looksLikeDate == true ? "date" : "string"
            if wanted == "date" { note += "; a date" }
            // By exact name, as the planner finds a configured field (SYNC-RULES §4).
            if let existing = report.learning360.customFields.first(where: { $0.name == field.name }) {
                note +=
                    existing.type == wanted
                    ? "; the \(existing.type) field exists (\(existing.id))"
                    : "; the field exists (\(existing.id)) as a \(existing.type) field: values are written as \(existing.type) (Personio's is a \(wanted))"
            } else if let other = report.learning360.customFields.first(where: { $0.name.lowercasedForMatching == field.name.lowercasedForMatching }) {
                note +=
                    "; no field is named exactly so (there is '\(other.name)', \(other.id)): apply creates another, a \(wanted) field; use that name to write to it"
            } else {
                note += "; the field does not exist yet: apply creates a \(wanted) field"
            }
            lines += ["    - personio: \(Self.scalar(field.key))  # \(Self.comment(note))", "      name: \(Self.scalar(field.name))"]
        }
        return lines
    }

    /// Bare when plain YAML reads it back unchanged, else a double-quoted (JSON-escaped) string.
    static func scalar(_ text: String) -> String {
        let plain = text.range(of: #"^[A-Za-z0-9_][A-Za-z0-9_@.+-]*$"#, options: .regularExpression) != nil
        let special = ["true", "false", "yes", "no", "on", "off", "null", "y", "n"].contains(text.lowercased()) || Double(text) != nil
        if plain && !special { return text }
        return YAMLText.quoted(text)
    }

    /// One line of comment: vendor text without line breaks, control characters or bidi overrides, capped.
    static func comment(_ text: String) -> String {
        let flat = String(text.unicodeScalars.map { UnsafeScalars.isUnsafeOnTerminal($0) ? " " : Character($0) })
        return flat.count > 300 ? String(flat.prefix(300)) + "…" : flat
    }
}
