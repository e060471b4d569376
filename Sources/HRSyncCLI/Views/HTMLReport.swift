import Foundation
import HRSyncCore
import HRSyncStore

/// A plan (and, for `show APPLY`, what its apply did) as one self-contained HTML page for the
/// person who approves it: no network, inline CSS, one small script under a strict CSP (the page
/// reads fully without it), every value from the APIs escaped. The same lines as `plan` prints,
/// from the same `PlanView`, so the two never disagree.
struct HTMLReport {
    let plan: Plan
    let planID: String
    let lms: LMSState
    /// The apply's results, in the plan's order, when the page reports an apply.
    var record: ApplyRecord?
    var applyID: String?
    var when: Date?
    /// The previous full plan's warnings: the page lists the new ones first (nil: no earlier plan).
    var earlierWarnings: Set<PlanNote>?

    var view: PlanView { PlanView(plan, lms: lms, console: Console()) }

    func render() -> String {
        let title =
            applyID.map { "hrsync apply \($0.prefix(12))" } ?? plan.asOf.map { "hrsync plan preview as of \($0)" } ?? "hrsync plan \(planID.prefix(12))"
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src '\(Self.scriptHash)'; img-src 'none'; form-action 'none'; base-uri 'none'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Self.html(title))</title>
            <style>\(Self.style)</style></head>
            <body>
            <header><h1>\(Self.html(title))</h1>\(header())</header>
            \(summary())
            \(notices())
            \(OrgChart(plan: plan, lms: lms).render())
            \(people())
            \(warnings())
            <script>\(Self.script)</script>
            </body></html>

