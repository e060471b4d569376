/// SYNC-RULES §3: the 360Learning user fields an employee asks for. Values are trimmed; `""` and
/// `null` mean absent and clear the field (sent as `null`); an attribute missing from the payload
/// (not readable by the credential) leaves the field as it is.
public enum FieldMapping {
    /// 360Learning field ← Personio key.
    public static let fields: [(lms: String, personio: String)] = [
        ("firstName", PersonioKey.firstName), ("lastName", PersonioKey.lastName), ("mail", PersonioKey.email), ("job", PersonioKey.position),
    ]

    public enum Desired: Equatable, Sendable {
        case value(String)
        case clear
        /// Not in the payload: leave as is.
        case unknown
    }

    public static func desired(_ lmsField: String, of employee: Employee) -> Desired {
        guard let key = fields.first(where: { $0.lms == lmsField })?.personio, let value = employee[key] else { return .unknown }
        guard let text = value.text?.trimmed, !text.isEmpty else { return .clear }
        return .value(text)
    }

    /// Only the fields that differ: a PATCH body (nil clears). `mail` is included only when the
    /// user was matched by external id (matched by email, the mail is the same by definition) and
    /// the new email is valid.
    public static func changes(for employee: Employee, current user: LMSUserRecord, matchedBy: MatchKey) -> [String: String?] {
        var patch: [String: String?] = [:]
        for (lmsField, _) in fields {
            let current: String? = switch lmsField {
            case "firstName": user.firstName
            case "lastName": user.lastName
            case "mail": user.mail
            default: user.job
            }
            switch desired(lmsField, of: employee) {
            case .unknown: continue
            case .clear:
                if lmsField == "mail" { continue }   // a user keeps its login
                if current != nil { patch[lmsField] = .some(nil) }
            case .value(let value):
                if lmsField == "mail" {
                    guard matchedBy == .externalID, EmailSyntax.isValid(value),
                          MatchRule.normalize(value) != current.map(MatchRule.normalize) else { continue }
                }
                if value != current { patch[lmsField] = .some(value) }
            }
        }
        return patch
    }
}

import Foundation
