import Foundation
import HRSyncCore
import HRSyncHTTP

/// How a 360Learning pull learns the synced users' managers.
///
/// The planner only ever asks one question of a user's managers: "does the list contain this
/// manager?", for the user's wanted manager (the Personio supervisor's 360Learning user) and for
/// each manager link hrsync added earlier. Reading the subordinates of exactly those managers
/// (one paged GET per manager, a thousand ids a page) answers every such question, instead of
/// one GET per synced user: the snapshot then records the links from the synced users to these
/// managers, and the plan is the one the per-user reads give.
public enum ManagerReads: Sendable {
    /// `GET /users/{id}/subordinates` for the managers hrsync must know (the default).
    case fromManagers
    /// `GET /users/{id}/managers` for each synced user: every link, one read per user. Kept
    /// for a damaged state directory (the apply records name the links hrsync added) and so the
    /// tests can show both give the same plan.
    case perUser
}

/// Which managers' subordinates a pull reads, and how their lists become users' managers.
enum ManagerLinks {
    /// Every 360Learning user that is some employee's supervisor (matched the way the planner
    /// matches), and every manager an apply record names (links hrsync added or removed), that
    /// 360Learning knows. A superset of what the planner can ask about is harmless: a manager
    /// read too many only records true links.
    static func managersToRead(lms: LMSState, employees: [Int: Employee], order: [MatchKey], named: Set<String>) -> [String] {
        let index = MatchIndex(lms: lms, employees: employees.values)
        var ids = named
        for employee in employees.values {
            guard let supervisor = employee.supervisorID, supervisor != employee.id, let boss = employees[supervisor] else { continue }
            if case .matched(let userID, _) = MatchRule.match(boss, index, order: order) { ids.insert(userID) }
        }
        return ids.filter { lms.users[$0] != nil }.sorted()
    }

    /// The managers every apply record names: those hrsync linked (the id it wrote) and unlinked.
    static func named(by records: [ApplyRecord]) -> Set<String> {
        var ids = Set<String>()
        for result in records.flatMap(\.results) {
            switch result.action.change {
            case .addManager(let manager): if let id = result.vendorID ?? manager.existingID { ids.insert(id) }
            case .removeManager(let manager): ids.insert(manager)
            default: break
            }
        }
        return ids
    }

    /// Each of `users` gets the managers whose subordinate lists name it (sorted); users outside
    /// `users` keep no manager list, as when nobody read theirs.
    static func invert(_ subordinates: [String: [String]], onto users: [String], in lms: inout LMSState) {
        let wanted = Set(users)
        var managers: [String: [String]] = [:]
        for (manager, list) in subordinates {
            for user in Set(list) where wanted.contains(user) { managers[user, default: []].append(manager) }
        }
        for user in users where lms.users[user] != nil { lms.users[user]?.managers = (managers[user] ?? []).sorted() }
    }
}
