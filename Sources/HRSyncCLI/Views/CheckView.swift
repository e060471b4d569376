import HRSyncCore

/// `hrsync check`: one line per item, `ok`/`FAIL`/`info`/`skip` first.
enum CheckView {
    struct Document: Encodable {
        var items: [CheckItem]
        var passed: Bool { !items.contains { $0.status == .fail } }

        enum CodingKeys: String, CodingKey { case items, passed }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(items, forKey: .items)
            try c.encode(passed, forKey: .passed)
        }
    }

    static func text(_ items: [CheckItem], console: Console) -> String {
        let width = items.map(\.item.count).max() ?? 0
        var lines = items.map { item -> String in
            let mark: String
            switch item.status {
            case .pass: mark = console.paint("ok  ", "32")
            case .fail: mark = console.paint("FAIL", "31")
            case .info: mark = "info"
            case .skipped: mark = "skip"
            }
            return "\(mark) \(TerminalText.escape(item.item).padding(toLength: width, withPad: " ", startingAt: 0))  \(TerminalText.escape(item.detail))"
        }
        let failed = items.filter { $0.status == .fail }.count
        lines.append(failed == 0 ? "All checks passed." : "\(Plural.count(failed, "check")) failed.")
        return lines.joined(separator: "\n")
    }
}
