import Foundation

/// A snapshot's records handed over one by one: the source calls its argument with each (key,
/// record), each key once, in no set order. The decoders take this rather than a dictionary of
/// all records: at 100,000 employees that dictionary was 466,000 keys hashed, stored and freed
/// for a single pass (`OpenSnapshot.forEach` is the store's source).
public typealias RecordSource = ((String, Data) throws -> Void) throws -> Void
