import Foundation

/// A failed 360Learning call as one line: HTTP status, the vendor's error code and message, the endpoint.
public enum Learning360Error: Error, Equatable, LocalizedError {
    case api(status: Int, code: String?, message: String?, endpoint: String)
    case authenticationFailed(status: Int, code: String?)
    case unreadableResponse(endpoint: String, reason: String)
    case unreachable(endpoint: String, reason: String)
    case pagingLoop(endpoint: String)

    public var code: String? {
        if case .api(_, let code, _, _) = self { return code }
        return nil
    }

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
    case done
    /// The vendor said the change is already there (`mappingAlreadyExists`, `userNotFoundInGroup`, …).
    case alreadyDone(String)
}

/// `POST /api/v2/users`: created (201), restored from deleted (200), or the mail is taken.
public enum CreateUserOutcome: Equatable, Sendable {
    case created(LMSUserDTO)
    case restored(LMSUserDTO)
    case mailAlreadyUsed
}
