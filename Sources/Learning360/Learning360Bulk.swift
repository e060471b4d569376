import Foundation
import HRSyncHTTP

/// One row of a bulk membership change. The bulk API spells roles as the create body does
/// (`userAdmin`), not as the role paths (`user-admin`).
public struct BulkMembershipRow: Codable, Hashable, Sendable {
    /// The user's 24-hex `_id`.
    public var userId: String
    /// The group's 24-hex `_id`.
    public var groupId: String
    /// The role in the bulk spelling: `learner`, `admin`, …, `userAdmin`.
    public var role: String

    /// Creates a row from the role as the paths spell it (`user-admin`), respelled for the bulk API.
    public init(userId: String, groupId: String, pathRole: String) {
        self.userId = userId
        self.groupId = groupId
        self.role = Self.bulkRole(pathRole)
    }

    /// `user-admin` (path) → `userAdmin` (bulk); the other roles are spelled alike.
    public static func bulkRole(_ pathRole: String) -> String { pathRole == "user-admin" ? "userAdmin" : pathRole }
}

/// A bulk operation's state: `pending`, `queued`, `running`, then `completed` or `error`.
public struct BulkOperationDTO: Decodable, Equatable, Sendable {
    /// The operation's 24-hex id, the last segment of the 202's `Location`.
    public var _id: String
    /// `pending`, `queued`, `running`, `completed` or `error`; see ``isKnown``.
    public var status: String
    /// 360Learning's reason when the whole operation ended in `error`; per-row failures are in the results.
    public var errorMessage: String?

    /// Creates a state from its parts (tests and fakes).
    public init(_id: String, status: String, errorMessage: String? = nil) {
        self._id = _id
        self.status = status
        self.errorMessage = errorMessage
    }

    /// Whether the operation has ended (`completed` or `error`), so polling can stop and its results are final.
    public var isFinished: Bool { status == "completed" || status == "error" }
    /// A status the spec names (pending → queued → running → completed | error).
    public var isKnown: Bool { ["pending", "queued", "running", "completed", "error"].contains(status) }
}

/// One row's outcome: `success` (with the resource id) or `error` (with the vendor's message).
public struct BulkResultDTO: Decodable, Equatable, Sendable {
    /// The row as sent; nil when the answer's `input` is not a membership row.
    public var input: BulkMembershipRow?
    /// `success` or `error`.
    public var status: String
    /// The vendor's reason the row failed; nil on success.
    public var errorMessage: String?

    /// Creates an outcome from its parts.
    public init(input: BulkMembershipRow?, status: String, errorMessage: String? = nil) {
        self.input = input
        self.status = status
        self.errorMessage = errorMessage
    }

    enum CodingKeys: String, CodingKey { case input, status, errorMessage }

    /// Decodes an outcome; an `input` that is not a membership row reads as nil, so one odd row
    /// does not make the whole page unreadable.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        input = try? container.decode(BulkMembershipRow.self, forKey: .input)
        status = try container.decode(String.self, forKey: .status)
        errorMessage = try container.decodeIfPresent(String.self, forKey: .errorMessage)
    }
}

/// The bulk API for group memberships (up to 20,000 rows in one write request).
extension Learning360Client {
    /// The most rows one bulk request may carry (the bulk spec's `maxItems`); more are refused with `inputTooLong`.
    public static let bulkMaxRows = 20_000

    /// Posts the rows (`POST`, or `DELETE` to remove them) and returns the operation's id, read
    /// from the 202's `Location` header.
    public func startBulkMemberships(remove: Bool, _ rows: [BulkMembershipRow]) async throws -> String {
        struct Body: Encodable { var input: [BulkMembershipRow] }
        let method = remove ? "DELETE" : "POST"
        let endpoint = "\(method) /api/v2/bulk/groups/memberships"
        // Three operations already running (429) or the bulk API off (503): waiting and retrying
        // would not help within this apply; the caller writes the rows one by one instead.
        // Any other answer is final too: a 5xx may come after 360Learning accepted the rows, and a
        // second POST would start a second operation. Only the rate limit's own 429 is retried.
        let response = try await call(method, url("/api/v2/bulk/groups/memberships"), body: try json(Body(input: rows)), endpoint: endpoint) {
            $0.status != 429 || Learning360Error.parse($0.body).code == "bulkOperationsConcurrencyLimitReached"
        }
        guard response.status == 202 else { throw failure(response, endpoint) }
        // The operation's URL, absolute or relative: its last path segment is the id.
        guard let location = response.header("Location"), let last = URL(string: location, relativeTo: baseURL)?.path.split(separator: "/").last,
            Self.isOperationID(String(last))
        else {
            throw Learning360Error.unreadableResponse(endpoint: endpoint, reason: "no operation id in the Location header")
        }
        return String(last)
    }

    /// The bulk spec's id pattern, `^[a-fA-F0-9]{24}$` (a journal's copy is checked the same way).
    public static func isOperationID(_ text: String) -> Bool {
        text.utf8.count == 24 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) || (0x41...0x46).contains($0) }
    }

    /// `GET /api/v2/bulk/operations/{id}`: the operation's state now, polled until ``BulkOperationDTO/isFinished``.
    public func bulkOperation(_ id: String) async throws -> BulkOperationDTO {
        let endpoint = "GET /api/v2/bulk/operations/{bulkOperationId}"
        return try expect(
            BulkOperationDTO.self, try await call("GET", url("/api/v2/bulk/operations/\(PercentEncoding.pathSegment(id))"), endpoint: endpoint), endpoint)
    }

    /// Every row's result, all pages (followed by `Link`, as every v2 list, should it page).
    public func bulkResults(_ id: String) async throws -> [BulkResultDTO] {
        try await all(BulkResultDTO.self, "/api/v2/bulk/operations/\(PercentEncoding.pathSegment(id))/results")
    }
}
