import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncStore

/// The hooks the end-to-end tests drive through the environment, read here and nowhere else, and
/// injected into the engine (which knows nothing of environment variables). Only a debug build
/// (what `swift test` builds and drives) reads them: `HRSYNC_TEST_HOOKS` is defined for the debug
/// configuration alone (Package.swift), so the release binary sees an empty environment here and
/// no `HRSYNC_TEST_` name is even in it (scripts/check-install.sh checks both).
enum TestHooks {
    #if HRSYNC_TEST_HOOKS
        static var environment: [String: String] { ProcessInfo.processInfo.environment }

        /// HRSYNC_TEST_RATE_LIMIT_SCALE: speeds the vendors' limits up against an unthrottled sandbox.
        static var rateLimitScale: Double {
            // Only a finite factor above 1 speeds anything up; 0 or a negative one would divide by zero.
            guard let scale = environment["HRSYNC_TEST_RATE_LIMIT_SCALE"].flatMap(Double.init), scale.isFinite, scale >= 1 else { return 1 }
            return scale
        }

        /// HRSYNC_TEST_TODAY=yyyy-MM-dd: the day date rules (the pre-start window) take as today.
        static var today: String? {
            environment["HRSYNC_TEST_TODAY"].flatMap { CalendarDay.adding(0, to: $0) }
        }

        /// HRSYNC_TEST_NOW=ISO 8601 instant (2027-03-01T09:00:00Z): the time hrsync records instead of
        /// the wall clock (log entries, snapshots, gc's and forget's dates), for a history of several days.
        static var now: Date? {
            environment["HRSYNC_TEST_NOW"].flatMap { ISO8601DateFormatter().date(from: $0) }
        }

        /// HRSYNC_TEST_KILL_AFTER=N: SIGKILL right after action N is journaled;
        /// HRSYNC_TEST_KILL_BEFORE_JOURNAL=N: right after action N took effect, before its journal line;
        /// HRSYNC_TEST_KILL_AFTER_BULK=1: right after a bulk operation was posted and journaled, while it runs.
        static var apply: ApplyHooks {
            let killAfterBulk = environment["HRSYNC_TEST_KILL_AFTER_BULK"] == "1"
            return ApplyHooks(
                actionTookEffect: killer(environment["HRSYNC_TEST_KILL_BEFORE_JOURNAL"]),
                actionJournaled: killer(environment["HRSYNC_TEST_KILL_AFTER"]),
                bulkJournaled: { _ in if killAfterBulk { kill(getpid(), SIGKILL) } })
        }

        /// HRSYNC_TEST_KILL_GC_AT=N: SIGKILL gc or forget right after its Nth durable step (an object
        /// written, the rewrite map saved, a ref moved, an object deleted).
        static var retention: RetentionHooks {
            RetentionHooks(step: killer(environment["HRSYNC_TEST_KILL_GC_AT"]))
        }

        /// HRSYNC_TEST_LOCK_HANDSHAKE=DIR: once the lock is held, create DIR/held and wait until
        /// DIR/release exists, so a test decides when a racing second process starts (no sleeps).
        static func lockAcquired() {
            guard let folder = environment["HRSYNC_TEST_LOCK_HANDSHAKE"], !folder.isEmpty else { return }
            _ = FileManager.default.createFile(atPath: folder + "/held", contents: Data("\(getpid())".utf8))
            while !FileManager.default.fileExists(atPath: folder + "/release") { usleep(5_000) }
        }

        private static func killer(_ value: String?) -> @Sendable (Int) -> Void {
            guard let limit = value.flatMap(Int.init) else { return { _ in } }
            return { index in if index >= limit { kill(getpid(), SIGKILL) } }
        }
    #else
        static var rateLimitScale: Double { 1 }
        static var today: String? { nil }
        static var now: Date? { nil }
        static var apply: ApplyHooks { ApplyHooks() }
        static var retention: RetentionHooks { RetentionHooks() }
        static func lockAcquired() {}
    #endif
}
