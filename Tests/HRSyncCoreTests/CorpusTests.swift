import Foundation
import HRSyncCore
import HRSyncSpecSupport
import Testing

/// Every bad config in Tests/Fixtures/bad-inputs/config gives its exact one-line error.
@Suite struct ConfigCorpusTests {
    @Test func everyBadConfigGivesItsExpectedError() throws {
        let corpus = Corpus("config")
        #expect(corpus.files.count >= 20)
        var outcomes: [String: Any] = [:]
        for file in corpus.files {
            let text = String(decoding: try corpus.input(file), as: UTF8.self)
            do {
                _ = try ConfigLoader.load(yaml: text, file: file)
                outcomes[file] = "loaded"
            } catch {
                outcomes[file] = error.localizedDescription
            }
        }
        for mismatch in try corpus.mismatches(outcomes) {
            Issue.record("\(mismatch.file): expected \(mismatch.expected), got \(mismatch.actual)")
        }
    }
}
