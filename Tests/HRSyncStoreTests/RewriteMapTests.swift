import Foundation
import Testing

@testable import HRSyncStore

/// `rewrites`: where removed ids went, read back exactly, followed through rewrites of rewrites.
@Suite struct RewriteMapTests {
    static func id(_ n: Int) -> ObjectID { ObjectID.sha256(of: Data("\(n)".utf8)) }
    static let day = ISO8601DateFormatter().date(from: "2026-12-02T10:00:00Z")!

    @Test func roundTripsAndFollowsChains() throws {
        let temp = try TemporaryState()
        var map = RewriteMap()
        map.record(Self.id(1), .rewritten(to: Self.id(2), on: Self.day))
        map.record(Self.id(2), .rewritten(to: Self.id(3), on: Self.day))
        map.record(Self.id(4), .collected(on: Self.day))
        map.record(Self.id(5), .rewritten(to: Self.id(5), on: Self.day))  // to itself: nothing to record
        try temp.state.saveRewrites(map)
        let back = try temp.state.rewrites()
        #expect(back == map && back.entries.count == 3)
        #expect(back.current(Self.id(1)) == Self.id(3), "a rewrite of a rewrite is followed")
        #expect(back.current(Self.id(4)) == nil && back.current(Self.id(9)) == Self.id(9))
        #expect(temp.state.removedNote(for: Self.id(4)) == "collected by gc on 2026-12-02")
        #expect(FileSystem.mode(temp.state.rewritesPath) == 0o600)
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: temp.state.rewritesPath)), as: UTF8.self)
        #expect(text.split(separator: "\n").allSatisfy { $0.split(separator: " ").count == 3 }, "ids and dates only")
    }

    @Test func aDamagedFileIsAFaultNotACrash() throws {
        let temp = try TemporaryState()
        try Data("not a line\n".utf8).write(to: URL(fileURLWithPath: temp.state.rewritesPath))
        chmod(temp.state.rewritesPath, 0o600)
        #expect(throws: StoreError.self) { try temp.state.rewrites() }
        #expect(temp.state.fsck().faults.contains { $0.path == temp.state.rewritesPath })
    }
}
