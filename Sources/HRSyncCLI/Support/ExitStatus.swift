import ArgumentParser
import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncStore

/// Exit codes of hrsync(1) (Man/hrsync.1, EXIT STATUS; README "Commands").
public enum ExitStatus {
    /// Success; with `--detailed-exitcode`, also: no changes.
    public static let success: Int32 = 0
    /// An error, one line on stderr.
    public static let error: Int32 = 1
    /// With `--detailed-exitcode`: success, and the plan has changes.
    public static let changesPresent: Int32 = 2
    /// Held by a guard (deletion guard, shrink guard, stale plan) or by the lock of another run.
    public static let held: Int32 = 3
    /// Apply finished but some actions failed; the rest were applied and logged.
    public static let partialFailure: Int32 = 4
    /// A usage error (also a bare `hrsync`).
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
extension SpentPlan: GuardRefusal {}
extension OfflineSnapshots.OtherConfig: GuardRefusal {}
