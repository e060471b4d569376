import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where output goes: data to stdout; progress, warnings and errors to stderr.
struct Console {
    var quiet = false
    var verbose = false
    var color = false

    init(_ options: GlobalOptions) {
        quiet = options.quiet
        verbose = options.verbose
        color = !options.noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) == 1
    }

    func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    func info(_ text: String) {
        if !quiet { Self.err(text) }
    }

    func detail(_ text: String) {
        if verbose { Self.err(text) }
    }

    func warn(_ text: String) {
        if !quiet { Self.err("warning: \(text)") }
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
