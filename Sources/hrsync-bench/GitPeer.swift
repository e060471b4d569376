import Foundation

/// The peer for `store-year`: the same canonical JSON snapshots committed day after day to a git
/// repository and packed with `git gc --aggressive`, which is what an admin would otherwise do.
struct GitPeer {
    let path: String
    private var day = 0

    struct Failure: LocalizedError {
        var errorDescription: String?
    }

    init() throws {
        path = NSTemporaryDirectory() + "hrsync-bench-git-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try git("init", "-q")
    }

    /// One commit holding `records` as a JSON array sorted by key, one record per line (the layout
    /// that lets git's deltas see unchanged records). Returns the file's size.
    @discardableResult
    mutating func commit(_ records: [String: Data]) throws -> Int {
        var file = Data("[\n".utf8)
        let keys = records.keys.sorted()
        for (index, key) in keys.enumerated() {
            file.append(records[key]!)
            file.append(contentsOf: Array((index + 1 < keys.count ? ",\n" : "\n").utf8))
        }
        file.append(contentsOf: Array("]\n".utf8))
        try file.write(to: URL(fileURLWithPath: path + "/personio.json"))
        try git("add", "personio.json")
        let date = "\(1_790_000_000 + day * 86_400) +0100"
        try git("commit", "-q", "-m", "pull \(day)", environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
        day += 1
        return file.count
    }

    /// Packs everything with `git gc --aggressive` and returns the bytes of the packs (.pack + .idx).
    func gcAggressive() throws -> Int {
        try git("gc", "--aggressive", "-q")
        let packs = path + "/.git/objects/pack"
        let names = try FileManager.default.contentsOfDirectory(atPath: packs)
        return names.filter { $0.hasSuffix(".pack") || $0.hasSuffix(".idx") }.reduce(0) { total, name in
            total + ((try? FileManager.default.attributesOfItem(atPath: "\(packs)/\(name)")[.size] as? Int) ?? 0)
        }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    private func git(_ arguments: String..., environment: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [
                "git", "-C", path, "-c", "user.name=hrsync-bench", "-c", "user.email=bench@hrsync.invalid",
                "-c", "commit.gpgsign=false", "-c", "gc.auto=0"
            ] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(errorDescription: "git \(arguments.joined(separator: " ")) failed: \(String(decoding: message, as: UTF8.self))")
        }
    }
}
