import Foundation
import Testing

@testable import HRSyncStore

/// A journal is closed only by a plan logged after its own, and says so in the log first.
@Suite struct JournalClosingTests {
    @Test func onlyJournalsOfEarlierPlansAreClosed() throws {
        let temp = try TemporaryState()
        func plan(_ name: String) throws -> ObjectID {
            let id = try temp.state.objects.put(.blob, Data(name.utf8))
            try temp.state.log.append(Event(kind: .plan, time: Date(), user: "t", host: "h", command: "plan", writes: [id], summary: name))
            return id
        }
        let killed = try plan("killed"), superseding = try plan("superseding"), later = try plan("later")
        let unlogged = try temp.state.objects.put(.blob, Data("unlogged".utf8))
        for id in [killed, later, unlogged, superseding] { try Journal(state: temp.state, plan: id).append(Data("{}".utf8)) }

        let closed = try temp.state.closeJournals(supersededBy: superseding) { old in
            Event(kind: .journal, time: Date(), user: "t", host: "h", command: "apply", summary: "closed \(old.short)")
        }

        #expect(closed == [killed])
        #expect(Set(temp.state.journalPlans()) == [later, unlogged, superseding], "its own, a later plan's and an unknown plan's stay")
        #expect(try temp.state.log.events().last?.summary == "closed \(killed.short)")
        #expect(temp.state.fsck().isClean)
    }
}
