import Foundation
import HRSyncTestSupport
import Testing

@testable import HRSyncStore

@Suite struct RecordDeltaTests {
    @Test func editsRoundTripAndCostTheChangedBytes() throws {
        let base = Data(
            #"{"department":"Sales","email":"anna.müller.6200001@acme.example","id":"6200001","last_modified_at":"2026-11-01T09:10:00+01:00","position":"Engineer","status":"active"}"#
                .utf8)
        let edited = Data(
            String(decoding: base, as: UTF8.self)
                .replacingOccurrences(of: "Sales", with: "Support").replacingOccurrences(of: "11-01T09:10", with: "11-12T10:00").utf8)
        let delta = RecordDelta.encode(from: base, to: edited)
        #expect(try RecordDelta.apply(delta, to: base) == edited)
        #expect(delta.count < 50, "\(String(decoding: delta, as: UTF8.self))")
        #expect(!delta.contains(0x0A))
    }

    @Test func anyPairRoundTrips() throws {
        var random = SeededRandom.forTest()
        let alphabet = Array(#"{}":,abcdeé日0123456789+-ci"#.utf8)
        for _ in 0..<300 {
            let base = Data((0..<Int.random(in: 0...200, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            var target = [UInt8](base)
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                switch Int.random(in: 0...2, using: &random) {
                case 0 where !target.isEmpty: target.remove(at: Int.random(in: 0..<target.count, using: &random))
                case 1: target.insert(alphabet.randomElement(using: &random)!, at: Int.random(in: 0...target.count, using: &random))
                default:
                    if !target.isEmpty, Bool.random(using: &random) {
                        target.append(contentsOf: target.prefix(Int.random(in: 0...target.count, using: &random)))
                    }
                }
            }
            let delta = RecordDelta.encode(from: base, to: Data(target))
            #expect(try RecordDelta.apply(delta, to: base) == Data(target), "\(random.replay)")
        }
        #expect(try RecordDelta.apply(RecordDelta.encode(from: Data(), to: Data("new".utf8)), to: Data()) == Data("new".utf8))
    }

    @Test func malformedDeltasThrow() {
        let base = Data("0123456789".utf8)
        for bad in ["x", "c0+11", "c-1+2", "i5:abc", "c+3", "c3", "i:"] {
            #expect(throws: RecordDelta.Malformed.self, "\(bad)") { try RecordDelta.apply(Data(bad.utf8), to: base) }
        }
    }
}
