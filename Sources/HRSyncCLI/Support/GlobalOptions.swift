import ArgumentParser
import Foundation

/// The options every command takes (README "Commands", Man/hrsync.1 GLOBAL OPTIONS).
public struct GlobalOptions: ParsableArguments {
    /// `-c`, `--config`: the config file.
    @Option(name: [.short, .customLong("config")], help: ArgumentHelp("The config file.", valueName: "file"), completion: .file(extensions: ["yaml", "yml"]))
    public var config: String = "hrsync.yaml"

    /// `--state`: the state directory; nil takes `state.dir` of the config, relative to the config file.
    @Option(
        name: .customLong("state"), help: ArgumentHelp("The state directory (default: state.dir of the config).", valueName: "dir"), completion: .directory)
    public var stateDirectory: String?

    /// `--json`: machine-readable output on stdout, where the command has output.
    @Flag(name: .customLong("json"), help: "Machine-readable output on stdout.")
    public var json = false

    /// `--no-color`: plain text; colours are off too when NO_COLOR is set or stdout is not a terminal.
    @Flag(name: .customLong("no-color"), help: "No colours (also when NO_COLOR is set).")
    public var noColor = false

    /// `-q`, `--quiet`: only errors on stderr.
    @Flag(name: .shortAndLong, help: "Only errors on stderr.")
    public var quiet = false

    /// `-v`, `--verbose`: more detail on stderr.
    @Flag(name: .shortAndLong, help: "More detail on stderr.")
    public var verbose = false

    /// For ArgumentParser.
    public init() {}

    /// Rejects `--quiet` together with `--verbose` (a usage error, exit 64).
    public func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other") }
    }
}
