#if canImport(Glibc)
    import Glibc
#endif

/// glibc gives each thread that allocates an arena of its own, up to eight per core, and memory
/// freed in one arena serves no other: a pull's reads and decoding hop between the HTTP client's
/// and Swift's threads, and at 20,000 employees its peak RSS was 183 MB with the default against
/// 157 MB with two arenas (`hrsync-bench pull-10k`), at the same CPU time; `plan --offline` at
/// 100,000 was unchanged (one arena slowed its parallel parts by 11 %).
public enum MallocArenas {
    /// Caps the arenas at `count` for the rest of the process (threads that already have one keep
    /// it); false where that could not be done (no glibc). `mallopt` is looked up by name: Swift's
    /// Glibc module does not include <malloc.h>.
    @discardableResult
    public static func limit(to count: Int32 = 2) -> Bool {
        #if canImport(Glibc)
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            let arenaMax: Int32 = -8  // M_ARENA_MAX in <malloc.h>
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
            return unsafeBitCast(symbol, to: Mallopt.self)(arenaMax, count) == 1
        #else
            return false
        #endif
    }
}
