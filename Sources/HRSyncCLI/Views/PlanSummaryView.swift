import Foundation
import HRSyncCore
import HRSyncEngine

extension PlanView {
    /// How much of a plan a view prints: a large plan on a terminal is summarised (4,000 lines
    /// scroll past unread; `show`, `-v`, `--html` and a pipe get every action), and warnings the
    /// previous full plan had too are counted, not repeated.
    struct Rendering {
        /// The plan's id, for the "see all" hint.
        var planID: String?
        /// The previous full plan's warnings; nil: print them all (grouped).
        var earlierWarnings: Set<PlanNote>?
        /// Whether a large plan may be summarised on a terminal (`show` prints all: it is where the hint points).
        var summarizeOnTerminal = true
        /// A preview (`plan --as-of`): never stored, so no hint may name `show` or `apply`.
        var isPreview = false
        /// Above this many people (and custom fields), a terminal gets the summary.
        static let fullLimit = 30
        /// People named by name in the summary.
        static let namedInSummary = 10

        /// Everything printed (`show`'s default for the plan it names).
        init(planID: String? = nil, earlierWarnings: Set<PlanNote>? = nil, summarizeOnTerminal: Bool = true) {
            self.planID = planID
            self.earlierWarnings = earlierWarnings
            self.summarizeOnTerminal = summarizeOnTerminal
        }

        /// A fresh plan: summarised on a terminal when large, warnings new since the last plan in full.
        init(_ outcome: PlanEngine.Outcome) {
            self.init(planID: outcome.id.hex, earlierWarnings: outcome.earlierWarnings)
            isPreview = outcome.plan.asOf != nil
        }

        /// Where every action is: `show` for a stored plan; a preview is only ever printed, so -v or --html.
        var everyAction: (summary: String, rest: String) {
            guard !isPreview else { return ("-v, a pipe or --html FILE", "-v or --html FILE") }
            let id = planID.map { " \($0.prefix(12))" } ?? ""
            return ("-v, a pipe or 'hrsync show\(id)'", "'hrsync show\(id)' or 'hrsync plan --html FILE'")
        }

        func summarizes(blocks: Int, console: Console) -> Bool {
            summarizeOnTerminal && console.terminal && !console.verbose && blocks > Self.fullLimit
        }
    }

    /// Counts per kind (with the groups people are placed in), the first people by name, and where the rest is.
    func summary(of blocks: [[PlanAction]]) -> [String] {
        var order: [String] = [], people: [String: Int] = [:], groups: [String: [String: Int]] = [:]
        for actions in blocks {
            let kind = Self.kindLabel(actions)
            if people[kind] == nil { order.append(kind) }
            people[kind, default: 0] += 1
            for id in Self.placements(actions) { groups[kind, default: [:]][group(id), default: 0] += 1 }
        }
        // The custom fields are few and named each; the first people by name, the rest counted.
        let fieldBlocks = blocks.filter { Self.kindLabel($0).hasSuffix("custom field") }
        let personBlocks = blocks.filter { !Self.kindLabel($0).hasSuffix("custom field") }
        let counted = [
            personBlocks.isEmpty ? nil : Plural.count(personBlocks.count, "person", "people"),
            fieldBlocks.isEmpty ? nil : Plural.count(fieldBlocks.count, "custom field")
        ].compactMap { $0 }
        var lines = [
            "\(ListFormatter.and(counted)) change; summarised on a terminal (\(rendering.everyAction.summary) print every action):"
        ]
        for kind in order {
            let counts = (groups[kind] ?? [:]).sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            let shown = counts.prefix(5).map { "\($0.key) \($0.value)" }.joined(separator: " · ")
            let more = counts.count > 5 ? " · … (\(Plural.count(counts.count, "group")))" : ""
            lines.append("  \(kind): \(people[kind] ?? 0)" + (shown.isEmpty ? "" : "   \(shown)\(more)"))
        }
        lines.append("")
        lines += fieldBlocks.map(header) + personBlocks.prefix(Self.Rendering.namedInSummary).map(header)
        if personBlocks.count > Self.Rendering.namedInSummary {
            let rest = personBlocks.count - Self.Rendering.namedInSummary
            lines.append("… and \(rest) more \(rest == 1 ? "person" : "people"): \(rendering.everyAction.rest) lists every action")
        }
        return lines
    }

    /// "create", "update", …: the block's kind as its header says it.
    static func kindLabel(_ actions: [PlanAction]) -> String {
        let kinds = Set(actions.map(\.kind))
        if kinds.contains(.createField) { return "+ create custom field" }
        if kinds.contains(.deleteField) { return "- delete custom field" }
        if kinds.contains(.createUser) { return "+ create" }
        if kinds.contains(.restoreUser) { return "↺ rehire" }
        if kinds.contains(.deleteUser) { return "- delete" }
        return "~ update"
    }

    /// The groups a block places the person in (a create's or rehire's group, a role added).
    static func placements(_ actions: [PlanAction]) -> [String] {
        actions.compactMap { action in
            switch action.change {
            case .createUser(let new): new.group
            case .restoreUser(_, let group): group
            case .addRole(let group): group
            default: nil
            }
        }
    }

    /// `warnings` as new since the previous full plan and as that plan had them (all new without one).
    static func split(_ warnings: [PlanNote], earlier: Set<PlanNote>?) -> (new: [PlanNote], repeated: [PlanNote]) {
        guard let earlier else { return (warnings, []) }
        var new: [PlanNote] = [], repeated: [PlanNote] = []
        for warning in warnings {
            if earlier.contains(warning) { repeated.append(warning) } else { new.append(warning) }
        }
        return (new, repeated)
    }

    /// The warnings section: new ones in full (grouped by cause), the ones the previous full plan had counted.
    func warningLines() -> [String] {
        guard !console.verbose else { return Self.groupedWarnings(plan.warnings, all: true).map { "  ! \(TerminalText.escape($0))" } }
        let (new, repeated) = Self.split(plan.warnings, earlier: rendering.earlierWarnings)
        var lines = Self.groupedWarnings(new, all: false).map { "  ! \(TerminalText.escape($0))" }
        if !repeated.isEmpty {
            lines.append(
                "  \(Plural.count(repeated.count, "warning")) as in the last plan, not repeated (-v\(rendering.isPreview ? "" : " or 'hrsync show'") lists \(repeated.count == 1 ? "it" : "them all"))"
            )
        }
        return lines
    }

    /// The warnings that are new since the previous full plan (all of them when there is none).
    func newWarnings() -> [PlanNote] {
        Self.split(plan.warnings, earlier: rendering.earlierWarnings).new
    }
}
