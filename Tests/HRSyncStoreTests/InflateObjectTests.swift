import Foundation
import HRSyncTestSupport
import Testing

@testable import HRSyncStore

/// An object inflates as its header and its payload, the payload into a buffer of the declared
/// size: exactly what was deflated, across chunk boundaries and with the preset dictionary; a
/// payload longer than declared, a truncated stream and a missing header are refused; a shorter
/// one comes back short (`get` compares it with the header).
@Suite struct InflateObjectTests {
    static func deflated(_ header: String, _ payload: Data, dictionary: [UInt8]? = ObjectDictionary.current) throws -> Data {
        try Zlib.compress([Data(header.utf8), payload], level: 9, dictionary: dictionary)
    }

    static func inflate(_ file: Data) throws -> (header: Data, payload: Data) {
        try Zlib.inflateObject(file, dictionaries: ObjectDictionary.all, header: ObjectStore.declaredSizes)
    }

    @Test func objectsOfEverySizeComeBackWhole() throws {
        var random = SeededRandom.forTest()
        // Empty, inside the first 4 KiB chunk, across it, and large.
        let sizes = [0, 1, 100, 4_085, 4_086, 4_087, 4_096, 70_000, 1 << 20] + (0..<20).map { _ in Int.random(in: 0..<300_000, using: &random) }
        for size in sizes {
            let payload = Data((0..<size).map { _ in UInt8.random(in: 0...8, using: &random) })  // compressible, so chunks split oddly
            for dictionary in [ObjectDictionary.current, nil] {
                let (header, inflated) = try Self.inflate(try Self.deflated("blob \(size)\0", payload, dictionary: dictionary))
                #expect(header == Data("blob \(size)\0".utf8), "\(size) \(random.replay)")
                #expect(inflated == payload, "\(size) \(random.replay)")
            }
        }
    }

    @Test func aPayloadLongerThanDeclaredIsRefused() throws {
        for (declared, actual) in [(0, 1), (10, 11), (4_090, 5_000), (100_000, 100_001)] {
            let file = try Self.deflated("blob \(declared)\0", Data(repeating: 7, count: actual))
            #expect(throws: Zlib.Failure.self, "\(declared) declared, \(actual) inflated") { try Self.inflate(file) }
        }
    }

    @Test func aShorterPayloadComesBackShortAndGetCallsItABadHeader() throws {
        let (_, payload) = try Self.inflate(try Self.deflated("blob 10\0", Data("short".utf8)))
        #expect(payload == Data("short".utf8))
        let temp = try TemporaryState()
        let content = Data("blob 10\0short".utf8)
        let id = ObjectID.sha256(of: content)
        let path = temp.state.objects.path(of: id)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Zlib.compress(content, level: 9, dictionary: ObjectDictionary.current).write(to: URL(fileURLWithPath: path))
        #expect { try temp.state.objects.get(id) } throws: { "\($0)".contains("bad header") }
    }

    @Test func aTruncatedStreamAndAMissingHeaderAreRefused() throws {
        let file = try Self.deflated("blob 200000\0", Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }))
        for cut in [2, file.count / 3, file.count - 5, file.count - 1] {
            #expect(throws: Zlib.Failure.self, "cut at \(cut) of \(file.count)") { try Self.inflate(file.prefix(cut)) }
        }
        #expect(throws: Zlib.Failure.self) { try Self.inflate(try Self.deflated(String(repeating: "x", count: 60), Data())) }
        let (header, payload) = try Self.inflate(try Self.deflated("blob 3", Data()))  // ends before its NUL
        #expect(header == Data("blob 3".utf8) && payload.isEmpty)
    }
}
