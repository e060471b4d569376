/// One copy of each repeated text within one decode: the 360Learning snapshot of 100,000
/// employees names a few hundred groups and custom fields and one role list 266,000 times, and
/// a user id in its user, mapping and manager lists (`plan` decodes the roles apart, so their user
/// ids are shared among roles only). Decoded apart, each is a heap string of its own: kept for the
/// whole plan, that was tens of megabytes of copies.
struct Interner {
    private var texts: Set<String> = []
    private var lists: [[String]: [String]] = [:]

    /// `text`, or the equal text seen first.
    mutating func callAsFunction(_ text: String) -> String {
        if let seen = texts.firstIndex(of: text) { return texts[seen] }
        texts.insert(text)
        return text
    }

    /// `list`, or the equal list seen first (role lists repeat, their elements are interned too).
    mutating func callAsFunction(_ list: [String]) -> [String] {
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
}
