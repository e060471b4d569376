import Foundation

extension Plan {
    /// `CanonicalJSON.encode(self)`, its warnings encoded in the other part: at 100,000 employees
    /// they are most of the plan, and encoding it whole took one core at the end of every `plan`.
    /// Keys are sorted and `warnings` is the last, so the plan without warnings ends in
    /// `,"warnings":[]}` and the list encoded alone takes the place of `[]`: byte for byte what the
    /// whole encode writes (a note's bytes do not depend on where it stands; tested). Should the
    /// plan without warnings end otherwise, it is encoded whole.
    public func canonicalBytes(parts: any PartsRunner) throws -> Data {
        var rest = self
        rest.warnings = []
        let encoded = [Box<Result<Data, any Error>?>(nil), Box(nil)]
        parts.run(2) { part in
            encoded[part].value = Result { part == 0 ? try CanonicalJSON.encode(rest) : try CanonicalJSON.encode(warnings) }
        }
        guard let head = try encoded[0].value?.get(), let list = try encoded[1].value?.get() else { return try CanonicalJSON.encode(self) }
        let emptyLast = Data(#","warnings":[]}"#.utf8)
        guard head.count >= emptyLast.count, head.suffix(emptyLast.count).elementsEqual(emptyLast) else { return try CanonicalJSON.encode(self) }
        var bytes = Data(capacity: head.count + list.count)
        bytes.append(head.prefix(head.count - 3))  // up to and with `"warnings":`
        bytes.append(list)
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }
}
