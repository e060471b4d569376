import Foundation
import HRSyncCore
import HRSyncEngine
import Testing

@testable import HRSyncCLI
@testable import HRSyncStore

/// A preview (`plan --as-of`) is never stored: its hints point only at what works on it (-v, a pipe,
/// --html), never at `hrsync show ID` (nothing to show) or `hrsync apply --allow-…` (today's plan).
@Suite struct PreviewRenderingTests {
    /// The summary-sized plan of PlanSummaryViewTests, held by both guards, as `plan` or `plan --as-of` gives it.
    static func rendered(asOf: String?) throws -> String {
        var (plan, lms) = PlanSummaryViewTests.plan(creates: 60)
        plan.asOf = asOf
        plan.held = DeletionGuard.Verdict(deletes: 7, allowed: 2, syncedUsers: 40, limit: "5%")
        plan.blankingHeld = [BlankingGuard.Verdict(field: "Cost center", blanked: 30, allowed: 4, syncedUsers: 40, limit: "10%")]
        let bytes = try CanonicalJSON.encode(plan)
        let outcome = PlanEngine.Outcome(plan: plan, id: ObjectID.sha256(of: bytes), lms: lms, bytes: bytes)
        return PlanView.text(plan, lms: lms, console: try PlanSummaryViewTests.terminal(), rendering: .init(outcome))
    }

    @Test func aPreviewPointsOnlyAtWhatWorksOnAPreview() throws {
        let preview = try Self.rendered(asOf: "2027-03-04")
        #expect(preview.contains("Preview as of 2027-03-04"))
        #expect(preview.contains("summarised on a terminal (-v, a pipe or --html FILE print every action)"), "\(preview)")
        #expect(preview.contains("… and 51 more people: -v or --html FILE lists every action"), "\(preview)")
        #expect(preview.contains("(on that day the deletion guard would hold 7 deletes)"), "\(preview)")
        #expect(preview.contains("(on that day the blanking guard would hold it)"), "\(preview)")
        #expect(!preview.contains("hrsync show") && !preview.contains("hrsync apply"), "\(preview)")
    }

    @Test func aStoredPlanStillNamesShowAndApply() throws {
        let plan = try Self.rendered(asOf: nil)
        #expect(plan.contains("'hrsync show "), "\(plan)")
        #expect(plan.contains("run 'hrsync apply --allow-deletes 7' if they are real"), "\(plan)")
        #expect(!plan.contains("on that day"))
    }
}
