import Foundation
import HRSyncCore

/// Errors of the command layer, each with a message that says what to do.
public enum CLIError: Error, Equatable {
    /// No config file at `path` (exit 1).
    case configMissing(path: String)
    /// `init` would overwrite the config at `path` and `--force` was not given (exit 1).
    case configExists(path: String)
    /// A file the command reads (config, plan) cannot be used; `reason` says why (exit 1).
    case unreadable(path: String, reason: String)
    /// Nothing to show or do for what was asked (an empty log, an unknown person, a cancelled apply); the text says why (exit 1).
    case nothingToShow(String)
    /// `fsck` found this many faults (exit 1).
    case fsckFaults(Int)
    /// An output path that is the config file or inside the state directory, `what` saying which (exit 64).
    case ownFile(path: String, what: String)

    var exitCode: Int32 {
        switch self {
        case .configMissing, .configExists, .unreadable, .nothingToShow, .fsckFaults: ExitStatus.error
        case .ownFile: ExitStatus.usage
        }
    }
}

extension CLIError: LocalizedError {
    /// The line `hrsync` prints after "error:": what went wrong and what to do.
    public var errorDescription: String? {
        switch self {
        case .configMissing(let path):
            "no config file at \(path) (run 'hrsync init' to write one, or pass -c FILE)"
        case .configExists(let path):
            "\(path) already exists; pass --force to overwrite it"
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        case .nothingToShow(let what):
            what
        case .fsckFaults(let count):
            "fsck found \(Plural.count(count, "fault"))"
        case .ownFile(let path, let what):
            "refusing to write to \(path): that is \(what), hrsync's own; give another file"
        }
    }
}
