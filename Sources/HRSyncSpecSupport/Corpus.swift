import Foundation

/// A folder of bad inputs under Tests/Fixtures/bad-inputs with `expected.json`: file name → the
/// outcome hrsync must give. Tests turn each file into an outcome (a JSON value) and compare.
/// With HRSYNC_CORPUS_RECORD=1, `report` prints the outcomes of files not yet in expected.json.
public struct Corpus {
    /// The corpus folder, `Tests/Fixtures/bad-inputs/<name>`.
    public let folder: URL

    /// The corpus named `name` (`personio`, `360learning`, `config`, `plan`).
    public init(_ name: String) {
        folder = VendorSpecs.fixture("bad-inputs/" + name)
    }

    /// The input files, sorted: every file but `expected.json` and hidden ones.
    public var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0 != "expected.json" && !$0.hasPrefix(".") }.sorted()
    }

    /// The bytes of one input file; throws when it cannot be read.
    public func input(_ file: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(file))
    }

    /// `expected.json` as file name → outcome; throws when it is missing or not JSON.
    public func expected() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("expected.json"))) as? [String: Any] ?? [:]
    }

    /// The outcome as canonical text, for comparing and for printing.
    public static func text(_ outcome: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: outcome, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes]) else {
            return "\(outcome)"
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Pairs of (file, expected, actual) that differ. A file without an expectation differs, and so
    /// does an expectation whose file is gone, and a corpus that yields no outcome at all: a check
    /// that reads nothing must not pass.
    public func mismatches(_ outcomes: [String: Any]) throws -> [(file: String, expected: String, actual: String)] {
        let expected = try self.expected()
        if ProcessInfo.processInfo.environment["HRSYNC_CORPUS_RECORD"] == "1" {
            let missing = outcomes.filter { expected[$0.key] == nil }
            if !missing.isEmpty,
                let data = try? JSONSerialization.data(withJSONObject: missing, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
            {
                print("corpus \(folder.lastPathComponent): outcomes to review\n" + String(decoding: data, as: UTF8.self))
            }
        }
        guard !outcomes.isEmpty else { return [("(every file)", "outcomes for \(expected.count) files", "none: no input was read from \(folder.path)")] }
        let gone = expected.keys.filter { outcomes[$0] == nil }.sorted().map { ($0, Self.text(expected[$0]!), "(the input file is missing)") }
        return gone
            + outcomes.keys.sorted().compactMap { file in
                let actual = Self.text(outcomes[file]!)
                let wanted = expected[file].map(Self.text) ?? "(no expectation)"
                return actual == wanted ? nil : (file, wanted, actual)
            }
    }
}
