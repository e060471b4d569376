import Foundation
import HRSyncCore
import HRSyncTestSupport
import Testing

/// `Plan.canonicalBytes` (warnings encoded apart) writes what the whole encode writes, and
/// `EarlierPlanWarnings.read` reads what the whole decode reads.
@Suite struct PlanBytesTests {
    /// Texts a note may carry: quotes, escapes, controls, DEL, C1, bidi, emoji, and the very bytes the split looks for.
    static let texts = [
        "", "Ada Lovelace", "a\"b", "back\\slash", "tab\tnew\nline", "\u{1}", "\u{7F}", "\u{85}", "\u{202E}evil", "é", "e\u{301}", "🙂",
        #","warnings":[]}"#, "/slash/", "ümlaut"
    ]

    static func note(_ random: inout SeededRandom) -> PlanNote {
        func text() -> String { texts.randomElement(using: &random)! + (Bool.random(using: &random) ? "" : texts.randomElement(using: &random)!) }
        let people = (0..<Int.random(in: 0...2, using: &random)).map { _ in
            PersonRef(personioID: Int.random(in: 0...99_999, using: &random), name: text(), email: Bool.random(using: &random) ? nil : text())
        }
        let users = (0..<Int.random(in: 0...2, using: &random)).map { _ in text() }
        var values: [String: String] = [:]
        for _ in 0..<Int.random(in: 0...3, using: &random) { values[text()] = text() }
        return PlanNote(PlanNote.Kind.allCases.randomElement(using: &random)!, people: people, users: users, values: values)
    }

    static func plan(_ random: inout SeededRandom) -> Plan {
        let actions = (0..<Int.random(in: 0...3, using: &random)).map { n in
            PlanAction(
                .addRole(group: "g\(n)"), person: PersonRef(personioID: n, name: texts.randomElement(using: &random)!, email: nil),
                user: .existing("u\(n)"), reason: texts.randomElement(using: &random)!)
        }
        let warnings = (0..<Int.random(in: 0...6, using: &random)).map { _ in note(&random) }
        var plan = Plan(
            personioSnapshot: "p", learning360Snapshot: "l", configHash: "c", target: "https://acme.360learning.com", actions: actions,
            warnings: warnings, conflicts: (0..<Int.random(in: 0...2, using: &random)).map { _ in note(&random) }, held: nil,
            syncedUsers: Int.random(in: 0...9, using: &random), summary: PlanSummary(actions, warnings: warnings.count, conflicts: 0))
        if Int.random(in: 0...3, using: &random) == 0 { plan.targeted = ["ada@acme.example"] }
        if Int.random(in: 0...3, using: &random) == 0 { plan.reverts = "ab12" }
        if Int.random(in: 0...3, using: &random) == 0 { plan.asOf = "2026-12-31" }
        return plan
    }

    @Test func theSplitEncodeWritesTheWholeEncodesBytes() throws {
        var random = SeededRandom.forTest()
        for _ in 0..<300 {
            let plan = Self.plan(&random)
            #expect(try plan.canonicalBytes(parts: SequentialParts()) == CanonicalJSON.encode(plan), "\(random.replay)")
        }
    }

    @Test func earlierWarningsReadAsTheWholeDecodeReadsThem() throws {
        var random = SeededRandom.forTest()
        var read = 0
        for _ in 0..<300 {
            let plan = Self.plan(&random)
            let bytes = try CanonicalJSON.encode(plan)
            let whole = EarlierPlanWarnings(try CanonicalJSON.decode(Plan.self, from: bytes))
            if let scanned = EarlierPlanWarnings.read(bytes) {
                read += 1
                #expect(scanned == whole, "\(random.replay)")
            }
            #expect(whole.isFull == (plan.targeted == nil && plan.reverts == nil))
        }
        #expect(read == 300, "every plan this hrsync writes is read by the scanner")
    }

    /// A note mutated byte by byte is read as `JSONDecoder` reads it, or left to it.
    @Test func mutatedNotesReadAsJSONDecoderReadsThemOrAreLeftToIt() throws {
        var random = SeededRandom.forTest()
        var agreed = 0
        for _ in 0..<2_000 {
            let note = JSONMutation.mutated(try CanonicalJSON.encode([Self.note(&random)]), &random)
            let plan = Data(#"{"format_version":"\#(Plan.formatVersion)","warnings":"#.utf8) + note + Data("}".utf8)
            guard let scanned = EarlierPlanWarnings.read(plan) else { continue }
            #expect(scanned.warnings == (try? JSONDecoder().decode([PlanNote].self, from: note)), "\(random.replay)")
            agreed += 1
        }
        #expect(agreed > 100, "the mutants the scanner read: \(agreed)")
    }

    @Test func otherFormatsAndShapesAreLeftToTheWholeDecode() {
        let version = Plan.formatVersion
        #expect(EarlierPlanWarnings.read(Data(#"{"format_version":"2.0","warnings":[]}"#.utf8)) == nil)
        #expect(EarlierPlanWarnings.read(Data(#"{"format_version":"\#(version)"}"#.utf8)) == nil)
        #expect(EarlierPlanWarnings.read(Data(#"{"format_version":"\#(version)","warnings":[],"warnings":[]}"#.utf8)) == nil)
        #expect(EarlierPlanWarnings.read(Data(#"{"format_version":"\#(version)","warnings":[{"kind":"no_such_kind"}]}"#.utf8)) == nil)
        #expect(EarlierPlanWarnings.read(Data(#"{"format_version":"\#(version)","warnings":[{"kind":"no_email","message":"m"}]}"#.utf8)) == nil)
        let plain = EarlierPlanWarnings.read(Data(#"{"format_version":"\#(version)","warnings":["said before"],"targeted":null}"#.utf8))
        #expect(plain == EarlierPlanWarnings(isFull: true, warnings: [PlanNote(.text, values: ["text": "said before"])]))
        let targeted = EarlierPlanWarnings.read(Data(#"{"format_version":"\#(version)","warnings":[],"targeted":["a"]}"#.utf8))
        #expect(targeted?.isFull == false)
    }
}
