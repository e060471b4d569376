import Foundation

extension Plan {
    /// `CanonicalJSON.encode(self)`, its warnings written apart (`NoteBytes`), in two halves: at 100,000
    /// employees they are most of the plan, and encoding it whole took one core at the end of every
    /// `plan`. Keys are sorted and `warnings` is the last, so the plan without warnings ends in
    /// `,"warnings":[]}` and the list takes the place of `[]`; a list is its halves' lists joined
    /// (`[a,b]` and `[c]` make `[a,b,c]`): byte for byte what the whole encode writes (a note's bytes
    /// do not depend on where it stands; tested). Should the plan without warnings end otherwise,
    /// it is encoded whole. `alongside` runs as a fourth part (`plan` reads the earlier plan's
    /// warnings there): on 2 cores, each core encodes a half, then one runs `alongside` while the
    /// other encodes the rest of the plan.
    public func canonicalBytes(parts: any PartsRunner, alongside: () -> Void = {}) throws -> Data {
        var rest = self
        rest.warnings = []
        let half = warnings.count / 2
        let halves = [Box<Result<Data, any Error>?>(nil), Box(nil)], head = Box<Result<Data, any Error>?>(nil)
        parts.run(4) { part in
            switch part {
            case 0: halves[0].value = Result { try NoteBytes.encode(warnings[..<half]) }
            case 1: halves[1].value = Result { try NoteBytes.encode(warnings[half...]) }
            case 2: alongside()
            default: head.value = Result { try CanonicalJSON.encode(rest) }
            }
        }
        guard let head = try head.value?.get(), let first = try halves[0].value?.get(), let second = try halves[1].value?.get(),
            head.ends(with: Self.emptyLastMember), let list = Self.joined(first, second)
        else {
            return try CanonicalJSON.encode(self)
        }
        var bytes = Data(capacity: head.count + list.count)
        bytes.append(head.prefix(head.count - 3))  // up to and with `"warnings":`
        bytes.append(list)
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    /// Two encoded JSON arrays as one: `[a,b]` and `[c]` make `[a,b,c]`; nil when either is not
    /// an array as the encoder writes it.
    static func joined(_ first: Data, _ second: Data) -> Data? {
        let (open, close) = (UInt8(ascii: "["), UInt8(ascii: "]"))
        guard first.count >= 2, second.count >= 2, first.first == open, first.last == close, second.first == open, second.last == close
        else { return nil }
        if first.count == 2 { return second }
        if second.count == 2 { return first }
        var list = Data(capacity: first.count + second.count - 1)
        list.append(first.dropLast())
        list.append(UInt8(ascii: ","))
        list.append(second.dropFirst())
        return list
    }

    /// How a plan without warnings ends when `warnings` is its last key.
    static let emptyLastMember = Data(#","warnings":[]}"#.utf8)
}

extension Data {
    /// Whether the last bytes are `suffix`'s.
    func ends(with suffix: Data) -> Bool {
        count >= suffix.count && self.suffix(suffix.count).elementsEqual(suffix)
    }
}
