import Foundation

/// What can go wrong talking to Personio, as one line a user can act on.
public enum PersonioError: Error, Equatable, LocalizedError {
    /// An HTTP error answer: status, Personio's `error.message` (if any), the endpoint.
    case http(status: Int, message: String?, endpoint: String)
    /// `POST /v1/auth` answered other than 200: the status and Personio's message, if any.
    case authenticationFailed(status: Int, message: String?)
    /// An answer without the JSON expected: the endpoint and what was missing.
    case unreadableResponse(endpoint: String, reason: String)
    /// No answer at all once the retries ran out (timeout, refused or reset connection).
    case unreachable(endpoint: String, reason: String)
    /// A credential problem already worded for the user; shown as it is.
    case credentials(String)

    /// One line a user can act on, with a hint on 403 (the credential's rights) and 429 (rate limit).
    public var errorDescription: String? {
        switch self {
        case .http(let status, let message, let endpoint):
            "Personio answered HTTP \(status) on \(endpoint)\(message.map { ": \($0)" } ?? "")\(Self.hint(status))"
        case .authenticationFailed(let status, let message):
            "Personio refused the credentials (HTTP \(status)\(message.map { ": \($0)" } ?? "")); check the client id and secret"
        case .unreadableResponse(let endpoint, let reason):
            "Personio's answer on \(endpoint) could not be read: \(reason)"
        case .unreachable(let endpoint, let reason):
            "Personio could not be reached on \(endpoint): \(reason)"
        case .credentials(let message):
            message
        }
    }

    private static func hint(_ status: Int) -> String {
        switch status {
        case 403: " (the API credential may lack access to employees or attributes)"
        case 429: " (rate limit; retried until the retry budget ran out)"
        default: ""
        }
    }
}
