import Foundation
import HRSyncTestSupport
import Testing

@testable import HRSyncStore

/// A pack is hashed and deflated from its lines as parts (never copied into one buffer): the
/// object must be the one a single buffer of the same bytes makes.
@Suite struct PackPartsTests {
    static func check(_ parts: [Data], in objects: ObjectStore, _ comment: Comment) throws {
        let whole = parts.reduce(Data(), +)
        let id = try objects.put(.pack, parts: parts)
        #expect(id == ObjectID(hashing: [ObjectStore.header(.pack, whole), whole]), comment)
        #expect(try objects.get(id, as: .pack) == whole, comment)
        #expect(try Zlib.decompress(try Zlib.compress(parts)) == whole, comment)
    }

    @Test func anObjectPutAsPartsIsTheObjectOfTheirConcatenation() throws {
        let temp = try TemporaryState()
        // No parts, only empty parts, one byte, a part larger than zlib's 256 KiB output chunk.
        let fixed: [[Data]] = [[], [Data()], [Data(), Data()], [Data([0x0A])], [Data(repeating: 7, count: 300_000), Data(), Data("x".utf8)]]
        for (index, parts) in fixed.enumerated() { try Self.check(parts, in: temp.state.objects, "fixed case \(index)") }
        var random = SeededRandom.forTest()
        for round in 0..<10 {
            let parts = (0..<Int.random(in: 0...12, using: &random)).map { _ in
                let size = [0, 1, 17, 300, 70_000, 300_000].randomElement(using: &random)!
                return Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &random) })
            }
            try Self.check(parts, in: temp.state.objects, "round \(round), \(random.replay)")
        }
    }

    @Test func aPackOverTheSizeLimitIsRefusedBeforeAnythingIsWritten() throws {
        let temp = try TemporaryState()
        let before = temp.state.objects.allIDs()
        let big = Data(count: ObjectStore.maximumSize / 2 + 1)
        #expect(throws: StoreError.self) { try temp.state.objects.put(.pack, parts: [big, big]) }
        #expect(temp.state.objects.allIDs() == before)
    }
}
