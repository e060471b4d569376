import HRSyncEngine
import ArgumentParser
import Foundation
import HRSyncCore
import HRSyncStore

/// Exit codes of hrsync(1) (Man/hrsync.1, EXIT STATUS; README "Commands").
public enum ExitStatus {
    public static let success: Int32 = 0
    public static let error: Int32 = 1
    public static let changesPresent: Int32 = 2
    public static let held: Int32 = 3
    public static let partialFailure: Int32 = 4
    public static let usage: Int32 = 64

    /// The code for an error thrown by a command; nil for argument-parser's own errors.
    static func code(for error: Error) -> Int32? {
        switch error {
        case StoreError.locked, is GuardRefusal: held
        case let error as CLIError: error.exitCode
        case is StoreError, is ConfigError: self.error
        case let error as any LocalizedError where error.errorDescription != nil: self.error
        default: nil
        }
    }
}

/// An error that means "held by a guard" (exit 3): shrink guard, deletion guard, stale plan.
protocol GuardRefusal: Error {}

extension PersonioPull.Refusal: GuardRefusal {}
extension Learning360Pull.Refusal: GuardRefusal {}
extension ApplyEngine.Refusal: GuardRefusal {}
