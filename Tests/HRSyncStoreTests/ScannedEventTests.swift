import Foundation
import HRSyncCore
import HRSyncTestSupport
import Testing

@testable import HRSyncStore

/// A log line the scanner reads is the event `JSONDecoder` reads from it, on random events as the
/// log writes them and on those lines with bytes changed; a line it does not read (an unknown or
/// repeated member, another spelling) is left to `JSONDecoder`.
@Suite struct ScannedEventTests {
    static let pieces = ["a", "Zoë", "\"", "\\", "\u{0}", "\n", "\u{7F}", "\u{202E}", "e\u{301}", "😀", " ", ":", ",", "{", "]", "null", "123"]

    static func text(_ random: inout SeededRandom) -> String {
        (0..<Int.random(in: 0...4, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    static func event(_ random: inout SeededRandom) -> Event {
        let kinds: [Event.Kind] = [.initialize, .pull, .plan, .apply, .gc, .forget, .journal]
        let ids = (0..<Int.random(in: 0...3, using: &random)).map { _ in ObjectID.sha256(of: Data(text(&random).utf8)) }
        var event = Event(
            kind: kinds.randomElement(using: &random)!, time: Date(timeIntervalSince1970: Double(Int.random(in: 0...2_000_000_000, using: &random))),
            user: text(&random), host: text(&random), command: text(&random), reads: ids, writes: ids.reversed(), summary: text(&random),
            people: (0..<Int.random(in: 0...5, using: &random)).map { _ in text(&random) },
            outcome: Bool.random(using: &random) ? nil : ["done": Int.random(in: 0...9, using: &random), text(&random): -1])
        if Bool.random(using: &random) { event.id = text(&random) }  // a damaged id is read as written
        return event
    }

    @Test func linesReadAsJSONDecoderReadsThem() throws {
        var random = SeededRandom.forTest()
        var read = 0
        for _ in 0..<500 {
            let event = Self.event(&random)
            let line = try CanonicalJSON.encode(event)
            #expect(Event.scanned(line) == event, "\(String(decoding: line, as: UTF8.self)) \(random.replay)")
            for _ in 0..<6 {
                let mutant = JSONMutation.mutated(line, &random)
                guard let scanned = Event.scanned(mutant) else { continue }
                read += 1
                #expect(scanned == (try? Event.decoder.decode(Event.self, from: mutant)), "\(String(decoding: mutant, as: UTF8.self)) \(random.replay)")
            }
        }
        #expect(read > 100, "the mutants the scanner read: \(read)")
    }

    @Test func oddLinesAreLeftToJSONDecoder() throws {
        let line = String(decoding: try CanonicalJSON.encode(EventLogReadTests.event(1)), as: UTF8.self)
        for odd in [
            line.replacingOccurrences(of: "{", with: #"{"extra":1,"#),  // an unknown member: JSONDecoder ignores it
            line.replacingOccurrences(of: "{", with: #"{"user":"x","#),  // a repeated one
            line.replacingOccurrences(of: #""time":"#, with: #""time":1,"old":"#)
        ] {
            #expect(Event.scanned(Data(odd.utf8)) == nil, "\(odd)")
        }
        // Members JSONDecoder reads its own way: null outcome, escaped names, statuses twice
        // (byte-equal or canonically equal): the scanner reads the same or leaves them.
        let odd = [
            line.replacingOccurrences(of: "{", with: #"{"outcome":null,"#), line.replacingOccurrences(of: #""id":"#, with: #""\u0069d":"#),
            line.replacingOccurrences(of: "{", with: #"{"outcome":{"done":1,"done":2},"#),
            line.replacingOccurrences(of: "{", with: #"{"outcome":{"\u00e9":1,"e\u0301":2},"#),
            line.replacingOccurrences(of: "{", with: #"{"outcome":{"done":1.5},"#)
        ]
        for text in odd {
            let data = Data(text.utf8)
            if let scanned = Event.scanned(data) { #expect(scanned == (try? Event.decoder.decode(Event.self, from: data)), "\(text)") }
        }
        #expect(Event.scanned(Data(odd[0].utf8)) != nil && Event.scanned(Data(odd[0].utf8))?.outcome == nil)
        #expect(Event.scanned(Data(odd[2].utf8)) == nil && Event.scanned(Data(odd[3].utf8)) == nil)
        // Times are read by the log's own decoder: whatever it makes of a spelling, the scanner makes too.
        for time in [".5Z\"", "+01:00\"", "\"", "Zjunk\""] {
            let spelled = Data(line.replacingOccurrences(of: "Z\"", with: time).utf8)
            #expect(Event.scanned(spelled) == (try? Event.decoder.decode(Event.self, from: spelled)), "\(time)")
        }
    }
}
