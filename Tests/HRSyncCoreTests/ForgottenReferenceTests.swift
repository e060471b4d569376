import Foundation
import HRSyncCore
import Testing

/// After `forget`, a reference to the erased person is unknown, not absent: the next pull, which
/// reads it again (they are still in Personio), changes nobody who reported to them.
struct ForgottenReferenceTests {
    @Test func forgetMarksTheSupervisorItErasedAndTheDiffTakesItReadAgainAsNoChange() throws {
        let who = ErasureTests.person("1004")
        var scrubbed = ErasureTests.personio
        #expect(try who.scrub(&scrubbed, kind: PersonioSnapshotRecords.kind))
        let after = try PersonioSnapshotRecords.decode(scrubbed)
        #expect(after[1005]?.supervisorID == nil && after[1005]?.forgotten == [PersonioKey.supervisor])
        #expect(after[1006]?.forgotten == nil, "someone forget did not touch keeps their record")
        #expect(!String(decoding: scrubbed["1005"]!, as: UTF8.self).contains("1004"), "the mark names no one")

        let pulledAgain = try PersonioSnapshotRecords.decode(ErasureTests.personio)
        let diff = EmployeeDiff.between(after, pulledAgain)
        #expect(diff.changes.map(\.id) == [1004] && diff.count(.hired) == 1, "\(diff.changes)")
    }

    @Test func aRealChangeBesideTheForgottenSupervisorStillShows() {
        var before = ErasureTests.employee(1005, "Lisbeth", "Ort", "lisbeth@acme.example", supervisor: 1004)
        before.forgetReference(PersonioKey.supervisor)
        var after = ErasureTests.employee(1005, "Lisbeth", "Ort-Berg", "lisbeth@acme.example", supervisor: 1004)
        #expect(EmployeeDiff.between([1005: before], [1005: after]).changes.first?.fields.map(\.attribute) == [PersonioKey.lastName])
        // Without the mark an attribute that appears is a change, as before.
        after = ErasureTests.employee(1005, "Lisbeth", "Ort", "lisbeth@acme.example", supervisor: 1004)
        let unmarked = ErasureTests.employee(1005, "Lisbeth", "Ort", "lisbeth@acme.example")
        #expect(EmployeeDiff.between([1005: unmarked], [1005: after]).changes.first?.fields.map(\.attribute) == [PersonioKey.supervisor])
    }

    @Test func managerLinksToTheForgottenUserReadAgainAreNoChange() throws {
        let who = ErasureTests.person("1004")
        let original = try LMSSnapshotRecords.decode(ErasureTests.lms)
        let scrubbed = who.scrub(original)
        #expect(scrubbed.users["u2"]?.managers == [] && scrubbed.users["u2"]?.forgottenManagers == 1)
        let diff = LMSDiff.between(scrubbed, original)
        #expect(diff.changes.map(\.id) == ["u1"] && diff.count(.added) == 1, "\(diff.changes)")
        // A second new manager is more than forget removed: a change.
        var more = original
        more.users["u2"]?.managers = ["u1", "u3"]
        #expect(LMSDiff.between(scrubbed, more).changes.contains { $0.id == "u2" && $0.fields.map(\.attribute) == ["managers"] })
    }
}
