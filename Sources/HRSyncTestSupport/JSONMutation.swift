import Foundation

/// JSON bytes with a few bytes replaced, inserted or removed, from an alphabet of JSON's own
/// punctuation, digits, literal letters and bytes that break UTF-8: for the tests that check a
/// fast reader against `JSONDecoder` on damaged records and log lines.
public enum JSONMutation {
    static let alphabet = Array(#"{}[]":,\ 0123456789-+.eEnultrfaZT"#.utf8) + [0x00, 0x0A, 0x7F, 0xC3, 0xA9, 0xFF, 0xED, 0xA0, 0x80]

    /// `bytes` with one to three changes drawn from `random`.
    public static func mutated(_ bytes: Data, _ random: inout SeededRandom) -> Data {
        var bytes = Array(bytes)
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let at = Int.random(in: 0...bytes.count, using: &random)
            switch Int.random(in: 0...2, using: &random) {
            case 0 where at < bytes.count: bytes[at] = alphabet.randomElement(using: &random)!
            case 1 where at < bytes.count: bytes.remove(at: at)
            default: bytes.insert(alphabet.randomElement(using: &random)!, at: at)
            }
        }
        return Data(bytes)
    }
}
