import Foundation
import Yams

/// The `sync:` section: matching, groups, custom fields, filters and the guards.
struct SyncSectionLoader {
    let reader: YAMLReader

    func load(_ node: Node?) throws -> SyncSettings {
        var settings = SyncSettings(
            match: [.email, .externalID], groups: [], customFields: [], filters: [],
            filtersApplyToLeavers: false, maxDeletes: .percent(5), maxShrinkPercent: 20)
        guard let node else { return settings }
        let r = reader
        let m = try r.mapping(
            node, at: "sync",
            known: [
                "match", "groups", "custom_fields", "filters", "filters_apply_to_leavers", "max_deletes", "max_blanked", "max_shrink", "on_guard",
                "prestart_days", "leavers", "timezone", "fields"
            ])
        if let n = m["match"] { settings.match = try match(n) }
        if let n = m["groups"] { settings.groups = try r.list(n, at: "sync.groups").enumerated().map { try group($0.element, "sync.groups[\($0.offset)]") } }
        if let n = m["custom_fields"] { settings.customFields = try customFields(n) }
        if let n = m["filters"] {
            settings.filters = try r.list(n, at: "sync.filters").enumerated().map { try filter($0.element, "sync.filters[\($0.offset)]") }
        }
        if let n = m["filters_apply_to_leavers"] { settings.filtersApplyToLeavers = try r.bool(n, at: "sync.filters_apply_to_leavers") }
        if let n = m["max_deletes"] { settings.maxDeletes = try limit(n, at: "sync.max_deletes") }
        if let n = m["max_blanked"] { settings.maxBlanked = try limit(n, at: "sync.max_blanked") }
        if let n = m["max_shrink"] {
            let text = try r.string(n, at: "sync.max_shrink")
            guard let percent = Share.percent(text) else { throw r.fail(n, "sync.max_shrink must be a share like 20%, got '\(text)'") }
            settings.maxShrinkPercent = percent
        }
        if let n = m["on_guard"] { settings.onGuard = try r.choice(n, at: "sync.on_guard") as OnGuard }
        if let n = m["prestart_days"] {
            let text = try r.string(n, at: "sync.prestart_days")
            guard let days = Int(text), (0...366).contains(days) else {
                throw r.fail(n, "sync.prestart_days must be a number of days (0 to 366), got '\(text)'")
            }
            settings.prestartDays = days
        }
        if let n = m["leavers"] { settings.leavers = try r.choice(n, at: "sync.leavers") }
        if let n = m["timezone"] {
            let text = try r.string(n, at: "sync.timezone")
            guard TimeZone(identifier: text) != nil else { throw r.fail(n, "sync.timezone must be an IANA time zone such as Europe/Berlin, got '\(text)'") }
            settings.timezone = text
        }
        if let n = m["fields"] { settings.fields = try fields(n) }
        return settings
    }

    /// `sync.fields: {job: create_only, ...}`: the ownership of default fields.
    func fields(_ node: Node) throws -> [OwnedField: FieldOwnership] {
        let m = try reader.mapping(node, at: "sync.fields", known: OwnedField.allCases.map(\.rawValue))
        var result: [OwnedField: FieldOwnership] = [:]
        for field in OwnedField.allCases {
            guard let valueNode = m[field.rawValue] else { continue }
            let path = "sync.fields.\(field.rawValue)"
            let value = try ownership(valueNode, at: path)
            if value == .never, let why = field.whyNotNever {
                throw reader.fail(valueNode, "\(path) cannot be never: \(why)")
            }
            result[field] = value
        }
        return result
    }

    /// `always`, `create_only` or `never`, with the nearest one suggested for a typo.
    func ownership(_ node: Node, at path: String) throws -> FieldOwnership {
        let text = try reader.string(node, at: path)
        if let value = FieldOwnership(rawValue: text) { return value }
        let names = FieldOwnership.allCases.map(\.rawValue)
        let hint = Suggestion.closest(to: text, in: names).map { "; did you mean '\($0)'?" } ?? ""
        throw reader.fail(node, "\(path) must be \(names.joined(separator: ", ")), got '\(text)'\(hint)")
    }

    func match(_ node: Node) throws -> [MatchKey] {
        let names = try reader.stringList(node, at: "sync.match")
        let keys = try names.map { name in
            guard let key = MatchKey(rawValue: name) else {
                throw reader.fail(node, "sync.match: unknown key '\(name)' (use email and external_id)")
            }
            return key
        }
        guard !keys.isEmpty, Set(keys).count == keys.count else {
            throw reader.fail(node, "sync.match must list email and/or external_id, each once, in order of precedence")
        }
        return keys
    }

