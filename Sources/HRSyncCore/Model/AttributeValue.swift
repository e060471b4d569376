/// One Personio attribute value, normalized when read so that equal data is equal bytes:
/// - `.text`: strings (trimmed), numbers printed plainly, list options, objects by `attributes.name`;
/// - `.date`: the calendar date as Personio gave it (`2022-01-12`), never shifted through UTC;
/// - `.list`: tags and lists of named objects (cost centers), in Personio's order;
/// - `.employee`: a nested employee (the supervisor), by Personio id;
/// - `.empty`: `null`, `""` or `[]` — present but absent in meaning (SYNC-RULES §3).
public enum AttributeValue: Equatable, Sendable {
    /// Text, numbers, single options and named objects.
    case text(String)
    /// A calendar day, `yyyy-MM-dd`.
    case date(String)
    /// Several values, in Personio's order.
    case list([String])
    /// A reference to another employee, by Personio id.
    case employee(Int)
    /// Sent, but without a value.
    case empty

    /// The value as one line of text (lists joined with ", "); nil when empty.
    public var text: String? {
        switch self {
        case .text(let s), .date(let s): s
        case .list(let items): items.isEmpty ? nil : items.joined(separator: ", ")
        case .employee(let id): String(id)
        case .empty: nil
        }
    }

    /// Whether Personio typed it as a date (written to a date custom field as the day, SYNC-RULES §4).
    public var isDate: Bool {
        if case .date = self { return true }
        return false
    }
}

extension AttributeValue: Codable {
    // Canonical form: text as a JSON string, the others tagged: {"date":…}, {"list":[…]},
    // {"employee":…}, and null for empty.
    private enum Tag: String, CodingKey { case date, list, employee }

    /// Reads the canonical form above; throws `DecodingError` for anything else.
    public init(from decoder: Decoder) throws {
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .empty; return }
        if let text = try? single.decode(String.self) { self = .text(text); return }
        let tagged = try decoder.container(keyedBy: Tag.self)
        if let date = try tagged.decodeIfPresent(String.self, forKey: .date) {
            self = .date(date)
        } else if let list = try tagged.decodeIfPresent([String].self, forKey: .list) {
            self = .list(list)
        } else if let id = try tagged.decodeIfPresent(Int.self, forKey: .employee) {
            self = .employee(id)
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown attribute value"))
        }
    }

    /// Writes the canonical form, so equal values are equal bytes.
    public func encode(to encoder: Encoder) throws {
        switch self {
        case .text(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .empty:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .date(let d):
            var c = encoder.container(keyedBy: Tag.self)
            try c.encode(d, forKey: .date)
        case .list(let items):
            var c = encoder.container(keyedBy: Tag.self)
            try c.encode(items, forKey: .list)
        case .employee(let id):
            var c = encoder.container(keyedBy: Tag.self)
            try c.encode(id, forKey: .employee)
        }
    }
}
