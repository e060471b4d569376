import Foundation

/// The random source of property tests: SplitMix64 from a seed, so a failure replays. The seed is
/// `HRSYNC_TEST_SEED` when set, else fresh each run; tests put `replay` in their expectations'
/// comments, so a failing run prints the line that reproduces it.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    /// The run's seed (what HRSYNC_TEST_SEED takes).
    public let seed: UInt64
    /// Separates the cases of one parameterised test under the same seed.
    public let salt: UInt64
    private var state: UInt64

    /// A generator for an explicit `seed` (a replay) and `salt` (the case); tests usually call `forTest`.
    public init(seed: UInt64, salt: UInt64 = 0) {
        self.seed = seed
        self.salt = salt
        state = seed &+ salt &* 0x9E37_79B9_7F4A_7C15
    }

    /// A generator for one test case: the environment's seed, or a fresh one.
    public static func forTest(salt: Int = 0) -> SeededRandom {
        let configured = ProcessInfo.processInfo.environment["HRSYNC_TEST_SEED"].flatMap { UInt64($0) }
        return SeededRandom(seed: configured ?? UInt64.random(in: 0...UInt64(UInt32.max)), salt: UInt64(truncatingIfNeeded: salt))
    }

    /// The next SplitMix64 value.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// "seed 123 (replay: HRSYNC_TEST_SEED=123 swift test --filter …)".
    public var replay: String { "seed \(seed), case \(salt) (replay: HRSYNC_TEST_SEED=\(seed) swift test --filter <test>)" }
}
