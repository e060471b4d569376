import Foundation
import HRSyncCore
import HRSyncStore

/// What an apply did: a summary line, and every failed action with the vendor's error.
enum ApplyView {
    /// Every action of an apply with its outcome and before → after: what `show` prints to undo by hand.
    static func details(_ record: ApplyRecord) -> String {
        var lines = ["apply of plan \(record.plan.prefix(12)): \(record.results.count) actions"]
        for result in record.results {
            let action = result.action
            let keys = Set(action.before.keys).union(action.after.keys).sorted()
            let changes = keys.map { key in
                let old = (action.before[key] ?? nil) ?? "∅", new = (action.after[key] ?? nil) ?? "∅"
                return action.before[key] == nil ? "\(key)=\(new)" : "\(key): \(old) → \(new)"
            }.joined(separator: ", ")
            var line = "\(result.status.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)) \(action.kind.rawValue) \(action.person)"
            if let user = result.userID { line += " [user \(user)]" }
            if !changes.isEmpty { line += "  \(changes)" }
            if let error = result.error { line += "  (\(error))" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    static func text(_ record: ApplyRecord, id: ObjectID, console: Console) -> String {
        let count = { (status: ApplyRecord.Status) in record.results.filter { $0.status == status }.count }
        var lines = ["Apply \(id.short): \(count(.done)) done, \(count(.alreadyDone)) already done, \(count(.failed)) failed, \(count(.skipped)) skipped."]
        for result in record.results where result.status == .failed || result.status == .skipped {
            lines.append(console.paint("  ! \(result.action.kind.rawValue) \(TerminalText.escape(result.action.person)): \(TerminalText.escape(result.error ?? "failed"))", "31"))
        }
        lines.append("See 'hrsync show \(id.short)' for every action with before and after.")
        return lines.joined(separator: "\n")
    }
}
