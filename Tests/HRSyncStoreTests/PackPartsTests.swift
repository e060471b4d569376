import Foundation
import HRSyncTestSupport
import Testing

@testable import HRSyncStore

/// A pack is hashed and deflated from its lines as parts (never copied into one buffer): the
/// object must be the one a single buffer of the same bytes makes.
@Suite struct PackPartsTests {
    @Test func anObjectPutAsPartsIsTheObjectOfTheirConcatenation() throws {
        let temp = try TemporaryState()
        let objects = temp.state.objects
        var generator = SystemRandomNumberGenerator()
        for round in 0..<10 {
            // Empty parts, one-byte parts, parts larger than zlib's 256 KiB output chunk.
            let parts = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                let size = [0, 1, 17, 300, 70_000, 300_000].randomElement(using: &generator)!
                return Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) })
            }
            let whole = parts.reduce(Data(), +)
            let id = try objects.put(.pack, parts: parts)
            #expect(id == ObjectID(hashing: [ObjectStore.header(.pack, whole), whole]), "round \(round)")
            #expect(try objects.get(id, as: .pack) == whole, "round \(round)")
            #expect(try Zlib.decompress(try Zlib.compress(parts)) == whole, "round \(round)")
        }
    }

    @Test func aPackOverTheSizeLimitIsRefusedBeforeAnythingIsWritten() throws {
        let temp = try TemporaryState()
        let big = Data(count: ObjectStore.maximumSize / 2 + 1)
        #expect(throws: StoreError.self) { try temp.state.objects.put(.pack, parts: [big, big]) }
    }
}