    func group(_ node: Node, _ path: String) throws -> GroupSync {
        let m = try reader.mapping(node, at: path, known: ["id", "hierarchy", "filter"])
        guard let idNode = m["id"] else { throw reader.fail(node, "\(path).id is required (a 360Learning group id)") }
        let id = try reader.string(idNode, at: "\(path).id")
        guard Learning360ID.isValid(id) else {
            throw reader.fail(idNode, "\(path).id '\(id)' is not a 360Learning group id (24 hex digits)")
        }
        return GroupSync(
            id: id,
            hierarchy: try m["hierarchy"].map { try reader.stringList($0, at: "\(path).hierarchy") } ?? [],
            filter: try m["filter"].map { try filter($0, "\(path).filter") })
    }

    func customFields(_ node: Node) throws -> [CustomFieldMapping] {
        var seen: Set<String> = []
        return try reader.list(node, at: "sync.custom_fields").enumerated().map { index, entry in
            let path = "sync.custom_fields[\(index)]"
            let m = try reader.mapping(entry, at: path, known: ["personio", "name", "apply"])
            guard let keyNode = m["personio"], let nameNode = m["name"] else {
                throw reader.fail(entry, "\(path) needs both 'personio' (an attribute key) and 'name' (the 360Learning field name)")
            }
            let mapping = CustomFieldMapping(
                personioKey: try reader.string(keyNode, at: "\(path).personio"),
                name: try reader.string(nameNode, at: "\(path).name"),
                apply: try m["apply"].map { try ownership($0, at: "\(path).apply") } ?? .always)
            guard seen.insert(mapping.name.lowercased()).inserted else {
                throw reader.fail(nameNode, "\(path): the 360Learning field name '\(mapping.name)' is used twice")
            }
            return mapping
        }
    }

    func limit(_ node: Node, at key: String) throws -> DeletionLimit {
        let text = try reader.string(node, at: key)
        if let count = Int(text), count >= 0 { return .count(count) }
        if let percent = Share.percent(text) { return .percent(percent) }
        throw reader.fail(node, "\(key) must be a count (25) or a share (5%), got '\(text)'")
    }

    /// `{attribute: x, <operator>: value}` or `{any: [...]}` / `{all: [...]}`.
    func filter(_ node: Node, _ path: String) throws -> EmployeeFilter {
        let m = try reader.mapping(node, at: path, known: ["attribute", "any", "all"] + FilterOperator.names)
        for combinator in ["any", "all"] {
            guard let listNode = m[combinator] else { continue }
            guard m.count == 1 else { throw reader.fail(node, "\(path): '\(combinator)' stands alone in its filter") }
            let parts = try reader.list(listNode, at: "\(path).\(combinator)").enumerated().map {
                try filter($0.element, "\(path).\(combinator)[\($0.offset)]")
            }
            return combinator == "any" ? .any(parts) : .all(parts)
        }
        guard let attributeNode = m["attribute"] else { throw reader.fail(node, "\(path) needs 'attribute' (a Personio attribute key)") }
        let attribute = try reader.string(attributeNode, at: "\(path).attribute")
        let operators = FilterOperator.names.filter { m[$0] != nil }
        guard operators.count == 1, let name = operators.first, let valueNode = m[name] else {
            throw reader.fail(node, "\(path) needs exactly one operator (\(FilterOperator.names.joined(separator: ", ")))")
        }
        let at = "\(path).\(name)"
        let op: FilterOperator
        switch name {
        case "equals": op = .equals(try reader.string(valueNode, at: at))
        case "not_equals": op = .notEquals(try reader.string(valueNode, at: at))
        case "in": op = .isIn(try reader.stringList(valueNode, at: at))
        case "not_in": op = .notIn(try reader.stringList(valueNode, at: at))
        case "matches":
            let pattern = try reader.string(valueNode, at: at)
            do { _ = try NSRegularExpression(pattern: pattern) } catch {
                throw reader.fail(valueNode, "\(at): '\(pattern)' is not a valid regular expression")
            }
            op = .matches(pattern)
        default:
            guard try reader.bool(valueNode, at: at) else { throw reader.fail(valueNode, "\(at) only takes true") }
            op = name == "exists" ? .exists : .missing
        }
        return .condition(attribute: attribute, op)
    }
}
