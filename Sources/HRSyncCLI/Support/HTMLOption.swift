import ArgumentParser
import Foundation

/// `--html FILE`: the plan (or apply) as one self-contained page, written 0600 like a plan file.
struct HTMLOption: ParsableArguments {
    @Option(
        name: .customLong("html"), help: ArgumentHelp("Also write the plan as a self-contained HTML page.", valueName: "file"),
        completion: .file(extensions: ["html"]))
    var path: String?

    func write(_ report: @autoclosure () -> HTMLReport, console: Console) throws {
        guard let path else { return }
        try PrivateFile.write(Data(report().render().utf8), to: path)
        console.info("report written to \(path)")
    }
}
