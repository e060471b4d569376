import Foundation
import Testing

@testable import HRSyncStore

#if canImport(Glibc)
    import Glibc
#endif

/// No object may declare more than `ObjectStore.maximumSize`: a zlib bomb whose header claims
/// 1000 MiB (under the old 1 GiB cap) is refused at its header, not inflated first.
@Suite(.serialized) struct InflateCapTests {
    /// The process's peak resident size so far, in bytes (Linux reports KiB).
    static func peakRSS() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }

    @Test func aBombClaimingMoreThanTheStoreHoldsIsRefusedAtItsHeader() throws {
        let temp = try TemporaryState()
        let claimed = 1000 << 20
        #expect(claimed > ObjectStore.maximumSize && claimed <= 1 << 30)
        // 1000 MiB of zeros behind the header, deflated part by part (about 1 MB on disk).
        let zeros = Data(count: 1 << 20)
        let bomb = try Zlib.compress([Data("blob \(claimed)\0".utf8)] + Array(repeating: zeros, count: 1000))
        #expect(bomb.count < 2 << 20)
        let id = ObjectID.sha256(of: Data("the bomb".utf8))
        let path = temp.state.objects.path(of: id)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try bomb.write(to: URL(fileURLWithPath: path))

        let before = Self.peakRSS()
        #expect { try temp.state.objects.get(id) } throws: { error in
            guard case .corruptObject(_, _, let reason)? = error as? StoreError else { return false }
            return reason.contains("more than the largest object hrsync writes, 512 MiB")
        }
        #expect(Self.peakRSS() - before < 200 << 20, "inflated at most a chunk, not the claimed 1000 MiB")
        #expect(!temp.state.fsck().isClean)
    }

    @Test func putRefusesWhatGetWouldRefuse() throws {
        let temp = try TemporaryState()
        #expect(throws: StoreError.objectTooLarge(kind: "blob", size: ObjectStore.maximumSize + 1, limit: ObjectStore.maximumSize)) {
            try temp.state.objects.put(.blob, Data(count: ObjectStore.maximumSize + 1))
        }
    }

    /// Header and payload deflated as parts read back as one buffer; the id hashes them as one.
    @Test func partsCompressLikeOneBuffer() throws {
        let header = Data("blob 5\0".utf8), payload = Data("hello".utf8)
        #expect(try Zlib.decompress(try Zlib.compress([header, payload])) == header + payload)
        #expect(try Zlib.decompress(try Zlib.compress([])) == Data())
        #expect(ObjectID(hashing: [header, payload]) == ObjectID.sha256(of: header + payload))
    }

    /// An object file far larger than any object (here 5 GiB, sparse) is refused by its size,
    /// before it is read: reading it whole would have taken the memory, and zlib's 32-bit input
    /// count would have trapped.
    @Test func aHugeObjectFileIsRefusedBeforeItIsRead() throws {
        let temp = try TemporaryState()
        let objects = temp.state.objects
        let id = try objects.put(.blob, Data("small".utf8))
        let path = objects.path(of: id)
        let fd = open(path, O_WRONLY)
        #expect(fd >= 0)
        #expect(ftruncate(fd, 5 << 30) == 0)
        close(fd)
        #expect {
            try objects.get(id)
        } throws: { error in
            guard case StoreError.corruptObject(_, _, let reason) = error else { return false }
            return reason.contains("5368709120 bytes, more than any object hrsync writes")
        }
        #expect(objects.presenceProblem(id)?.contains("implausible size") == true)
    }
}
