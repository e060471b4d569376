import Testing

@testable import HRSyncEngine

/// hrsync caps glibc's malloc arenas at start-up (`MallocArenas`): the call must reach glibc's
/// `mallopt` and be accepted, or the memory figures the README gives would not hold.
@Suite struct MallocArenasTests {
    @Test func theArenaCapIsAcceptedByGlibc() {
        #if canImport(Glibc)
            #expect(MallocArenas.limit(to: 8))
            #expect(MallocArenas.limit())
        #else
            #expect(!MallocArenas.limit())
        #endif
    }
}
