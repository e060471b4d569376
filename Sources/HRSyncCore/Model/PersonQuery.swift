/// PERSON as a user gives it on the command line (`explain`, `diff`, `log --person`, `forget`,
/// `plan|apply --person`): a Personio id (`1004`, or `#1004` as the views print it) or an email.
/// Parsed once, so every command agrees on who it names: ids by value (`0042` is 42; `#10` is
/// not `#100`), emails as matching compares them (`MatchRule.normalize`: trimmed, lowercased).
public enum PersonQuery: Hashable, Sendable {
    /// A Personio id, by value: `1004`, `#1004` and `01004` are the same.
    case personioID(Int)
    /// Anything that is not an id, normalised. Whether it looks like an address is for the
    /// commands that send it to a vendor (`looksLikeEmail`); as a filter, a typo just finds nobody.
    case email(String)

    /// Nil when the text is blank. Surrounding whitespace (a copied value) is ignored.
    public init?(_ given: String) {
        let text = given.trimmed
        guard !text.isEmpty else { return nil }
        let digits = text.hasPrefix("#") ? text.dropFirst() : Substring(text)
        if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let id = Int(digits) {
            self = .personioID(id)
        } else {
            self = .email(MatchRule.normalize(text))
        }
    }

    /// The canonical text: the id in decimal or the normalised email. Two values name the same
    /// person when their keys are equal (what the log's people lists hold).
    public var key: String {
        switch self {
        case .personioID(let id): String(id)
        case .email(let mail): mail
        }
    }

    /// The Personio id, when this is one.
    public var personioID: Int? {
        if case .personioID(let id) = self { id } else { nil }
    }

    /// Has the shape of an address (an `@`): what a vendor's email filter may be given.
    public var looksLikeEmail: Bool {
        if case .email(let mail) = self { mail.contains("@") } else { false }
    }

    /// Whether this names the person with this Personio id (nil: none known) or this email.
    public func matches(id: Int?, email: String?) -> Bool {
        switch self {
        case .personioID(let wanted): id == wanted
        case .email(let wanted): email.map(MatchRule.normalize) == wanted
        }
    }

    /// Whether this names the employee, by its id or its email.
    public func matches(_ employee: Employee) -> Bool {
        matches(id: employee.id, email: employee.email)
    }

    /// Whether this names the person a plan action or note is about, by id or email.
    public func matches(_ person: PersonRef) -> Bool {
        matches(id: person.personioID, email: person.email)
    }

    /// Whether an entry of a log entry's people list (as `keys` wrote it, or an older spelling:
    /// an email lowercased but not trimmed) names this person.
    public func matches(logged entry: String) -> Bool {
        PersonQuery(entry) == self
    }

    /// What a log entry records for a person it concerns, so `log --person` finds it by either:
    /// the Personio id and the normalised email.
    public static func keys(personioID: Int, email: String?) -> [String] {
        let mail = email.map(MatchRule.normalize) ?? ""
        return [String(personioID)] + (mail.isEmpty ? [] : [mail])
    }
}
