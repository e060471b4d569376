import Foundation
import HRSyncCore
import HRSyncSandbox
import Yams

/// `hrsync-sandbox config --state FILE --config PRODUCTION.yaml` for a replica: the sandbox's URLs,
/// the production config's sync section (its filters' emails rewritten as the replica rewrote every
/// email), its admin (rewritten too) and language, invitations off, and a state directory of its own
/// next to the replica's file. Every value it writes itself is quoted.
enum ReplicaConfig {
    static func yaml(_ saved: SandboxState, stateFile: String, production path: String) throws -> String {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let production = try ConfigLoader.load(yaml: text, file: path)
        guard let document = try Yams.compose(yaml: text), let sync = document.mapping?["sync"] else {
            throw ReplicaConfigError.noSyncSection(path)
        }
        let folder = URL(fileURLWithPath: stateFile).deletingLastPathComponent().standardizedFileURL.path
        let rewrite = try rewriting(saved, folder: folder, stateFile: stateFile)
        let syncText = try Yams.serialize(node: Node.mapping(Node.Mapping([(Node("sync"), Self.filtersRewritten(sync, rewrite))])))
        let admin = rewrite.emails?.rewrite(production.learning360.adminEmail) ?? production.learning360.adminEmail
        let origin = saved.replica.map { " of \($0.stateDirectory)" } ?? ""
        return """
            # Written by 'hrsync-sandbox config --config \(YAMLText.comment(path))' for the replica\(YAMLText.comment(origin)):
            # plan against it to try a change of the sync section on real data. Nothing reaches production.
            # The replica takes the sandbox's fixed test credentials (never production's), from the environment:
            #   export PERSONIO_CLIENT_ID=\(PersonioEmulator.clientID) PERSONIO_CLIENT_SECRET=\(PersonioEmulator.clientSecret)
            #   export L360_CLIENT_ID=\(Learning360Emulator.clientID) L360_CLIENT_SECRET=\(Learning360Emulator.clientSecret)
            personio:
              base_url: \(YAMLText.quoted("http://127.0.0.1:\(saved.personioPort)"))
              app_id: HRSYNC_SANDBOX
            learning360:
              base_url: \(YAMLText.quoted("http://127.0.0.1:\(saved.learning360Port)"))
              admin_email: \(YAMLText.quoted(admin))
              send_invitations: false
              default_language: \(YAMLText.quoted(production.learning360.defaultLanguage))
            state:
              dir: \(YAMLText.quoted(folder + "/state"))
            \(syncText)
            """
    }

    /// The replica's email rewrite (nil with `--keep-emails`) and the addresses it produced.
    struct Rewrite {
        var emails: ReplicaEmail?
        var produced: Set<String>

        /// A filter value's rewrite when it is a source email (its rewrite is one the replica holds).
        func callAsFunction(_ value: String) -> String? {
            guard let mail = emails?.rewrite(value), produced.contains(mail) else { return nil }
            return mail
        }
    }

    static func rewriting(_ saved: SandboxState, folder: String, stateFile: String) throws -> Rewrite {
        guard let origin = saved.replica, origin.emailsRewritten else { return Rewrite(emails: nil, produced: []) }
        guard let keyFile = origin.emailKeyFile else { throw ReplicaConfigError.noKey(stateFile) }
        return Rewrite(emails: try ReplicaEmail.load(folder + "/" + keyFile), produced: saved.replicaAddresses)
    }

    /// `sync` with every filter value that is a source email rewritten (an attribute's name and a
    /// `matches` pattern are not values an email is compared with).
    static func filtersRewritten(_ sync: Node, _ rewrite: Rewrite) -> Node {
        guard case .mapping(let mapping) = sync else { return sync }
        let pairs = mapping.map { key, value in (key, key.string == "filters" ? Self.values(value, under: nil, rewrite) : value) }
        return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style))
    }

    static func values(_ node: Node, under key: String?, _ rewrite: Rewrite) -> Node {
        switch node {
        case .scalar(let scalar):
            guard key != "attribute", key != "matches", let mail = rewrite(scalar.string) else { return node }
            return Node(mail)
        case .mapping(let mapping):
            return .mapping(Node.Mapping(mapping.map { ($0, Self.values($1, under: $0.string, rewrite)) }, mapping.tag, mapping.style))
        case .sequence(let sequence):
            return .sequence(Node.Sequence(sequence.map { Self.values($0, under: key, rewrite) }, sequence.tag, sequence.style))
        default:
            return node
        }
    }
}

/// Why no replica config can be written.
enum ReplicaConfigError: Error, LocalizedError {
    case noSyncSection(String)
    case notAReplica(String)
    case noKey(String)

    var errorDescription: String? {
        switch self {
        case .noSyncSection(let path): "\(path) has no sync section to copy"
        case .notAReplica(let path): "\(path) is not a replica's state file (start one with 'hrsync-sandbox serve --from-state DIR')"
        case .noKey(let path):
            "\(path) is a replica from an older hrsync-sandbox, whose email rewrite had no key: start it again with 'hrsync-sandbox serve --from-state DIR'"
        }
    }
}
