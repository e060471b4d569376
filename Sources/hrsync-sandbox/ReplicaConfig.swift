import Foundation
import HRSyncCore
import HRSyncSandbox
import Yams

/// `hrsync-sandbox config --state FILE --config PRODUCTION.yaml` for a replica: the sandbox's URLs,
/// the production config's sync section as written, its admin (rewritten as the replica rewrote
/// every email) and language, invitations off, and a state directory of its own next to the replica's file.
enum ReplicaConfig {
    static func yaml(_ saved: SandboxState, stateFile: String, production path: String) throws -> String {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let production = try ConfigLoader.load(yaml: text, file: path)
        guard let document = try Yams.compose(yaml: text), let sync = document.mapping?["sync"] else {
            throw ReplicaConfigError.noSyncSection(path)
        }
        let syncText = try Yams.serialize(node: Node.mapping(Node.Mapping([(Node("sync"), sync)])))
        let admin = saved.replica?.emailsRewritten == false ? production.learning360.adminEmail : ReplicaEmail.rewrite(production.learning360.adminEmail)
        let folder = URL(fileURLWithPath: stateFile).deletingLastPathComponent().standardizedFileURL.path
        let origin = saved.replica.map { " of \($0.stateDirectory)" } ?? ""
        return """
            # Written by 'hrsync-sandbox config --config \(path)' for the replica\(origin):
            # plan against it to try a change of the sync section on real data. Nothing reaches production.
            personio:
              base_url: http://127.0.0.1:\(saved.personioPort)
              app_id: HRSYNC_SANDBOX
            learning360:
              base_url: http://127.0.0.1:\(saved.learning360Port)
              admin_email: \(admin)
              send_invitations: false
              default_language: \(production.learning360.defaultLanguage)
            state:
              dir: \(folder)/state
            \(syncText)
            """
    }
}

/// Why no replica config can be written.
enum ReplicaConfigError: Error, LocalizedError {
    case noSyncSection(String)
    case notAReplica(String)

    var errorDescription: String? {
        switch self {
        case .noSyncSection(let path): "\(path) has no sync section to copy"
        case .notAReplica(let path): "\(path) is not a replica's state file (start one with 'hrsync-sandbox serve --from-state DIR')"
        }
    }
}
