import Foundation
import HRSyncCore
import HRSyncTestSupport
import Testing

@testable import HRSyncStore

/// `EventLog.read` keeps the lines it decoded and decodes only what was appended since; it must
/// give what a fresh read of the file gives after any appends, torn lines and rewrites.
@Suite struct EventLogReadTests {
    static func event(_ n: Int) -> Event {
        Event(
            kind: .pull, time: Date(timeIntervalSince1970: 1_790_000_000 + Double(n)), user: "u", host: "h", command: "hrsync pull",
            summary: "pull \(n)", people: ["\(n)", "p\(n)@acme.example"])
    }

    @Test func aKeptReadAgreesWithAFreshOneAfterAppendsTornLinesAndRewrites() throws {
        let temp = try TemporaryState()
        let log = temp.state.log
        var random = SeededRandom.forTest()
        var written = 1
        try log.append(Self.event(written))
        for step in 0..<200 {
            switch random.next() % 6 {
            case 0, 1, 2:
                written += 1
                try log.append(Self.event(written))
            case 3:  // a crash mid-append: part of a line, no newline (the next append starts a fresh line)
                let line = try CanonicalJSON.encode(Self.event(10_000 + step))
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log.path))
                try handle.seekToEnd()
                try handle.write(contentsOf: line.prefix(Int(random.next() % UInt64(line.count))))
                try handle.close()
            case 4:  // gc or forget: the file replaced by one with fewer or other lines
                let lines = try Data(contentsOf: URL(fileURLWithPath: log.path)).split(separator: 0x0A)
                let kept = lines.filter { _ in random.next() % 3 != 0 }.map { Data($0) + Data([0x0A]) }.reduce(Data(), +)
                try FileSystem.writeAtomically(kept, to: log.path)
            default:  // the same length, one byte changed: no longer the bytes decoded before
                var bytes = try Data(contentsOf: URL(fileURLWithPath: log.path))
                guard !bytes.isEmpty else { continue }
                let at = Int(random.next() % UInt64(bytes.count))
                bytes[at] = bytes[at] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
                try FileSystem.writeAtomically(bytes, to: log.path)
            }
            let kept = try log.read(), fresh = try EventLog(path: log.path).read()
            #expect(kept.events == fresh.events, "step \(step)")
            #expect(kept.torn == fresh.torn, "step \(step)")
        }
    }

    @Test func aTornLastLineIsReadAgainOnceItIsComplete() throws {
        let temp = try TemporaryState()
        let log = temp.state.log
        try log.append(Self.event(1))
        let line = try CanonicalJSON.encode(Self.event(2))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log.path))
        try handle.seekToEnd()
        try handle.write(contentsOf: line.prefix(20))
        #expect(try log.read().torn == [2])
        try handle.write(contentsOf: line.dropFirst(20) + Data([0x0A]))
        try handle.close()
        let (events, torn) = try log.read()
        #expect(events == [Self.event(1), Self.event(2)])
        #expect(torn.isEmpty)
    }
}
