import Foundation

/// One line of `hrsync check`.
public struct CheckItem: Codable, Equatable, Sendable {
    /// Whether the item holds.
    public enum Status: String, Codable, Sendable {
        /// It holds.
        case pass
        /// It does not: `check` exits 1.
        case fail
        /// Said, not tested (the write scopes; the first apply's counts).
        case info
        /// Not tried, because an item it needs failed.
        case skipped
    }

    /// What was checked (`personio credential`, `sync.groups[0]`).
    public var item: String
    /// The outcome.
    public var status: Status
    /// What was found, or what to do.
    public var detail: String

    /// An item from its parts.
    public init(_ item: String, _ status: Status, _ detail: String) {
        self.item = item
        self.status = status
        self.detail = detail
    }
}

/// The judgements of `hrsync check` on what was read (pure: the reads and the clock are the caller's).
public enum PreflightRules {
    /// How far the local clock may be from a vendor's `Date` header: tokens expire, leaver dates depend on today.
    public static let clockTolerance: TimeInterval = 300

    /// The state directory: present, a directory, mode 0700. `mode` nil: it does not exist.
    public static func stateDirectory(path: String, isDirectory: Bool, mode: UInt16?) -> CheckItem {
        guard let mode else { return CheckItem("state directory", .fail, "\(path) does not exist: run 'hrsync init'") }
        guard isDirectory else { return CheckItem("state directory", .fail, "\(path) is not a directory") }
        let permissions = mode & 0o777
        guard permissions == 0o700 else {
            return CheckItem("state directory", .fail, "\(path) has mode \(String(permissions, radix: 8)); it holds personal data: chmod 700 \(path)")
        }
        return CheckItem("state directory", .pass, "\(path) exists, mode 700")
    }

    /// A base URL: https, or plain http on a real loopback address (a sandbox).
    public static func baseURL(_ key: String, _ url: String) -> CheckItem {
        switch URLPolicy.check(url) {
        case .failure(let problem): return CheckItem(key, .fail, problem.message)
        case .success:
            let host = URLComponents(string: url)?.host ?? ""
            return url.lowercased().hasPrefix("https://")
                ? CheckItem(key, .pass, "\(url) (https)")
                : CheckItem(key, .pass, "\(url) (http on loopback \(host): a sandbox, not a real account)")
        }
    }

    /// The local clock against a vendor's `Date` header (RFC 7231 form); nil header: not judged.
    public static func clock(vendor: String, dateHeader: String?, now: Date) -> CheckItem {
        let item = "\(vendor) clock"
        guard let dateHeader, let server = httpDate(dateHeader) else {
            return CheckItem(item, .info, "\(vendor) sent no Date header: not compared")
        }
        let offset = now.timeIntervalSince(server)
        let text = "local clock is \(Int(abs(offset).rounded())) s \(offset >= 0 ? "ahead of" : "behind") \(vendor)"
        return abs(offset) <= clockTolerance
            ? CheckItem(item, .pass, text)
            : CheckItem(item, .fail, text + " (over 5 minutes: tokens and leaver dates go wrong; set the time with NTP)")
    }

    /// `Sun, 06 Dec 2026 23:41:40 GMT`.
    public static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text.trimmingCharacters(in: .whitespaces))
    }

    /// The 360Learning read scope a refused read's endpoint needs, for "name the missing scope".
    public static func readScope(endpoint text: String) -> String {
        let scopes = [
            ("/external-ids", "externalIds:read"), ("/custom-fields", "customFields:read"), ("/roles", "groups:read"), ("/groups", "groups:read"),
            ("/users", "users:read")
        ]
        return scopes.first { text.contains($0.0) }.map { "the credential may lack \($0.1)" } ?? "check the credential's read scopes"
    }

    /// Each synced group id exists.
    public static func groups(_ groups: [GroupSync], tree: GroupTree) -> [CheckItem] {
        groups.enumerated().map { index, group in
            let item = "sync.groups[\(index)]"
            guard let path = tree.path(of: group.id) else {
                return CheckItem(item, .fail, "group \(group.id) does not exist in 360Learning ('hrsync discover' lists the groups)")
            }
            return CheckItem(item, .pass, "group \(group.id) exists: \(path)")
        }
    }

    /// Each hierarchy attribute and custom field's Personio key is carried by at least one employee.
    public static func attributes(_ sync: SyncSettings, employees: [Employee], listed: Set<String>?) -> [CheckItem] {
        var named: [(String, String)] = []
        for (index, group) in sync.groups.enumerated() {
            for key in group.hierarchy { named.append(("sync.groups[\(index)].hierarchy \(key)", key)) }
        }
        for (index, field) in sync.customFields.enumerated() where field.apply != .never {
            named.append(("sync.custom_fields[\(index)] \(field.personioKey)", field.personioKey))
        }
        return named.map { item, key in
            let carried = employees.reduce(0) { $0 + ($1[key] != nil ? 1 : 0) }
            if carried > 0 { return CheckItem(item, .pass, "readable: \(Plural.count(carried, "employee")) carry it") }
            if listed?.contains(key) == true {
                return CheckItem(
                    item, .fail,
                    "hidden attribute: Personio lists '\(key)' but no employee carries it: the API credential's whitelist hides it (Settings → API credentials → Readable employee attributes); syncing it would blank the field"
                )
            }
            return CheckItem(
                item, .fail,
                "no employee carries '\(key)' and Personio does not list it: a wrong key, or hidden from this credential ('hrsync discover' lists the keys)")
        }
    }

    /// `learning360.admin_email` is an active admin or owner of the platform.
    public static func admin(_ mail: String, admins: [DiscoveredAdmin]) -> CheckItem {
        let candidates = admins.filter(\.qualifies).compactMap(\.mail)
        if let found = admins.first(where: { $0.mail.map(MatchRule.normalize) == MatchRule.normalize(mail) }) {
            if found.qualifies { return CheckItem("admin_email", .pass, "\(mail) is an active \(found.roles.joined(separator: " and ")) of the platform") }
            return CheckItem("admin_email", .fail, "\(mail) is \(found.status), not active; candidates: \(candidates.joined(separator: ", "))")
        }
        return CheckItem(
            "admin_email", .fail,
            "\(mail) is not an admin or owner of the platform; candidates: \(candidates.isEmpty ? "none found" : candidates.joined(separator: ", "))")
    }

    /// What the first apply would do, counted: wanted employees by how they match (SYNC-RULES §2), and the plan's totals.
    public static func firstApply(employees: [Int: Employee], lms: LMSState, config: HRSyncConfig, plan: Plan) -> CheckItem {
        let index = MatchIndex(lms: lms, employees: employees.values)
        var creates = 0, byEmail = 0, byExternalID = 0, conflicts = 0
        for employee in employees.values where StatusClass.of(employee.status) == .wanted {
            if !config.sync.filters.allSatisfy({ FilterRule.passes($0, employee) }) { continue }
            switch MatchRule.match(employee, index, order: config.sync.match) {
            case .unmatched: creates += 1
            case .matched(_, by: .email): byEmail += 1
            case .matched(_, by: .externalID): byExternalID += 1
            case .conflict, .sharedEmail, .ambiguousEmail: conflicts += 1
            }
        }
        return CheckItem(
            "first apply", .info,
            "\(creates) to create, \(byEmail) matched by email, \(byExternalID) matched by external id, \(Plural.count(conflicts, "conflict")); \(plan.summary.line)"
        )
    }
}
