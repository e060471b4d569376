import Foundation
import HRSyncCore
import HRSyncStore

/// A plan file handed to `apply PLAN`: trusted only when its exact bytes are a plan object this
/// state directory stored (`plan -o` writes those bytes). An edited plan, one from another state
/// directory or of another format is refused before anything is decoded into an action.
enum PlanFile {
    enum Refusal: Error, LocalizedError, GuardRefusal {
        case edited(path: String)
        case unsupportedVersion(path: String, version: String)
        case notAPlan(path: String)
        /// The plan was stored here, but `forget` rewrote it (on that day) without the person it erased.
        case rewrittenByForget(path: String, on: Date)
        /// The plan was stored here, but `gc` collected it (on that day).
        case collected(path: String, on: Date)

        var errorDescription: String? {
            switch self {
            case .edited(let path):
                "\(path) is not a plan this state directory stored (it was edited, or comes from another state directory): refused; run 'hrsync plan -o FILE' again and review that"
            case .unsupportedVersion(let path, let version):
                "\(path) is a plan of format \(version); this hrsync applies formats \(ListFormatter.and(Plan.readableVersions.sorted())) only: run 'hrsync plan -o FILE' again"
            case .notAPlan(let path):
                "\(path) is not a plan written by 'hrsync plan -o'"
            case .rewrittenByForget(let path, let day):
                "forget rewrote the state directory on \(PlanFile.day(day)): \(path) was planned before that and no longer applies: refused; plan again ('hrsync plan -o FILE')"
            case .collected(let path, let day):
                "gc collected the plan \(path) holds on \(PlanFile.day(day)): refused; plan again ('hrsync plan -o FILE')"
            }
        }
    }

    static func day(_ date: Date) -> String {
        ISO8601DateFormatter.string(from: date, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
    }

    /// Plans are a few MB even for 100,000 employees; anything far larger is not one.
    static let maxBytes = 512 << 20

    static func load(_ path: String, state: StateDirectory) throws -> (Plan, ObjectID) {
        let bytes = try FileSystemReader.regularFile(path, limit: maxBytes)
        let id = ObjectStore.id(of: .plan, bytes)
        guard state.objects.contains(id) else {
            // Stored once, then rewritten or collected: say which command did it, not "edited".
            switch try? state.rewrites().entries[id] {
            case .rewritten(_, let day)?: throw Refusal.rewrittenByForget(path: path, on: day)
            case .collected(let day)?: throw Refusal.collected(path: path, on: day)
            case nil: break
            }
            // Say "another version" rather than "edited" when that is what it is.
            if let version = try? CanonicalJSON.decode(Version.self, from: bytes).formatVersion, !Plan.readableVersions.contains(version) {
                throw Refusal.unsupportedVersion(path: path, version: version)
            }
            throw Refusal.edited(path: path)
        }
        let stored = try state.objects.get(id, as: .plan)
        guard stored == bytes, let plan = try? CanonicalJSON.decode(Plan.self, from: stored) else { throw Refusal.notAPlan(path: path) }
        guard Plan.readableVersions.contains(plan.formatVersion) else { throw Refusal.unsupportedVersion(path: path, version: plan.formatVersion) }
        return (plan, id)
    }

    struct Version: Decodable {
        var formatVersion: String
        enum CodingKeys: String, CodingKey { case formatVersion = "format_version" }
    }
}

/// Reading a file a user names: a regular file (not a FIFO or device that could block or never
/// end), at most `limit` bytes.
enum FileSystemReader {
    static func regularFile(_ path: String, limit: Int) throws -> Data {
        var info = stat()
        guard stat(path, &info) == 0 else { throw CLIError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw CLIError.unreadable(path: path, reason: "not a regular file") }
        guard Int(info.st_size) <= limit else { throw CLIError.unreadable(path: path, reason: "larger than \(limit >> 20) MiB") }
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError.unreadable(path: path, reason: "cannot be read") }
        return data
    }
}
