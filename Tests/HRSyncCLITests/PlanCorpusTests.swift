import Foundation
import HRSyncCore
import HRSyncSpecSupport
import HRSyncStore
import HRSyncTestSupport
import Testing

@testable import HRSyncCLI

/// Every bad plan file in Tests/Fixtures/bad-inputs/plan is refused by `apply PLAN` with its
/// reason, and none decodes into actions except as the schema allows.
@Suite struct PlanCorpusTests {
    @Test func everyBadPlanFileIsRefusedWithItsReason() throws {
        let corpus = Corpus("plan")
        let scratch = try Scratch()
        let state = try StateDirectory.create(at: scratch.url.appendingPathComponent("state").path)
        var outcomes: [String: Any] = [:]
        for file in corpus.files {
            let path = corpus.folder.appendingPathComponent(file).path
            let refusal: String
            do {
                _ = try PlanFile.load(path, state: state)
                refusal = "accepted"
            } catch {
                refusal = error.localizedDescription.replacingOccurrences(of: corpus.folder.path + "/", with: "")
            }
            let decodes = (try? CanonicalJSON.decode(Plan.self, from: try corpus.input(file))) != nil
            outcomes[file] = ["apply": refusal, "decodes": decodes]
        }
        for mismatch in try corpus.mismatches(outcomes) {
            Issue.record("\(mismatch.file): expected \(mismatch.expected), got \(mismatch.actual)")
        }
    }
}
