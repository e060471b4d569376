/// SYNC-RULES §3: the 360Learning user fields an employee asks for. Values are trimmed; `""` and
/// `null` mean absent and clear the field (sent as `null`); an attribute missing from the payload
/// (not readable by the credential) leaves the field as it is.
public enum FieldMapping {
    /// What Personio asks of one field.
    public enum Desired: Equatable, Sendable {
        /// Write this text (trimmed, not empty).
        case value(String)
        /// Clear the field: Personio's value is empty or `null`.
        case clear
        /// Not in the payload: leave as is.
        case unknown
    }

    /// What `employee` asks of `field`.
    public static func desired(_ field: LMSField, of employee: Employee) -> Desired {
        guard let value = employee[field.personioKey] else { return .unknown }
        guard let text = value.text?.trimmed, !text.isEmpty else { return .clear }
        return .value(text)
    }

    /// Only the fields that differ, in field order. `mail` is included only when the user was
    /// matched by external id (matched by email, the mail is the same by definition) and the new
    /// email is valid; an empty email never clears a user's login.
    public static func changes(for employee: Employee, current user: LMSUserRecord, matchedBy: MatchKey) -> [FieldChange] {
        var changes: [FieldChange] = []
        for field in LMSField.allCases {
            let current = field.read(user)
            switch desired(field, of: employee) {
            case .unknown: continue
            case .clear:
                if field == .mail { continue }
                if current != nil { changes.append(FieldChange(field: field, before: current, after: nil)) }
            case .value(let value):
                if field == .mail {
                    guard matchedBy == .externalID, EmailSyntax.isValid(value),
                        MatchRule.normalize(value) != current.map(MatchRule.normalize)
                    else { continue }
                }
                if value != current { changes.append(FieldChange(field: field, before: current, after: value)) }
            }
        }
        return changes
    }

    /// The profile fields (all but `mail`) a new user is created with.
    public static func profile(of employee: Employee) -> [LMSField: String] {
        var fields: [LMSField: String] = [:]
        for field in LMSField.allCases where field != .mail {
            if case .value(let value) = desired(field, of: employee) { fields[field] = value }
        }
        return fields
    }
}
