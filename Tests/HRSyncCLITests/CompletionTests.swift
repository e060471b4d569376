import Foundation
import HRSyncTestSupport
import Testing

/// The bash completion, loaded into bash as a user's shell loads it: file names where a file goes,
/// plan files for `apply`, revisions (and saved plans) for `show`, `revert`, `diff`.
@Suite struct CompletionTests {
    /// What bash offers for `words` (the last one being completed), in `folder`: `_hrsync` called as
    /// bash calls it (command, current word, previous word).
    static func offers(_ words: [String], in folder: URL) throws -> [String] {
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let script = """
            source <(hrsync --generate-completion-script bash) 2>/dev/null
            COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
            COMPREPLY=()
            _hrsync "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}" 2>/dev/null; printf '%s\\n' "${COMPREPLY[@]}"
            """
        var runner = BinaryRunner(directory: folder)
        runner.program = URL(fileURLWithPath: "/bin/bash")
        let path = BinaryRunner.executable.deletingLastPathComponent().path + ":/usr/bin:/bin"
        let result = try runner.run("-c", "PATH=\(path); " + script)
        return result.stdout.split(separator: "\n").map(String.init).sorted()
    }

    @Test func filesRevisionsAndPlansAreCompleted() throws {
        let scratch = try Scratch()
        for name in ["night.plan", "hrsync.yaml", "notes.txt", "report.html"] {
            _ = FileManager.default.createFile(atPath: scratch.url.appendingPathComponent(name).path, contents: Data())
        }
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("plans"), withIntermediateDirectories: true)
        #expect(try Self.offers(["hrsync", "apply", ""], in: scratch.url) == ["night.plan", "plans"])
        #expect(try Self.offers(["hrsync", "plan", "-c", ""], in: scratch.url) == ["hrsync.yaml", "plans"])
        #expect(try Self.offers(["hrsync", "plan", "--html", ""], in: scratch.url) == ["plans", "report.html"])
        #expect(try Self.offers(["hrsync", "plan", "--state", ""], in: scratch.url) == ["plans"])
        #expect(try Self.offers(["hrsync", "revert", "HEAD"], in: scratch.url) == ["HEAD", "HEAD~1", "HEAD~2", "HEAD~3"])
        let show = try Self.offers(["hrsync", "show", ""], in: scratch.url)
        #expect(show.contains("HEAD~1") && show.contains("personio~1") && show.contains("night.plan") && !show.contains("notes.txt"), "\(show)")
        #expect(try Self.offers(["hrsync", "diff", "pers"], in: scratch.url) == ["personio", "personio~1", "personio~2"])
    }

    /// Global options may come before the command (`hrsync -c FILE plan`): their values are
    /// completed there too, and the command after them is the one whose options are offered.
    @Test func globalOptionsBeforeTheCommand() throws {
        let scratch = try Scratch()
        for name in ["hrsync.yaml", "notes.txt"] {
            _ = FileManager.default.createFile(atPath: scratch.url.appendingPathComponent(name).path, contents: Data())
        }
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("state"), withIntermediateDirectories: true)
        #expect(try Self.offers(["hrsync", "-c", ""], in: scratch.url) == ["hrsync.yaml", "state"])
        #expect(try Self.offers(["hrsync", "--state", ""], in: scratch.url) == ["state"])
        #expect(try Self.offers(["hrsync", "-c", "hrsync.yaml", "pl"], in: scratch.url) == ["plan"])
        #expect(try Self.offers(["hrsync", "-c", "hrsync.yaml", "--json", "plan", "--detailed"], in: scratch.url) == ["--detailed-exitcode"])
        #expect(try Self.offers(["hrsync", "--state", "state", "apply", "--auto"], in: scratch.url) == ["--auto-approve"])
        #expect(try Self.offers(["hrsync", "-c", "hrsync.yaml", "plan", "--html", ""], in: scratch.url) == ["state"])
        // After the command, as before.
        #expect(try Self.offers(["hrsync", "plan", "-c", ""], in: scratch.url) == ["hrsync.yaml", "state"])
    }
}
