import Foundation
import HRSyncCore

/// The synced group tree with, per group, who joins and who leaves it in a plan: a department
/// move reads as a move (out of one branch, into another), not as two unrelated role changes.
struct OrgChart {
    let plan: Plan
    let lms: LMSState

    func render() -> String {
        let tree = GroupTree(lms.groups)
        var joins: [String: [String]] = [:], leaves: [String: [String]] = [:]
        for action in plan.actions {
            let who = action.person.map(PlanView.describe) ?? "?"
            switch action.change {
            case .createUser(let new): joins[new.group, default: []].append(who)
            case .restoreUser(_, let group?): joins[group, default: []].append(who)
            case .addRole(let group): joins[group, default: []].append(who)
            case .removeRole(let group): leaves[group, default: []].append(who)
            case .deleteUser:
                guard let user = action.user?.existingID else { continue }
                for membership in lms.memberships.values where membership.userID == user && membership.roles.contains("learner") {
                    leaves[membership.groupID, default: []].append(who)
                }
            default: continue
            }
        }
        let touched = Set(joins.keys).union(leaves.keys)
        guard !touched.isEmpty else { return "" }
        let shown = touched.union(touched.flatMap { tree.ancestors(of: $0) })
        func branch(_ id: String) -> String {
            let name = HTMLReport.html(TerminalText.escape(tree.groups[id]?.name ?? id))
            let people =
                (joins[id] ?? []).map { "<li class=\"join\">+ \(HTMLReport.html($0))</li>" }
                + (leaves[id] ?? []).map { "<li class=\"leave\">− \(HTMLReport.html($0))</li>" }
            let children = tree.children(of: id).map(\.id).filter(shown.contains).sorted { (tree.groups[$0]?.name ?? "") < (tree.groups[$1]?.name ?? "") }
            let counts = [joins[id].map { "+\($0.count)" }, leaves[id].map { "−\($0.count)" }].compactMap { $0 }.joined(separator: " ")
            return "<li><strong>\(name)</strong>\(counts.isEmpty ? "" : " <span>(\(counts))</span>")"
                + (people.isEmpty && children.isEmpty ? "" : "<ul>" + people.joined() + children.map(branch).joined() + "</ul>") + "</li>"
        }
        let roots = shown.filter { id in tree.groups[id].map { $0.parentID == nil || !shown.contains($0.parentID!) } ?? true }.sorted()
        return "<section id=\"org\" class=\"tree\"><h2>Org chart: who joins and leaves which group</h2><ul>" + roots.map(branch).joined() + "</ul></section>"
    }
}
