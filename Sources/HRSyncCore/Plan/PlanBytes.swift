import Foundation

extension Plan {
    /// `CanonicalJSON.encode(self)`, its warnings encoded in a part of their own: at 100,000
    /// employees they are most of the plan, and encoding it whole took one core at the end of every
    /// `plan`. Keys are sorted and `warnings` is the last, so the plan without warnings ends in
    /// `,"warnings":[]}` and the list encoded alone takes the place of `[]`: byte for byte what the
    /// whole encode writes (a note's bytes do not depend on where it stands; tested). Should the
    /// plan without warnings end otherwise, it is encoded whole. `alongside` runs as a third part
    /// (`plan` reads the earlier plan's warnings there): on 2 cores, one core encodes the list while
    /// the other runs `alongside`, then the rest of the plan.
    public func canonicalBytes(parts: any PartsRunner, alongside: () -> Void = {}) throws -> Data {
        var rest = self
        rest.warnings = []
        let list = Box<Result<Data, any Error>?>(nil), head = Box<Result<Data, any Error>?>(nil)
        parts.run(3) { part in
            switch part {
            case 0: list.value = Result { try CanonicalJSON.encode(warnings) }
            case 1: alongside()
            default: head.value = Result { try CanonicalJSON.encode(rest) }
            }
        }
        guard let head = try head.value?.get(), let list = try list.value?.get(), head.ends(with: Self.emptyLastMember) else {
            return try CanonicalJSON.encode(self)
        }
        var bytes = Data(capacity: head.count + list.count)
        bytes.append(head.prefix(head.count - 3))  // up to and with `"warnings":`
        bytes.append(list)
        bytes.append(UInt8(ascii: "}"))
        return bytes
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
