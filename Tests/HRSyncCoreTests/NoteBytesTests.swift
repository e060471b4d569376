import Foundation
import HRSyncTestSupport
import Testing

@testable import HRSyncCore

/// `NoteBytes` writes what `CanonicalJSON` writes for the same notes, byte for byte: plain notes
/// directly, any other (a text to escape, a key out of order under some ordering) through the
/// encoder.
@Suite struct NoteBytesTests {
    /// Plain texts (written directly) and texts to escape or that `escapingUnsafeCharacters`
    /// rewrites (left to the encoder).
    static let plain = ["", "Ada Lovelace", "Núñez", "/slash/", "ümlaut", "日本", "🙂", "a,b:{c}[d]", "has left (inactive in Personio)"]
    static let hostile = ["a\"b", "back\\slash", "tab\tnew\nline", "\u{1}", "\u{7F}", "\u{85}", "\u{A0}", "\u{202E}evil", "a → b", "\u{FEFF}", "\u{FFFD}"]
    static let keys = ["why", "key", "field", "a", "zz", "days", "cap"]
    static let otherKeys = ["Why", "key_2", "a10", "a9", "_x", "", "é", "a b"]

    static func note(_ random: inout SeededRandom, hostility: Int) -> PlanNote {
        func text() -> String {
            Int.random(in: 0..<100, using: &random) < hostility ? hostile.randomElement(using: &random)! : plain.randomElement(using: &random)!
        }
        let people = (0..<Int.random(in: 0...3, using: &random)).map { _ in
            PersonRef(personioID: Int.random(in: -5...999_999, using: &random), name: text(), email: Bool.random(using: &random) ? nil : text())
        }
        var values: [String: String] = [:]
        for _ in 0..<Int.random(in: 0...4, using: &random) {
            let key = Int.random(in: 0..<100, using: &random) < hostility ? otherKeys.randomElement(using: &random)! : keys.randomElement(using: &random)!
            values[key] = text()
        }
        return PlanNote(
            PlanNote.Kind.allCases.randomElement(using: &random)!, people: people,
            users: (0..<Int.random(in: 0...2, using: &random)).map { _ in text() }, values: values)
    }

    @Test(arguments: [0, 5, 50])
    func notesAreWrittenAsTheEncoderWritesThem(hostility: Int) throws {
        var random = SeededRandom.forTest(salt: hostility)
        var direct = 0
        for _ in 0..<300 {
            let notes = (0..<Int.random(in: 0...8, using: &random)).map { _ in Self.note(&random, hostility: hostility) }
            #expect(try NoteBytes.encode(notes[...]) == CanonicalJSON.encode(notes), "\(random.replay)")
            for note in notes {
                var out: [UInt8] = []
                if NoteBytes.write(note, to: &out) {
                    direct += 1
                    #expect(Data(out) == (try CanonicalJSON.encode(note)), "\(random.replay)")
                }
            }
        }
        if hostility == 0 { #expect(direct > 1_000, "plain notes are written directly: \(direct)") }
        if hostility == 50 { #expect(direct > 20 && direct < 600, "some notes are left to the encoder: \(direct)") }
    }

    @Test func aSliceIsWrittenAsItsArray() throws {
        let notes = [PlanNote(.noEmail), PlanNote(.prestart, values: ["days": "3"]), PlanNote(.text, values: ["text": "a\u{202E}b"])]
        for range in [0..<0, 0..<1, 1..<3, 0..<3] {
            #expect(try NoteBytes.encode(notes[range]) == CanonicalJSON.encode(Array(notes[range])))
        }
    }
}
