import Foundation

/// A failed 360Learning call as one line: HTTP status, the vendor's error code and message, the endpoint.
public enum Learning360Error: Error, Equatable, LocalizedError {
    /// A non-2xx answer: the status, 360Learning's error code (`userNotFound`, …) and message, the endpoint.
    case api(status: Int, code: String?, message: String?, endpoint: String)
    /// The token request was refused: the status and the OAuth error (`invalid_client`, …).
    case authenticationFailed(status: Int, code: String?)
    /// An answer that did not decode: the endpoint and where (`item 3: no _id`), never the values.
    case unreadableResponse(endpoint: String, reason: String)
    /// No answer at all once the retries ran out (timeout, refused or reset connection).
    case unreachable(endpoint: String, reason: String)
    /// A `Link` header pointed back to a page already read; the list stops instead of looping.
    case pagingLoop(endpoint: String)

    /// The vendor's error code of an ``api(status:code:message:endpoint:)`` failure; nil for the other cases.
    public var code: String? {
        if case .api(_, let code, _, _) = self { return code }
        return nil
    }

    /// One line a user can act on; a refused credential also points at the base URL (the wrong region fails there).
    public var errorDescription: String? {
        switch self {
        case .api(let status, let code, let message, let endpoint):
            "360Learning answered HTTP \(status) on \(endpoint)" + (code.map { ": \($0)" } ?? "") + (message.map { " (\($0))" } ?? "")
        case .authenticationFailed(let status, let code):
            "360Learning refused the API credentials (HTTP \(status)\(code.map { ": \($0)" } ?? "")); check the client id and secret and the platform's base URL"
        case .unreadableResponse(let endpoint, let reason):
            "360Learning's answer on \(endpoint) could not be read: \(reason)"
        case .unreachable(let endpoint, let reason):
            "360Learning could not be reached on \(endpoint): \(reason)"
        case .pagingLoop(let endpoint):
            "360Learning's paging on \(endpoint) pointed back to a page already read; stopped"
        }
    }

    /// `{"error": "code"}` or `{"error": {"code": "…", "message": "…"}}`.
    static func parse(_ body: Data) -> (code: String?, message: String?) {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return (nil, nil) }
        if let code = object["error"] as? String { return (code, object["message"] as? String) }
        if let error = object["error"] as? [String: Any] { return (error["code"] as? String, error["message"] as? String) }
        return (nil, object["message"] as? String)
    }
}

/// The answer of a write that may already have taken effect (a retry after a timeout, a rerun).
public enum WriteOutcome: Equatable, Sendable {
    /// The vendor accepted the write (2xx).
    case done
    /// The vendor said the change is already there (`mappingAlreadyExists`, `userNotFoundInGroup`, …).
    case alreadyDone(String)
}

/// `POST /api/v2/users`: created (201), restored from deleted (200), or the mail is taken.
public enum CreateUserOutcome: Equatable, Sendable {
    /// 201: a new user, in status `invited`.
    case created(LMSUserDTO)
    /// 200: a deleted user with the same mail, restored as `invited` instead of duplicated.
    case restored(LMSUserDTO)
    /// 400 `mailAlreadyUsed`: an active or invited user already has this mail; adopt it instead.
    case mailAlreadyUsed
}
