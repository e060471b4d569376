import Foundation
import HRSyncCore
import HRSyncStore

/// Where a replica comes from: the state directory and the two snapshots it was seeded from.
public struct ReplicaOrigin: Codable, Sendable, Equatable {
    /// The state directory, as given.
    public var stateDirectory: String
    /// The Personio snapshot's id.
    public var personioSnapshot: String
    /// The 360Learning snapshot's id.
    public var learning360Snapshot: String
    /// When the older of the two was taken.
    public var takenAt: Date
    /// Whether emails were rewritten to `@example.invalid` (false only with `--keep-emails`).
    public var emailsRewritten: Bool
    /// The rewrite's key file, beside the replica's state file (`ReplicaEmail`); nil when emails are kept.
    public var emailKeyFile: String?

    enum CodingKeys: String, CodingKey {
        case stateDirectory = "state_directory", personioSnapshot = "personio_snapshot", learning360Snapshot = "learning360_snapshot"
        case takenAt = "taken_at", emailsRewritten = "emails_rewritten", emailKeyFile = "email_key_file"
    }
}

/// `hrsync-sandbox serve --from-state DIR`: both emulated APIs seeded from the latest snapshots of
/// an hrsync state directory, read through the store's own snapshot codec (the snapshot format,
/// not any vendor's wire format) and turned into the sandbox's own records.
public enum ReplicaSource {
    /// How a replica is made.
    public struct Options: Sendable {
        /// How the source's emails are rewritten to `@example.invalid`; nil keeps them (`--keep-emails`).
        public var emails: ReplicaEmail?
        /// The oldest snapshot accepted (default 7 days), unless `force`.
        public var maxAge: TimeInterval = 7 * 86_400
        /// Accept snapshots older than `maxAge`.
        public var force = false
        /// The time ages are measured from.
        public var now = Date()
        /// At most 7 days old; emails rewritten with `emails` (nil: kept).
        public init(emails: ReplicaEmail?) { self.emails = emails }
    }

    /// Why a state directory cannot be a replica's source; each says what to do instead.
    public enum Refusal: Error, LocalizedError, Equatable {
        /// That side has no snapshot yet.
        case noSnapshot(side: String)
        /// The ref names a targeted (partial) snapshot: it holds a few people only.
        case partial(side: String, snapshot: String)
        /// The snapshot is older than `--max-age`.
        case tooOld(side: String, days: Int, limitDays: Double)

        /// What is wrong and the command that fixes it.
        public var errorDescription: String? {
            switch self {
            case .noSnapshot(let side): "the state directory has no \(side) snapshot: run 'hrsync pull' first"
            case .partial(let side, let id):
                "the latest \(side) snapshot (\(id.prefix(12))) is a targeted, partial one (plan --person): it holds a few people only; run a full 'hrsync pull' first"
            case .tooOld(let side, let days, let limit):
                "the latest \(side) snapshot is \(days) days old (--max-age is \(String(format: "%g", limit)) days): run 'hrsync pull' for fresh data, or pass --force to use it anyway"
            }
        }
    }

    /// The replica's people, platform and origin from the latest snapshots of the state directory at `path`.
    public static func load(stateDirectory path: String, _ options: Options) throws -> (
        people: [ReplicaEmployee], platform: Learning360Emulator.Saved, origin: ReplicaOrigin
    ) {
        let state = try StateDirectory.open(at: path)
        var taken: [Date] = []
        func latest(_ ref: String, side: String) throws -> Snapshot {
            guard let id = try state.refs.get(ref) else { throw Refusal.noSnapshot(side: side) }
            let info = try state.snapshots.info(id)
            guard info.meta[StateDirectory.partialMeta] != "true" else { throw Refusal.partial(side: side, snapshot: id.hex) }
            let age = options.now.timeIntervalSince(info.takenAt)
            guard options.force || age <= options.maxAge else {
                throw Refusal.tooOld(side: side, days: Int(age / 86_400), limitDays: options.maxAge / 86_400)
            }
            taken.append(info.takenAt)
            return try state.snapshots.read(id)
        }
        let personioID = try state.refs.get(Refs.personio), lmsID = try state.refs.get(Refs.learning360)
        let employees = try PersonioSnapshotRecords.decode(try latest(Refs.personio, side: "Personio").records)
        let lms = try LMSSnapshotRecords.decode(try latest(Refs.learning360, side: "360Learning").records)
        // Every value equal to a source email (as matching compares them), wherever it is: a custom
        // field mapped from `email`, a filter's attribute, a name field someone filled with an address.
        let known = Set(employees.values.compactMap(\.email).map(MatchRule.normalize) + lms.users.values.compactMap(\.mail).map(MatchRule.normalize))
        let redact: (String) -> String = { text in
            guard let emails = options.emails, known.contains(MatchRule.normalize(text)) else { return text }
            return emails.rewrite(text)
        }
        let origin = ReplicaOrigin(
            stateDirectory: path, personioSnapshot: personioID?.hex ?? "", learning360Snapshot: lmsID?.hex ?? "",
            takenAt: taken.min() ?? options.now, emailsRewritten: options.emails != nil, emailKeyFile: options.emails?.keyFile)
        return (people(employees, redact: redact), ReplicaPlatform.saved(from: lms, redact: redact), origin)
    }

    static func people(_ employees: [Int: Employee], redact: (String) -> String) -> [ReplicaEmployee] {
        employees.keys.sorted().map { id in
            let employee = employees[id]!
            var attributes: [String: ReplicaEmployee.Value] = [:]
            for (key, value) in employee.attributes {
                switch value {
                case .text(let text): attributes[key] = .text(redact(text))
                case .date(let day): attributes[key] = .date(day)
                case .list(let names): attributes[key] = .list(names.map(redact))
                case .employee(let other): attributes[key] = .employee(other)
                case .empty: attributes[key] = .empty
                }
            }
            return ReplicaEmployee(id: id, attributes: attributes)
        }
    }
}
