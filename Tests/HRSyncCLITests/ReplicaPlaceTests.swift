import Foundation
import HRSyncSandbox
import HRSyncTestSupport
import Testing

/// A replica's files never go inside the state directory it copies, however the path is spelled.
@Suite struct ReplicaPlaceTests {
    @Test func aStateFileInsideTheSourceIsRefusedThroughSymlinksAndDotDot() throws {
        let scratch = try Scratch()
        let source = scratch.url.appendingPathComponent("in").path
        try FileManager.default.createDirectory(atPath: source + "/refs", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: scratch.url.appendingPathComponent("link").path, withDestinationPath: source)
        let root = scratch.url.path
        for inside in ["\(source)/refs/personio", "\(source)/new/sandbox.json", "\(root)/link/sandbox.json", "\(root)/out/../in/x.json", source] {
            #expect(throws: ReplicaPlace.InsideSource.self, "\(inside)") { try ReplicaPlace.check(inside, outside: source) }
        }
        // The source named through the symlink: the same directory.
        #expect(throws: ReplicaPlace.InsideSource.self) { try ReplicaPlace.check("\(source)/refs/x", outside: "\(root)/link") }
        for outside in ["\(root)/replica/sandbox.json", "\(root)/in-other/sandbox.json", "\(source)/../replica/sandbox.json"] {
            #expect(throws: Never.self, "\(outside)") { try ReplicaPlace.check(outside, outside: source) }
        }
    }
}
