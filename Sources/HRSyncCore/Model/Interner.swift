/// One copy of each repeated text within one decode: the 360Learning snapshot of 100,000
/// employees names a few hundred groups and custom fields and one role list 266,000 times, and
/// a user id in its user, mapping and manager lists (`plan` decodes the roles apart, so their user
/// ids are shared among roles only). Decoded apart, each is a heap string of its own: kept for the
/// whole plan, that was tens of megabytes of copies.
struct Interner {
    private var texts: Set<String> = []
    private var lists: [[String]: [String]] = [:]

    /// `text`, or the same text seen first. Only ASCII text is shared: `String` equality is
    /// canonical equivalence, so `e\u{301}` would come back as an earlier `\u{e9}`; for ASCII,
    /// equal means the same bytes (ids are ASCII; anything else stays as decoded).
    mutating func callAsFunction(_ text: String) -> String {
        guard Self.isASCII(text) else { return text }
        return texts.insert(text).memberAfterInsert  // one lookup, hit or miss
    }

    /// `list`, or the same list seen first (role lists repeat; their elements are shared too).
    mutating func callAsFunction(_ list: [String]) -> [String] {
        guard list.allSatisfy(Self.isASCII) else { return list }
        if let seen = lists[list] { return seen }
        let interned = list.map { self($0) }
        lists[list] = interned
        return interned
    }

    /// The record with its ids shared: its own, its custom fields', its managers'.
    mutating func callAsFunction(_ user: LMSUserRecord) -> LMSUserRecord {
        var user = user
        user.id = self(user.id)
        if let values = user.customValues {
            user.customValues = values.map { LMSCustomValue(fieldID: self($0.fieldID), type: self($0.type), value: $0.value) }
        }
        if let managers = user.managers { user.managers = managers.map { self($0) } }
        return user
    }

    static func isASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 }
    }
}
