import ArgumentParser
import Foundation

/// The bash completion script, with the global options before the command. hrsync takes
/// `hrsync -c FILE plan` as `hrsync plan -c FILE` (`HRSyncCommand.hoistingGlobalOptions`), which
/// ArgumentParser's script does not know: its root function took `FILE` for the command, so
/// `hrsync -c x.yaml plan --<TAB>` offered nothing and `hrsync -c <TAB>` offered commands. The
/// root function is given the global options (their values skipped, `-c` and `--state`
/// completed as after a command); a script whose root function is not as expected stays as it is.
enum BashCompletion {
    static func script() -> String {
        patched(HRSyncCommand.completionScript(for: .bash))
    }

    static func patched(_ script: String) -> String {
        guard let start = script.range(of: "\n_hrsync() {\n"),
            let end = script.range(of: "\n}\n", range: start.upperBound..<script.endIndex)
        else { return script }
        let body = script[start.upperBound..<end.lowerBound]
        let flags = "    local -a non_repeating_flags=(--version -h --help)\n"
        let options = "    local -a non_repeating_options=()\n    __hrsync_offer_flags_options 0\n"
        guard body.contains(flags), body.contains(options) else { return script }
        let globalFlags = HRSyncCommand.globalFlags.joined(separator: " ")
        let globalOptions = HRSyncCommand.globalOptionsWithValue.joined(separator: " ")
        let patchedBody =
            body
            .replacingOccurrences(of: flags, with: "    local -a non_repeating_flags=(\(globalFlags) --version -h --help)\n")
            .replacingOccurrences(
                of: options,
                with: """
                        local -a non_repeating_options=(\(globalOptions))
                        __hrsync_offer_flags_options 0

                        # A global option's value, before the command
                        case "${prev}" in
                        '-c'|'--config')
                            __hrsync_add_completions -o plusdirs -fX '!*.@(yaml|yml)'
                            return
                            ;;
                        '--state')
                            __hrsync_add_completions -d
                            return
                            ;;
                        esac

                    """)
        return script.replacingCharacters(in: start.upperBound..<end.lowerBound, with: patchedBody)
    }
}
