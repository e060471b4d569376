import Foundation
import HRSyncCore

/// A hold on unattended applies (`hrsync revert --hold`): while `hold` exists, `apply` without a
/// plan file (the cron form) refuses, so the night's run does not undo a revert before the config
/// or Personio is fixed. `hrsync release` (or `apply --release-hold`) lifts it.
public struct Hold: Codable, Equatable, Sendable {
    /// When the hold was set.
    public var since: Date
    /// Who set it, as `user@host`.
    public var by: String
    /// Why ("revert of <apply>"); `status` and the refused apply show it.
    public var reason: String

    /// A hold to write with `setHold`.
    public init(since: Date, by: String, reason: String) {
        self.since = since
        self.by = by
        self.reason = reason
    }
}

extension StateDirectory {
    var holdPath: String { "\(path)/hold" }

    /// The hold in force, nil when there is none; throws when the `hold` file does not read (`hrsync release` removes it).
    public func hold() throws -> Hold? {
        guard FileSystem.exists(holdPath) else { return nil }
        do { return try CanonicalJSON.decode(Hold.self, from: try FileSystem.read(holdPath)) } catch {
            throw StoreError.corruptObject(id: "hold", path: holdPath, reason: "unreadable hold; remove it with 'hrsync release'")
        }
    }

    /// Sets or replaces the hold: `hold` in the state directory, written atomically (0600).
    public func setHold(_ hold: Hold) throws {
        try FileSystem.writeAtomically(try CanonicalJSON.encode(hold), to: holdPath)
    }

    /// Lifts the hold; returns what it was (nil: there was none).
    @discardableResult
    public func releaseHold() throws -> Hold? {
        let previous = try? hold()
        guard FileSystem.exists(holdPath) else { return nil }
        guard unlink(holdPath) == 0 else { throw StoreError.io(path: holdPath, operation: "remove", errno: errno) }
        try FileSystem.syncDirectory(path)
        return previous ?? Hold(since: Date(timeIntervalSince1970: 0), by: "?", reason: "unreadable")
    }
}
