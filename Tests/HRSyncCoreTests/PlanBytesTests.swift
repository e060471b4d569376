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
        if Int.random(in: 0...3, using: &random) == 0 {
            plan.held = DeletionGuard.Verdict(deletes: 3, allowed: 1, syncedUsers: 40, limit: "2%")
            plan.blankingHeld = [BlankingGuard.Verdict(field: "job", blanked: 3, allowed: 2, syncedUsers: 40, limit: "5%")]
        }
        return plan
    }

    /// Parts in reverse, as another core may run them.
    struct ReversedParts: PartsRunner {
        func run(_ count: Int, _ body: (Int) -> Void) { for part in (0..<count).reversed() { body(part) } }
    }

    @Test func theSplitEncodeWritesTheWholeEncodesBytes() throws {
        var random = SeededRandom.forTest()
        for _ in 0..<300 {
            var plan = Self.plan(&random)
            var ranAlongside = false
            #expect(try plan.canonicalBytes(parts: SequentialParts()) { ranAlongside = true } == CanonicalJSON.encode(plan), "\(random.replay)")
            #expect(try plan.canonicalBytes(parts: ReversedParts()) == CanonicalJSON.encode(plan), "\(random.replay)")
            #expect(ranAlongside)
            // The split is taken, not the whole encode it falls back to: the rest ends in the empty list.
            plan.warnings = []
            #expect(String(decoding: try CanonicalJSON.encode(plan), as: UTF8.self).hasSuffix(#","warnings":[]}"#), "\(random.replay)")
        }
    }

    /// `null` where the whole decode takes it as absent, and where it refuses it.
    @Test func nullsReadAsTheWholeDecodeReadsThem() throws {
        let version = Plan.formatVersion
        let plans = [
            #"{"format_version":"\#(version)","reverts":null,"targeted":null,"warnings":[{"kind":"no_email","people":null,"users":null,"values":null}]}"#,
            #"{"format_version":"\#(version)","warnings":[{"kind":"no_email","people":[{"personio_id":1,"name":"A","email":null}]}]}"#,
            #"{"format_version":"\#(version)","warnings":[{"kind":"no_email","people":[{"personio_id":1,"name":"A"}]}]}"#
        ]
        for plan in plans {
            let notes = try #require(EarlierPlanWarnings.read(Data(plan.utf8)), "\(plan)")
            #expect(notes.isFull)
            let whole = try JSONDecoder().decode([PlanNote].self, from: Data(plan.split(separator: #""warnings":"#)[1].dropLast().utf8))
            #expect(notes.warnings == whole, "\(plan)")
        }
        for plan in [
            #"{"format_version":"\#(version)","warnings":null}"#, #"{"format_version":"\#(version)","warnings":[null]}"#,
            #"{"format_version":"\#(version)","warnings":[{"kind":"no_email","values":{"a":null}}]}"#,
            #"{"format_version":"\#(version)","warnings":[{"kind":"no_email","users":[null]}]}"#
        ] {
            #expect(EarlierPlanWarnings.read(Data(plan.utf8)) == nil, "\(plan)")
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
