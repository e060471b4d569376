import Testing

@testable import HRSyncCLI

@Suite struct TerminalTextTests {
    @Test(arguments: [
        ("Zoë Müller-Łukasz 山田", "Zoë Müller-Łukasz 山田"),
        ("evil\u{1B}[2J", "evil\\u{1b}[2J"),
        ("line\nbreak\r", "line\\nbreak\\r"),
        ("bell\u{07}", "bell\\u{7}"),
        ("rtl\u{202E}txt", "rtl\\u{202e}txt"),
        ("c1\u{9B}31m", "c1\\u{9b}31m"),
        ("back\\slash", "back\\\\slash"),
        ("line\u{2028}para\u{2029}bom\u{FEFF}", "line\\u{2028}para\\u{2029}bom\\u{feff}")
    ])
    func controlCharactersAreShownNotInterpreted(input: String, expected: String) {
        #expect(TerminalText.escape(input) == expected)
    }
}