            """
    }

    func header() -> String {
        var rows = [
            ("Target", plan.target), ("Personio snapshot", plan.personioSnapshot), ("360Learning snapshot", plan.learning360Snapshot),
            ("Config", plan.configHash), ("Plan", planID)
        ]
        if let when { rows.append(("When", JSONOutput.timestamp.string(from: when))) }
        if let reverts = plan.reverts { rows.append(("Reverts apply", reverts)) }
        if let applyID { rows.append(("Apply", applyID)) }
        // A preview (`plan --as-of`) is never stored: say so before anyone approves it.
        let preview = plan.asOf.map {
            "<p class=\"held\"><strong>Preview as of \(Self.html($0)):</strong> computed with the date rules taking that day as today; it was not saved and cannot be applied.</p>"
        }

        let held =
            plan.held.map {
                "<p class=\"held\"><strong>Held by the deletion guard:</strong> \(Self.html(PlanView.describe($0, preview: plan.asOf != nil)))</p>"
            }
            ?? "<p class=\"ok\">Not held: the deletion guard allows every delete of this plan.</p>"
        let blanking = plan.blankingHeld.map {
            "<p class=\"held\"><strong>Held by the blanking guard (\(Self.html($0.field))):</strong> \(Self.html(PlanView.describe($0, preview: plan.asOf != nil)))</p>"
        }.joined()
        return "<dl>" + rows.map { "<dt>\(Self.html($0.0))</dt><dd><code>\(Self.html($0.1))</code></dd>" }.joined() + "</dl>" + (preview ?? "") + held
            + blanking
    }

    func summary() -> String {
        let s = plan.summary
        let counts = [
            ("create", s.create), ("update", s.update), ("delete", s.delete), ("restore", s.restore), ("warnings", s.warnings), ("conflicts", s.conflicts)
        ]
        var cells = counts.map { "<div class=\"count \($0.0)\"><b>\($0.1)</b> \($0.0)</div>" }
        if let record {
            for status in ApplyRecord.Status.allCases {
                cells.append(
                    "<div class=\"count \(status.rawValue)\"><b>\(record.outcome[status] ?? 0)</b> \(status.rawValue.replacingOccurrences(of: "_", with: " "))</div>"
                )
            }
        }
        let filters = ["all", "create", "update", "delete", "restore"].map { "<button type=\"button\" data-filter=\"\($0)\">\($0)</button>" }.joined()
        return "<section id=\"summary\"><h2>Summary</h2><div class=\"counts\">\(cells.joined())</div><p>\(Self.html(s.line))</p>"
            + "<nav class=\"filters\" hidden>Show: \(filters)</nav></section>"
    }

    /// Conflicts before the changes (each is a person hrsync does nothing for); warnings after them.
    func notices() -> String {
        var out = ""
        if !plan.conflicts.isEmpty {
            out +=
                "<section id=\"conflicts\"><h2>Conflicts: no action (\(plan.conflicts.count))</h2><ul>"
                + plan.conflicts.map { "<li>\(Self.html(TerminalText.escape($0.message)))</li>" }.joined() + "</ul></section>"
        }
        return out
    }

    /// After the changes, grouped by cause (a cause shared by many: one line with a count, the people
    /// folded); the ones new since the last plan first, those the last plan had folded.
    func warnings() -> String {
        guard !plan.warnings.isEmpty else { return "" }
        let (new, repeated) = PlanView.split(plan.warnings, earlier: earlierWarnings)
        var out = "<section id=\"warnings\"><h2>Warnings (\(plan.warnings.count)\(earlierWarnings == nil ? "" : "; \(new.count) new since the last plan"))</h2>"
        out += Self.warningList(new)
        if !repeated.isEmpty {
            out += "<details><summary>\(Plural.count(repeated.count, "warning")) as in the last plan</summary>"
            out += Self.warningList(repeated) + "</details>"
        }
        return out + "</section>"
    }

    static func warningList(_ notes: [PlanNote]) -> String {
        guard !notes.isEmpty else { return "" }
        let items = PlanView.warningGroups(notes).map { cause, notes in
            guard let cause, notes.count > 1 else { return "<li>\(html(TerminalText.escape(notes[0].message)))</li>" }
            let people = notes.map { "<li>\(html(TerminalText.escape($0.message)))</li>" }.joined()
            return "<li><details><summary>\(notes.count) employees: \(html(TerminalText.escape(cause)))</summary><ul>\(people)</ul></details></li>"
        }
        return "<ul>" + items.joined() + "</ul>"
    }

    func people() -> String {
        let view = self.view
        // The record's results are in the plan's order (one per action).
        let results = record.map { $0.results.count == plan.actions.count ? $0.results : [] } ?? []
        var out = "<section id=\"people\"><h2>Changes (\(Plural.count(plan.actions.count, "action")))</h2>"
        for indices in view.groupedIndices() {
            let actions = indices.map { plan.actions[$0] }
            let kind = Self.kind(actions)
            out += "<article class=\"person \(kind)\" data-kind=\"\(kind)\"><h3>\(Self.html(view.header(actions)))</h3><ul>"
            for index in indices {
                let action = plan.actions[index]
                let result = results.indices.contains(index) ? results[index] : nil
                let status =
                    result.map { " <span class=\"status \($0.status.rawValue)\">\($0.status.rawValue.replacingOccurrences(of: "_", with: " "))</span>" } ?? ""
                let error = result?.error.map { "<div class=\"error\">\(Self.html(TerminalText.escape($0)))</div>" } ?? ""
                let lines = view.details(action).map { Self.html($0.trimmingCharacters(in: .whitespaces)) }
                out +=
                    "<li><span class=\"kind\">\(action.kind.rawValue.replacingOccurrences(of: "_", with: " "))</span>\(status)"
                    + (lines.isEmpty ? "" : "<div class=\"lines\">" + lines.joined(separator: "<br>") + "</div>") + error + "</li>"
            }
            out += "</ul></article>"
        }
        return out + "</section>"
    }

    static func kind(_ actions: [PlanAction]) -> String {
        let kinds = Set(actions.map(\.kind))
        if kinds.contains(.createUser) || kinds.contains(.createField) { return "create" }
        if kinds.contains(.restoreUser) { return "restore" }
        if kinds.contains(.deleteUser) || kinds.contains(.deleteField) { return "delete" }
        return "update"
    }

    /// Text as HTML: markup characters become entities (names like `<script>` stay text).
    static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// The one script: shows the filter buttons and hides the people of other kinds.
    static let script =
        "document.querySelector('.filters').hidden=false;document.querySelectorAll('[data-filter]').forEach(function(b){b.addEventListener('click',function(){var k=b.getAttribute('data-filter');document.querySelectorAll('.person').forEach(function(p){p.hidden=k!=='all'&&p.getAttribute('data-kind')!==k;});});});"

    /// The CSP allows exactly that script: its SHA-256, base64.
    static let scriptHash: String = {
        let hex = ObjectID.sha256(of: Data(script.utf8)).hex
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return "sha256-" + Data(bytes).base64EncodedString()
    }()

    static let style = """
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1d1d1f}
        h1{font-size:1.5rem}h2{font-size:1.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}h3{font-size:1rem;margin:.2rem 0}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem}dt{color:#555}dd{margin:0}code{font-size:.85rem;word-break:break-all}
        .held{background:#fde8e8;border-left:4px solid #c0392b;padding:.5rem}.ok{color:#2e7d32}
        .counts{display:flex;flex-wrap:wrap;gap:.5rem}.count{border:1px solid #ddd;border-radius:6px;padding:.3rem .7rem}.count b{font-size:1.2rem}
        .person{border:1px solid #e3e3e3;border-left-width:5px;border-radius:4px;margin:.5rem 0;padding:.4rem .8rem;break-inside:avoid}
        .person.create{border-left-color:#2e7d32}.person.update{border-left-color:#b7950b}.person.delete{border-left-color:#c0392b}.person.restore{border-left-color:#1f7a8c}
        .person ul{margin:.2rem 0;padding-left:1.2rem}.kind{font-weight:600;font-size:.85rem;color:#444}.lines{font-family:ui-monospace,monospace;font-size:.85rem}
        .status{font-size:.8rem;border-radius:3px;padding:0 .3rem;background:#eee}.status.failed{background:#c0392b;color:#fff}.status.done{background:#d5f5e3}
        .error{color:#c0392b;font-size:.85rem}.filters button{margin-right:.3rem}
        .tree ul{list-style:none;padding-left:1.2rem;border-left:1px dotted #bbb}.join{color:#2e7d32}.leave{color:#c0392b}
        @media print{.filters{display:none}.person{border-color:#999}body{margin:0}}
        """
}
