import Foundation
import Testing

@testable import HRSyncStore

@Suite struct LockAndLogTests {
    @Test func aSecondHolderIsRefusedWithTheHoldersDetails() throws {
        let temp = try TemporaryState()
        let first = try temp.state.lock(command: "apply")
        do {
            _ = try temp.state.lock(command: "pull")
            Issue.record("two holders at once")
        } catch let StoreError.locked(holder, lockPath) {
            #expect(holder.pid == ProcessInfo.processInfo.processIdentifier)
            #expect(holder.command == "apply")
            #expect(holder.host == ProcessInfo.processInfo.hostName)
            #expect(lockPath == temp.state.lockPath)
        }
        first.release()
        let again = try temp.state.lock(command: "pull")
        #expect(again.tookOverFrom == nil, "a released lock leaves no holder behind")
        again.release()
    }

    @Test func aLockLeftByADeadProcessIsTakenOver() throws {
        let temp = try TemporaryState()
        let dead = LockHolder(pid: 999_999, host: "old-host", started: "2026-11-25T02:00:00Z", command: "apply --auto-approve")
        try JSONEncoder().encode(dead).write(to: URL(fileURLWithPath: temp.state.lockPath))
        let lock = try temp.state.lock(command: "plan")
        #expect(lock.tookOverFrom == dead)
        let recorded = try JSONDecoder().decode(LockHolder.self, from: Data(contentsOf: URL(fileURLWithPath: temp.state.lockPath)))
        #expect(recorded.command == "plan")
        lock.release()
    }

    @Test func refsAndLogRoundTrip() throws {
        let temp = try TemporaryState()
        // A side's ref names a snapshot of that side (fsck checks it).
        let id = try temp.state.snapshots.write(Snapshot(kind: Refs.personio, takenAt: Date(), records: syntheticRecords(1)), parent: nil)
        #expect(try temp.state.refs.get(Refs.personio) == nil)
        try temp.state.refs.set(Refs.personio, to: id)
        #expect(try temp.state.refs.get(Refs.personio) == id)

        let event = Event(
            kind: .pull, time: Date(timeIntervalSince1970: 1_800_000_000), user: "ops", host: "cron1",
            command: "hrsync pull", writes: [id], summary: "personio: 1 employee", people: ["1000"])
        try temp.state.log.append(event)
        try temp.state.log.append(Event(kind: .plan, time: Date(), user: "ops", host: "cron1", command: "hrsync plan", reads: [id], summary: "no changes"))
        let events = try temp.state.log.events()
        #expect(events.count == 2)
        #expect(events[0] == event)
        #expect(try temp.state.log.event(prefix: String(event.id.prefix(8))) == event)
        #expect(temp.state.fsck().isClean)
    }

    @Test func fsckFindsDanglingRefsAndLogEntriesAndTornLines() throws {
        let temp = try TemporaryState()
        let missing = ObjectID(hex: String(repeating: "ab", count: 32))!
        try temp.state.refs.set(Refs.learning360, to: missing)
        try temp.state.log.append(Event(kind: .pull, time: Date(), user: "u", host: "h", command: "c", writes: [missing], summary: "s"))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temp.state.log.path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"id":"trunc"#.utf8))
        try handle.close()

        let faults = temp.state.fsck().faults
        #expect(faults.contains { $0.path.hasSuffix("refs/360learning") && $0.message.contains(missing.hex) })
        #expect(faults.contains { $0.path == temp.state.log.path && $0.message.contains(missing.hex) })
        #expect(faults.contains { $0.path == "\(temp.state.log.path):2" })
    }
}
