import Foundation
import HRSyncHTTP
import HRSyncSpecSupport
import Testing

@testable import Learning360

/// Every bad 360Learning answer in Tests/Fixtures/bad-inputs/360learning, given as the answer to
/// the users list: a clear error naming the endpoint, never a trap. A record with a bad or missing
/// id is read (its id as "" when missing): the pulls skip it with a warning, see InvalidIDTests.
@Suite struct Learning360CorpusTests {
    struct CannedTransport: HTTPTransport {
        var body: Data
        func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
            if request.url.path.hasSuffix("/oauth2/token") {
                return HTTPResponse(status: 200, body: Data(#"{"token_type":"Bearer","access_token":"t","expires_in":3600}"#.utf8))
            }
            return HTTPResponse(status: 200, body: body)
        }
    }

    @Test func everyBadAnswerGivesItsExpectedOutcome() async throws {
        let corpus = Corpus("360learning")
        var outcomes: [String: Any] = [:]
        for file in corpus.files {
            let client = Learning360Client(
                baseURL: URL(string: "http://127.0.0.1:1")!,
                executor: RequestExecutor(transport: CannedTransport(body: try corpus.input(file))), credentials: { ("a", "b") })
            do {
                let users = try await client.users(mail: nil, status: nil)
                outcomes[file] = ["users": users.map(\._id)]
            } catch {
                outcomes[file] = ["error": error.localizedDescription]
            }
        }
        for mismatch in try corpus.mismatches(outcomes) {
            Issue.record("\(mismatch.file): expected \(mismatch.expected), got \(mismatch.actual)")
        }
    }
}
