import ArgumentParser
import Foundation

/// The options every command takes (README "Commands", Man/hrsync.1 GLOBAL OPTIONS).
public struct GlobalOptions: ParsableArguments {
    @Option(name: [.short, .customLong("config")], help: ArgumentHelp("The config file.", valueName: "file"))
    public var config: String = "hrsync.yaml"

    @Option(name: .customLong("state"), help: ArgumentHelp("The state directory (default: state.dir of the config).", valueName: "dir"))
    public var stateDirectory: String?

    @Flag(name: .customLong("json"), help: "Machine-readable output on stdout.")
    public var json = false

    @Flag(name: .customLong("no-color"), help: "No colours (also when NO_COLOR is set).")
    public var noColor = false

    @Flag(name: .shortAndLong, help: "Only errors on stderr.")
    public var quiet = false

    @Flag(name: .shortAndLong, help: "More detail on stderr.")
    public var verbose = false

    public init() {}

    public func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other") }
    }
}
