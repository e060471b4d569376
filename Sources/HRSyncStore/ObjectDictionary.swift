/// The preset dictionary objects are deflated with: the store's own syntax (object headers, a
/// pack's line syntax, a snapshot manifest's fields in the order they are written). A day's delta
/// manifest and pack are a few hundred bytes each, too short for zlib to learn much from
/// themselves; with this text to refer back to, their boilerplate costs a few bits. Measured by
/// `hrsync-bench store-year` (1,000 employees, 60 days): a day's objects shrink by about 100 bytes.
///
/// Never edit these bytes: every object written with them names them by their Adler-32, and
/// `ObjectStore.get` must find them again. A better dictionary is added beside this one under a
/// new name, and `dictionaries` keeps both. Objects written before any dictionary read as before.
enum ObjectDictionary {
    static let version1: [UInt8] = Array(
        ("pack 1\0~\n~0.0 c0+i1:c-1+\n"
            + "snapshot 1\0{\"chain\":1,\"count\":1,\"depth\":0,\"format\":2,\"keys\":[\"0:\"],\"kind\":\"360learning\",\"meta\":{},\"packs\":[\""
            + "\"],\"parent\":\""
            + "snapshot 1\0{\"base\":\"\",\"chain\":1,\"count\":1,\"depth\":1,\"format\":2,\"keys\":[\"0:\"],\"kind\":\"personio\",\"meta\":{},"
            + "\"packs\":[\"\"],\"removed\":[],\"runs\":[[0,0,1]],\"taken_at\":\"2026-01-01T00:00:00Z\"}").utf8)

    /// What `put` deflates with.
    static let current = version1
    /// Every dictionary an object may name (`get`).
    static let all = [version1]
}
