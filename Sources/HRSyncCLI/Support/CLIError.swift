import Foundation

/// Errors of the command layer, each with a message that says what to do.
public enum CLIError: Error, Equatable {
    case configMissing(path: String)
    case configExists(path: String)
    case unreadable(path: String, reason: String)
    case nothingToShow(String)
    case fsckFaults(Int)
    case ownFile(path: String, what: String)

    var exitCode: Int32 {
        switch self {
        case .configMissing, .configExists, .unreadable, .nothingToShow, .fsckFaults: ExitStatus.error
        case .ownFile: ExitStatus.usage
        }
    }
}

extension CLIError: LocalizedError {
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
            "fsck found \(count) fault(s)"
        case .ownFile(let path, let what):
            "refusing to write to \(path): that is \(what), hrsync's own; give another file"
        }
    }
}
