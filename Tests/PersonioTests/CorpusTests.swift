import Foundation
import HRSyncHTTP
import HRSyncSpecSupport
import Testing

@testable import Personio

/// Every bad Personio answer in Tests/Fixtures/bad-inputs/personio: a clear error for the page,
/// or the records read and one warning per record skipped.
@Suite struct PersonioCorpusTests {
    @Test func everyBadAnswerGivesItsExpectedOutcome() async throws {
        let corpus = Corpus("personio")
        var outcomes: [String: Any] = [:]
        for file in corpus.files {
            let page = String(decoding: try corpus.input(file), as: UTF8.self)
            let client = PersonioClient(
                settings: .init(baseURL: URL(string: "http://127.0.0.1:1")!, appID: "T"),
                executor: RequestExecutor(transport: FixedPageTransport(page: page)), credentials: { ("a", "b") })
            do {
                let list = try await client.allEmployees(keep: nil)
                outcomes[file] = ["employees": list.employees.map(\.id), "warnings": list.warnings]
            } catch {
                outcomes[file] = ["error": error.localizedDescription]
            }
        }
        for mismatch in try corpus.mismatches(outcomes) {
            Issue.record("\(mismatch.file): expected \(mismatch.expected), got \(mismatch.actual)")
        }
    }
}
