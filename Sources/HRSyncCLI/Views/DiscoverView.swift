import HRSyncCore

/// `hrsync discover` on a terminal: one table per finding, the hierarchy preview last.
enum DiscoverView {
    static func text(_ report: DiscoverReport) -> String {
        [personio(report.personio), groups(report.learning360), fields(report.learning360), admins(report.learning360)]
            .joined(separator: "\n\n") + (report.hierarchy.map { "\n\n" + hierarchy($0) } ?? "")
    }

    static func personio(_ side: DiscoverReport.PersonioSide) -> String {
        let statuses = side.byStatus.sorted { $0.key < $1.key }.map { "\($0.value) \(TerminalText.escape($0.key))" }.joined(separator: ", ")
        var table = TextTable("KEY", "LABEL", "TYPE", "ACTIVE", "ONBOARDING", "LEAVE", "VALUES")
        for attribute in side.attributes {
            let values: String
            if attribute.hiddenByWhitelist {
                values = "HIDDEN: listed, on no employee (credential whitelist)"
            } else if let top = attribute.topValues {
                let sample = top.isEmpty ? "(no values)" : top.map { "\($0.value) (\($0.count))" }.joined(separator: ", ")
                let more = (attribute.distinctValues ?? 0) > top.count ? ", … \(attribute.distinctValues!) in all" : ""
                values = (attribute.looksLikeDate ? "date: " : "") + sample + more
            } else {
                values = attribute.looksLikeDate ? "date, personal: counts only" : "personal: counts only"
            }
            table.add(
                attribute.key, attribute.label, attribute.type, String(attribute.withValue["active"] ?? 0),
                String(attribute.withValue["onboarding"] ?? 0), String(attribute.withValue["leave"] ?? 0), values)
        }
        table.maximumCellWidth = 60
        var head = "Personio \(TerminalText.escape(side.baseURL)): \(side.employees) employees (\(statuses)), \(side.attributes.count) attributes"
        if let problem = side.attributeListProblem {
            head += "\n  the attribute list could not be read (\(TerminalText.escape(problem))): only keys seen on employees"
        }
        return head + "\n" + table.render()
    }

    static func groups(_ side: DiscoverReport.Learning360Side) -> String {
        var table = TextTable("ID", "PATH", "PUBLIC")
        table.maximumCellWidth = 80
        for group in side.groups {
            table.add(group.id, String(repeating: "  ", count: group.depth) + group.path, group.isPublic ? "yes" : "no")
        }
        return "360Learning \(TerminalText.escape(side.baseURL)): \(Plural.count(side.groups.count, "group"))\n" + table.render()
    }

    static func fields(_ side: DiscoverReport.Learning360Side) -> String {
        guard !side.customFields.isEmpty else { return "User custom fields: none" }
        var table = TextTable("ID", "NAME", "TYPE")
        for field in side.customFields { table.add(field.id, field.name, field.type) }
        return "User custom fields: \(side.customFields.count)\n" + table.render()
    }

    static func admins(_ side: DiscoverReport.Learning360Side) -> String {
        guard !side.admins.isEmpty else { return "Platform admins and owners: none found" }
        var table = TextTable("MAIL", "ROLES", "STATUS", "ADMIN_EMAIL?")
        for admin in side.admins {
            table.add(
                admin.mail ?? "(no mail: \(admin.id))", admin.roles.joined(separator: ", "), admin.status, admin.qualifies && admin.mail != nil ? "yes" : "no")
        }
        return "Platform admins and owners (candidates for learning360.admin_email): \(side.admins.count)\n" + table.render()
    }

    static func hierarchy(_ preview: HierarchyPreview) -> String {
        var lines = [
            "Hierarchy preview under \(TerminalText.escape(preview.groupPath)) (\(preview.groupID)) by \(preview.hierarchy.joined(separator: " › ")): \(Plural.count(preview.people, "person", "people")) (active, onboarding, leave)"
        ]
        var depths = TextTable("DEPTH", "GROUP LEVEL", "PEOPLE")
        for (depth, count) in preview.peopleAtDepth.enumerated() {
            depths.add(String(depth), depth == 0 ? "the top group itself (no match)" : preview.hierarchy[depth - 1], String(count))
        }
        lines.append(depths.render())
        for level in preview.levels {
            lines.append("")
            lines.append(
                "Level \(TerminalText.escape(level.attribute)): \(level.matched.count) matched, \(level.unmatched.count) without a group, \(level.withoutValue) without a value"
            )
            var table = TextTable("VALUE / GROUP", "PEOPLE", "MATCH")
            table.maximumCellWidth = 60
            // Paths below the top group (named once, above): a long top group name would clip what matched.
            let below = { (path: String) in path.hasPrefix(preview.groupPath + " › ") ? String(path.dropFirst(preview.groupPath.count + 3)) : path }
            for match in level.matched { table.add(below(match.path), String(match.people), "group \(match.groupID)") }
            for miss in level.unmatched {
                let under = miss.under == preview.groupPath ? "the top group" : below(miss.under)
                table.add("\(miss.value) (under \(under))", String(miss.people), "NO GROUP: stay one level up")
            }
            if level.withoutValue > 0 { table.add("(no value)", String(level.withoutValue), "stay one level up") }
            lines.append(table.render())
        }
        lines.append("")
        lines.append(
            preview.hierarchy.isEmpty
                ? "No --hierarchy given: all \(Plural.count(preview.people, "person", "people")) would be placed in \(TerminalText.escape(preview.groupPath)) itself."
                : "\(Plural.count(preview.atTop, "person", "people")) would stay in \(TerminalText.escape(preview.groupPath)) itself (no group matched their \(preview.hierarchy[0]))."
        )
        return lines.joined(separator: "\n")
    }
}
